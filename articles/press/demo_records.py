"""
Press-council records for the demo (load_demo): one correction, one story
not yet verified, an advertorial, a right of reply and a takedown, so every
duty of the guideline can be seen on the demo site. Idempotent: each is
made only when missing.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Section
from articles.wire.importer import with_source_key

from .actions import add_correction, take_down
from .labels import PaidKind
from .models import Correction, RightOfReply, Takedown, Verification

CORRECTED = "Banjir Rendam Ribuan Rumah di Kabupaten Bandung, 3.200 Warga Mengungsi"
UNVERIFIED = "Serangan Siber Lumpuhkan Layanan Daring Tiga Pemerintah Daerah"
ANSWERED = "KPK Tahan Mantan Kepala Dinas PUPR Terkait Korupsi Pengadaan Alat Berat"

ADVERTORIAL = {
    "headline": "Tabungan Emas Digital Kian Diminati Pekerja Muda",
    "standfirst": "Mulai dari Rp 10.000, emas bisa dicicil lewat aplikasi.",
    "body": (
        "<p>Makin banyak pekerja muda menyisihkan gaji untuk emas. Bank Contoh Sejahtera menawarkan tabungan emas "
        'digital mulai dari Rp 10.000. Informasi lengkap di <a href="https://bank-contoh.example/emas">situs Bank Contoh</a>.</p>'
    ),
    "section": "ekonomi",
}
REPLY = {
    "headline": "Hak Jawab Kuasa Hukum Mantan Kepala Dinas PUPR",
    "standfirst": "Kuasa hukum menyatakan kliennya akan kooperatif dan menghormati proses hukum.",
    "body": "<p>Kuasa hukum mantan Kepala Dinas PUPR menyampaikan hak jawab atas pemberitaan sebelumnya. Kliennya, kata dia, belum pernah diperiksa sebagai tersangka sebelum penahanan dan akan kooperatif.</p>",
    "section": "hukum",
}
TAKEN_DOWN = {
    "headline": "Identitas Korban Kecelakaan Bus Pariwisata di Tol Cipali",
    "standfirst": "Sebuah bus pariwisata terguling di jalan tol.",
    "body": "<p>Berita contoh yang dicabut untuk demo.</p>",
    "section": "nasional",
}


def load_demo_records(users):
    """`users`: the demo accounts by user name (load_demo's)."""
    editor, chief = users["editor"], users["pemred"]
    created = 0
    corrected = _demo(CORRECTED)
    if corrected and corrected.is_live and not Correction.objects.filter(article=corrected).exists():
        add_correction(
            corrected, editor, kind="ralat",
            text="Sebelumnya tertulis 3.000 warga mengungsi; yang benar 3.200 warga, sesuai data BPBD Kabupaten Bandung.",
        )
        created += 1
    unverified = _demo(UNVERIFIED)
    if unverified and not Verification.objects.filter(article=unverified).exists():
        Verification.objects.create(article=unverified)
        created += 1
    advertorial, new = _article("advertorial", ADVERTORIAL, editor, hours=9, paid_kind=PaidKind.ADVERTORIAL)
    created += new
    answered, (reply, new) = _demo(ANSWERED), _article("hak-jawab", REPLY, editor, hours=26)
    created += new
    if answered and not RightOfReply.objects.filter(reply=reply).exists():
        RightOfReply.objects.create(reply=reply, original=answered, respondent="Kuasa hukum mantan Kepala Dinas PUPR")
    gone, new = _article("dicabut", TAKEN_DOWN, editor, hours=30)
    created += new
    if not Takedown.objects.filter(article=gone).exists():
        take_down(gone, chief, reason="victim", statement="Berita ini memuat identitas korban. Redaksi mencabutnya demi menghormati korban dan keluarganya.")
    return created


def _demo(headline):
    return with_source_key("demo:" + slugify(headline, allow_unicode=True)).first()


def _article(key, data, author, *, hours, **fields):
    existing = with_source_key(f"demo:press:{key}").first()
    if existing:
        return existing, 0
    article = Article(
        headline=data["headline"],
        standfirst=data["standfirst"],
        body=data["body"],
        section=Section.objects.filter(slug=data["section"]).first(),
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now().replace(second=0, microsecond=0) - timedelta(hours=hours),
        source_key=f"demo:press:{key}",
        created_by=author,
        updated_by=author,
        **fields,
    )
    article.full_clean()
    article.save()
    return article, 1
