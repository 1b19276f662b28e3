"""
The static pages load_demo creates (as flat pages editors can then edit):
the masthead, about, contact, our summary of the Dewan Pers guideline for
online media, the code of ethics and privacy. Written by us for the demo
outlet; the guideline itself is Dewan Pers's and is linked, not copied.
"""

from django.contrib.flatpages.models import FlatPage

from .redirects import current_site

DEWAN_PERS = "https://dewanpers.or.id/"

PAGES = [
    (
        "/redaksi/",
        "Redaksi",
        """
<p>Wartakum News diterbitkan oleh PT Warta Kita Umum (perusahaan contoh untuk demo Newsroom).</p>
<h2>Susunan redaksi</h2>
<ul>
<li><strong>Pemimpin Redaksi / Penanggung Jawab:</strong> Hendra Saputra</li>
<li><strong>Redaktur Pelaksana:</strong> Rina Kusumawardani</li>
<li><strong>Redaktur:</strong> Bayu Pratama, Siti Aminah Lubis, Dewi Larasati</li>
<li><strong>Reporter:</strong> Andreas Wibisono, Yohanes Tanamal, Nadia Harahap, Made Ayu Kartika, Fajar Hidayatullah</li>
<li><strong>Fotografer:</strong> Lukas Mahendra</li>
</ul>
<h2>Alamat redaksi</h2>
<p>Jalan Contoh Raya Nomor 12, Menteng, Jakarta Pusat 10310<br>Telepon (021) 555-0123 · Surel <a href="mailto:redaksi@wartakum.example">redaksi@wartakum.example</a></p>
<p>Wartakum News tunduk pada <a href="/pedoman-media-siber/">Pedoman Pemberitaan Media Siber</a> dan <a href="/kode-etik/">Kode Etik Jurnalistik</a>.</p>
""",
    ),
    (
        "/tentang-kami/",
        "Tentang Kami",
        """
<p>Wartakum News adalah media daring berbahasa Indonesia yang memberitakan politik, ekonomi, olahraga, teknologi dan kehidupan kota setiap hari.</p>
<p>Kami memisahkan berita dari iklan: setiap konten berbayar diberi label yang jelas. Kesalahan kami ralat secara terbuka di akhir berita dan di halaman <a href="/ralat/">Ralat</a>.</p>
""",
    ),
    (
        "/kontak/",
        "Kontak",
        """
<p>Redaksi: <a href="mailto:redaksi@wartakum.example">redaksi@wartakum.example</a> (juga untuk hak jawab dan permintaan koreksi).</p>
<p>Iklan dan kerja sama: <a href="mailto:iklan@wartakum.example">iklan@wartakum.example</a>.</p>
<p>Alamat dan susunan redaksi ada di halaman <a href="/redaksi/">Redaksi</a>.</p>
""",
    ),
    (
        "/pedoman-media-siber/",
        "Pedoman Pemberitaan Media Siber",
        f"""
<p>Sebagai media siber, Wartakum News mengikuti Pedoman Pemberitaan Media Siber yang ditetapkan Dewan Pers pada 2012. Di bawah ini ringkasan dengan kata-kata kami sendiri tentang apa yang pedoman itu minta dan bagaimana kami menjalankannya. Teks lengkap yang berlaku ada di situs <a href="{DEWAN_PERS}">Dewan Pers</a>.</p>
<h2>1. Ruang lingkup</h2>
<p>Pedoman berlaku bagi semua yang kami terbitkan di internet, termasuk isi yang dikirim pembaca.</p>
<h2>2. Verifikasi dan keberimbangan</h2>
<p>Setiap berita kami periksa sebelum terbit dan memberi ruang kepada pihak yang diberitakan. Bila sebuah berita mendesak terbit sebelum verifikasi selesai, di akhir berita kami tulis dalam kurung dan huruf miring bahwa berita itu masih perlu diverifikasi, lalu hasil verifikasinya kami terbitkan sebagai pembaruan yang ditautkan ke berita awal.</p>
<h2>3. Isi buatan pembaca</h2>
<p>Pembaca yang mengirim tulisan atau komentar terikat aturan yang kami umumkan: tidak boleh bohong, fitnah, sadis, cabul, bermuatan SARA atau menganjurkan kekerasan. Isi yang melanggar kami hapus.</p>
<h2>4. Ralat, koreksi dan hak jawab</h2>
<p>Ralat, koreksi dan hak jawab kami tautkan ke berita yang diralat atau dijawab, dengan waktu pemuatannya. Semua ralat juga tercantum di halaman <a href="/ralat/">Ralat</a>.</p>
<h2>5. Pencabutan berita</h2>
<p>Berita yang sudah terbit tidak kami cabut karena tekanan dari luar. Pencabutan hanya dilakukan karena alasan SARA, kesusilaan, masa depan anak, pengalaman traumatik korban, atau pertimbangan lain dari Dewan Pers, dan selalu disertai alasan yang diumumkan. Daftarnya ada di halaman <a href="/pencabutan/">Berita yang dicabut</a>.</p>
<h2>6. Iklan</h2>
<p>Konten berbayar selalu berlabel “Advertorial”, “Iklan” atau “Konten bersponsor”, agar pembaca dapat membedakannya dari berita.</p>
<h2>7. Hak cipta</h2>
<p>Kami menghormati hak cipta dan menyebut sumber setiap kutipan, foto dan data.</p>
<h2>8. Pencantuman pedoman</h2>
<p>Pedoman ini kami cantumkan di situs, di halaman ini, yang ditautkan dari bagian bawah setiap halaman.</p>
<h2>9. Sengketa</h2>
<p>Sengketa tentang pelaksanaan pedoman ini diselesaikan oleh Dewan Pers.</p>
""",
    ),
    (
        "/kode-etik/",
        "Kode Etik",
        f"""
<p>Wartakum News dan wartawannya menaati Kode Etik Jurnalistik yang ditetapkan Dewan Pers. Ringkasnya: wartawan bersikap independen, menghasilkan berita yang akurat dan berimbang, menguji informasi, tidak mencampurkan fakta dan opini yang menghakimi, melindungi identitas korban kejahatan susila dan anak pelaku kejahatan, menolak suap, menghormati hak narasumber, serta segera meralat berita yang keliru.</p>
<p>Teks lengkapnya ada di situs <a href="{DEWAN_PERS}">Dewan Pers</a>.</p>
""",
    ),
    (
        "/privasi/",
        "Privasi",
        """
<p>Situs ini tidak memasang pelacak, iklan pihak ketiga atau skrip dari luar. Kami hanya menyimpan cookie bahasa bila Anda memilih bahasa, dan cookie sesi bagi staf redaksi yang masuk.</p>
<p>Catatan akses server (alamat IP, halaman, waktu) disimpan untuk keamanan dan dihapus secara berkala.</p>
""",
    ),
]


def load_demo_pages():
    """Create the demo pages that are missing; returns how many were created."""
    site = current_site()
    created = 0
    for url, title, content in PAGES:
        page, new = FlatPage.objects.get_or_create(url=url, defaults={"title": title, "content": content.strip()})
        if new:
            page.sites.add(site)
            created += 1
    return created
