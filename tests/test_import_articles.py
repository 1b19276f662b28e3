"""import_articles with wire copy: output contract, identity, publishing, failures, crashes."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.wire.identity import content_fingerprint
from articles.wire.importer import WireImporter
from articles.models import Article, Contribution, Person
from tests.factories import make_article, make_person, make_section

FIXTURES = Path(__file__).parent / "fixtures" / "wire"
ROOT = Path(__file__).resolve().parent.parent


class TerminalStringIO(StringIO):
    def isatty(self):
        return True


def run_import(*args, tty=False):
    """Run the command; return its exit status, output rows (tab-split) and standard error."""
    out = StringIO()
    err = TerminalStringIO() if tty else StringIO()
    code = 0
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        code = exc.returncode
        err.write(f"CommandError: {exc}\n")
    lines = out.getvalue().splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("summary\t")]
    summary = [line for line in lines if line.startswith("summary\t")]
    return SimpleNamespace(code=code, out=out.getvalue(), rows=rows, summary=summary[-1] if summary else "", err=err.getvalue())


def story(headline="Warga Bantul panen padi lebih awal", standfirst="Hujan yang datang tepat waktu membuat gabah cepat menguning.", paragraphs=None, signoff="Wartakum News"):
    paragraphs = paragraphs or [
        "Petani di Kecamatan Pleret mulai memanen padi dua pekan lebih awal dari jadwal biasanya.",
        "“Gabahnya bagus, kering, dan bulirnya penuh,” kata Suparno, ketua kelompok tani setempat.",
        "Dinas Pertanian memperkirakan hasil panen naik sepuluh persen dibanding musim lalu.",
    ]
    return "\n".join([headline, standfirst, *paragraphs, signoff]) + "\n"


def write(folder, name, content):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.fixture
def wire_dir(tmp_path):
    folder = tmp_path / "kiriman"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture
def nasional(db):
    return make_section("Nasional", slug="nasional")


# --- Output contract ----------------------------------------------------------


def test_the_summary_counts_one_file_in_the_singular(db, wire_dir):
    result = run_import(wire_dir / "banjir-rob-pesisir.txt")
    assert result.summary.startswith("summary\t1 file: 1 created, 0 updated, 0 unchanged, 0 failed in ")


def test_folder_import_creates_drafts_and_reports_each_file(db, wire_dir):
    result = run_import(wire_dir)

    assert result.code == 0, result.err
    names = sorted(path.name for path in FIXTURES.glob("*.txt"))
    assert [row[1] for row in result.rows] == [str(wire_dir / name) for name in names]
    assert all(row[0] == "created" and len(row) == 3 for row in result.rows)
    assert result.summary.startswith(f"summary\t{len(names)} files: {len(names)} created, 0 updated, 0 unchanged, 0 failed in ")

    article = Article.objects.get(source_key="wire:banjir-rob-pesisir.txt")
    row = next(row for row in result.rows if row[1].endswith("banjir-rob-pesisir.txt"))
    assert row[2] == "/berita/banjir-rob-rendam-ratusan-rumah-di-pesisir-utara-semarang/" == article.get_absolute_url()
    assert article.status == Article.Status.DRAFT and article.publish_at is None
    assert article.headline == "Banjir rob rendam ratusan rumah di pesisir utara Semarang"
    assert article.standfirst.startswith("Air laut pasang setinggi 60 sentimeter masuk")
    assert article.body.startswith("<p>Ratusan rumah di Kelurahan Tanjung Mas, Semarang,")
    assert "<h2>Tanggul belum rampung</h2>" in article.body
    assert "Wartakum News" not in article.body
    assert article.created_by is None
    assert article.source_digest == content_fingerprint(article.headline, article.standfirst, article.body)


def test_nested_folders_hidden_files_and_other_extensions(db, tmp_path):
    write(tmp_path, "b/dua.txt", story("Berita kedua dari subfolder"))
    write(tmp_path, "a/satu.TXT", story("Berita pertama dari subfolder"))
    write(tmp_path, "catatan.md", story("Bukan berkas kiriman"))
    write(tmp_path, ".tersembunyi.txt", story("Berkas tersembunyi"))
    write(tmp_path, ".git/objek.txt", story("Isi folder tersembunyi"))
    explicit = write(tmp_path, "lain/naskah.text", story("Berkas yang disebut langsung"))

    result = run_import(tmp_path, explicit, tmp_path / "b" / "dua.txt")

    assert [row[1] for row in result.rows] == [str(tmp_path / "a/satu.TXT"), str(tmp_path / "b/dua.txt"), str(explicit)]
    assert Article.objects.count() == 3


def test_missing_path_stops_before_anything_is_imported(db, wire_dir):
    result = run_import(wire_dir, wire_dir / "tidak-ada.txt")
    assert result.code == 1
    assert "tidak-ada.txt: no such file or folder." in result.err
    assert result.rows == [] and Article.objects.count() == 0


def test_file_names_with_tabs_stay_on_one_line(db, tmp_path):
    write(tmp_path, "nama\tdengan tab.txt", story())
    result = run_import(tmp_path)
    assert result.rows[0][:2] == ["created", str(tmp_path / "nama\\tdengan tab.txt")]


def test_a_file_name_that_is_not_utf8_is_imported_under_a_stable_escaped_name(db, tmp_path):
    # Latin-1 "café", as a legacy system names files; Python hands the byte over as a surrogate.
    name = os.fsdecode(b"kiriman-caf\xe9.txt")
    write(tmp_path, name, story())
    write(tmp_path, "kiriman\\xe9.txt", story(headline="Nama berkas dengan garis miring terbalik"))

    result = run_import(tmp_path)
    assert result.code == 0, result.err
    assert sorted(row[:2] for row in result.rows) == [
        ["created", str(tmp_path / "kiriman-caf\\xe9.txt")],
        ["created", str(tmp_path / "kiriman\\\\xe9.txt")],
    ]
    assert set(Article.objects.values_list("source_key", flat=True)) == {"wire:kiriman-caf\\xe9.txt", "wire:kiriman\\xe9.txt"}
    assert [row[0] for row in run_import(tmp_path).rows] == ["unchanged", "unchanged"]


def test_a_folder_that_cannot_be_read_is_reported_not_skipped(db, tmp_path, monkeypatch):
    write(tmp_path / "kiriman", "baik.txt", story())
    write(tmp_path / "kiriman" / "terkunci", "tersembunyi.txt", story(headline="Berita di folder terkunci"))
    locked = str(tmp_path / "kiriman" / "terkunci")
    scandir = os.scandir

    def refuse_the_locked_folder(path="."):
        # The tests run as root, whom chmod does not stop: refuse as the kernel would.
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_the_locked_folder)
    result = run_import(tmp_path / "kiriman")

    assert result.code == 1
    assert result.rows[0] == ["failed", locked, "folder cannot be read (Permission denied); the files in it were not imported"]
    assert result.rows[1][:2] == ["created", str(tmp_path / "kiriman" / "baik.txt")]
    assert "2 files: 1 created, 0 updated, 0 unchanged, 1 failed" in result.summary
    assert list(Article.objects.values_list("headline", flat=True)) == ["Warga Bantul panen padi lebih awal"]


# --- Publishing ------------------------------------------------------------------


def test_publish_now_needs_a_section_and_makes_articles_live(db, wire_dir, nasional, client):
    result = run_import(wire_dir, "--publish", "--section", "nasional")
    assert result.code == 0
    article = Article.objects.get(source_key="wire:harga-cabai-rawit.txt")
    assert article.is_live and article.section == nasional
    assert article.first_published_at == article.publish_at
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Kementerian Perdagangan memperkirakan harga stabil" in response.text


@pytest.mark.parametrize("option", [["--publish"], ["--publish-at", "2030-01-01T07:00"]])
def test_publishing_without_a_section_is_refused_up_front(db, wire_dir, option):
    result = run_import(wire_dir, *option)
    assert result.code == 1
    assert "--publish and --publish-at need --section" in result.err
    assert result.rows == [] and Article.objects.count() == 0


def test_unknown_section_is_refused_up_front(db, wire_dir, nasional):
    result = run_import(wire_dir, "--section", "olahraga")
    assert result.code == 1
    assert "--section olahraga: no section has that slug (sections: nasional)." in result.err
    assert Article.objects.count() == 0


def test_publish_at_without_offset_is_wib_and_schedules(db, tmp_path, nasional):
    when = (timezone.now() + timedelta(days=2)).astimezone(ZoneInfo("Asia/Jakarta")).replace(second=0, microsecond=0)
    write(tmp_path, "terjadwal.txt", story())
    result = run_import(tmp_path, "--publish-at", when.strftime("%Y-%m-%dT%H:%M"), "--section", "nasional")
    assert result.code == 0
    article = Article.objects.get()
    assert article.publish_at == when
    assert article.is_scheduled
    assert not Article.objects.published().exists()


def test_publish_at_in_the_past_backdates(db, tmp_path, nasional):
    write(tmp_path, "arsip.txt", story())
    run_import(tmp_path, "--publish-at", "2019-05-01T08:30:00+07:00", "--section", "nasional")
    article = Article.objects.published().get()
    assert article.publish_at.astimezone(ZoneInfo("Asia/Jakarta")).isoformat() == "2019-05-01T08:30:00+07:00"


def test_bad_publish_at_is_refused(db, tmp_path, nasional):
    write(tmp_path, "a.txt", story())
    result = run_import(tmp_path, "--publish-at", "besok pagi", "--section", "nasional")
    assert result.code == 1 and "--publish-at 'besok pagi' is not an ISO 8601 date and time" in result.err
    assert Article.objects.count() == 0


def test_publish_and_publish_at_exclude_each_other(db, tmp_path, nasional):
    with pytest.raises(CommandError, match="not allowed with argument"):
        call_command("import_articles", str(tmp_path), "--publish", "--publish-at", "2030-01-01", "--section", "nasional")


# --- Author --------------------------------------------------------------------


def test_author_is_created_once_and_reused(db, wire_dir):
    result = run_import(wire_dir, "--author", "Dewi Lestari")
    assert result.code == 0
    person = Person.objects.get(name="Dewi Lestari")
    assert Contribution.objects.filter(person=person, role=Contribution.Role.WRITER).count() == Article.objects.count() == 3


def test_author_found_by_name_or_slug(db, tmp_path):
    existing = make_person("Dewi Lestari")
    write(tmp_path, "a.txt", story("Berita pertama tentang panen"))
    run_import(tmp_path, "--author", "dewi LESTARI")
    write(tmp_path, "b.txt", story("Berita kedua tentang panen"))
    run_import(tmp_path, "--author", existing.slug)
    assert Person.objects.count() == 1
    assert Contribution.objects.filter(person=existing).count() == 2


def test_ambiguous_or_invalid_author_is_refused_up_front(db, tmp_path):
    make_person("Budi Santoso", slug="budi-santoso")
    make_person("Budi Santoso", slug="budi-santoso-2")
    write(tmp_path, "a.txt", story())
    result = run_import(tmp_path, "--author", "Budi Santoso")
    assert result.code == 1
    assert "several people are called 'Budi Santoso' (budi-santoso, budi-santoso-2)" in result.err
    result = run_import(tmp_path, "--author", "N" * 121)
    assert result.code == 1 and "--author: name: Ensure this value has at most 120 characters" in result.err
    assert Article.objects.count() == 0


# --- Failures --------------------------------------------------------------------


def test_each_failure_is_reported_and_good_files_are_imported(db, tmp_path):
    write(tmp_path, "01-baik.txt", story())
    write(tmp_path, "02-kosong.txt", b"")
    write(tmp_path, "03-tanpa-isi.txt", "Judul saja\nDan ringkasannya.\n\nWartakum News\n")
    write(tmp_path, "04-latin1.txt", "Kafe di Bandung ramai\nRingkasan.\nPengunjung memesan café au lait.\n".encode("cp1252"))
    write(tmp_path, "05-biner.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    big = write(tmp_path, "06-besar.txt", story())
    with open(big, "ab") as handle:
        handle.truncate(3 * 1024 * 1024)
    write(tmp_path, "07-judul-panjang.txt", story("Sangat " * 40))
    write(tmp_path, "08-baik-juga.txt", story("Nelayan Cilacap kembali melaut"))

    result = run_import(tmp_path)

    reasons = {Path(row[1]).name: (row[0], row[2]) for row in result.rows}
    assert reasons == {
        "01-baik.txt": ("created", "/berita/warga-bantul-panen-padi-lebih-awal/"),
        "02-kosong.txt": ("failed", "empty file"),
        "03-tanpa-isi.txt": ("failed", "no body (nothing after the headline and standfirst)"),
        "04-latin1.txt": ("failed", "not UTF-8 text (byte 0xE9 on line 3 is not valid UTF-8)"),
        "05-biner.txt": ("failed", "binary data"),
        "06-besar.txt": ("failed", "too large (3.0 MiB; the limit is 2 MiB)"),
        "07-judul-panjang.txt": ("failed", "headline too long (279 characters on line 1; the limit is 200)"),
        "08-baik-juga.txt": ("created", "/berita/nelayan-cilacap-kembali-melaut/"),
    }
    assert result.code == 1
    assert "summary\t8 files: 2 created, 0 updated, 0 unchanged, 6 failed" in result.summary
    assert "CommandError: 6 of 8 files failed" in result.err
    assert Article.objects.count() == 2


def test_body_too_large_after_escaping_fails_cleanly(db, tmp_path):
    # 600 KB of "<" is under the file limit but 2.4 MB of HTML once escaped.
    write(tmp_path, "kurung.txt", "Judul\nRingkasan.\n" + "<" * 600_000 + "\n")
    result = run_import(tmp_path)
    assert result.rows[0][0] == "failed"
    assert "body: The body is 2.3\xa0MB; the most an article may hold is 2 MB of HTML." in result.rows[0][2]
    assert Article.objects.count() == 0


def test_same_file_name_twice_in_one_run(db, tmp_path):
    write(tmp_path, "2024/berita.txt", story("Berita dari folder 2024"))
    write(tmp_path, "2025/berita.txt", story("Berita dari folder 2025"))
    result = run_import(tmp_path)
    assert result.rows[0][0] == "created"
    assert result.rows[1] == [
        "failed",
        str(tmp_path / "2025/berita.txt"),
        f"same file name as {tmp_path / '2024/berita.txt'}; the file name identifies the story, so only the first was imported",
    ]
    assert Article.objects.get().headline == "Berita dari folder 2024"


# --- Identity and idempotence -----------------------------------------------------


def test_importing_again_changes_nothing(db, wire_dir, django_assert_max_num_queries):
    run_import(wire_dir, "--author", "Dewi Lestari")
    before = list(Article.objects.order_by("pk").values())

    result = run_import(wire_dir, "--author", "Dewi Lestari")

    assert result.code == 0
    assert {row[0] for row in result.rows} == {"unchanged"}
    assert "3 files: 0 created, 0 updated, 3 unchanged, 0 failed" in result.summary
    assert list(Article.objects.order_by("pk").values()) == before
    assert Person.objects.count() == 1 and Contribution.objects.count() == 3


def test_corrected_version_updates_the_same_article(db, tmp_path, nasional):
    path = write(tmp_path, "bantul-panen.txt", story())
    run_import(tmp_path, "--publish", "--section", "nasional")
    article = Article.objects.get()
    url = article.get_absolute_url()
    assert article.updated_substantively_at is None

    write(tmp_path, "bantul-panen.txt", story("Petani Bantul panen padi dua pekan lebih awal", paragraphs=["Koreksi: panen dimulai dua pekan lebih awal, bukan sebulan."]))
    moved = tmp_path / "koreksi"
    moved.mkdir()
    path.rename(moved / path.name)
    result = run_import(moved)

    assert result.rows == [["updated", str(moved / "bantul-panen.txt"), url]]
    article.refresh_from_db()
    assert Article.objects.count() == 1
    assert article.headline == "Petani Bantul panen padi dua pekan lebih awal"
    assert article.body == "<p>Koreksi: panen dimulai dua pekan lebih awal, bukan sebulan.</p>"
    assert article.get_absolute_url() == url, "a published address never changes"
    assert article.updated_substantively_at is not None
    assert article.is_live


def test_whitespace_only_changes_are_unchanged(db, tmp_path):
    write(tmp_path, "a.txt", story())
    run_import(tmp_path)
    headline, standfirst, body = story().split("\n", 2)
    respaced = "\ufeff" + headline + "  \r\n " + standfirst + "\r\n" + body.replace("\n", "\r\n\r\n").replace(" ", "  \t")
    write(tmp_path, "a.txt", respaced.encode())
    assert run_import(tmp_path).rows[0][0] == "unchanged"


def test_options_fill_only_what_is_missing(db, tmp_path, nasional):
    write(tmp_path, "a.txt", story())
    run_import(tmp_path)
    article = Article.objects.get()
    assert article.section is None and article.status == Article.Status.DRAFT

    result = run_import(tmp_path, "--publish", "--section", "nasional", "--author", "Dewi Lestari")
    assert result.rows[0][0] == "updated"
    article.refresh_from_db()
    assert article.is_live and article.section == nasional
    assert [c.person.name for c in article.contributions.all()] == ["Dewi Lestari"]

    # Editors move and withdraw it; importing again with other options respects that.
    other = make_section("Daerah", slug="daerah")
    Article.objects.filter(pk=article.pk).update(section=other, status=Article.Status.UNPUBLISHED)
    result = run_import(tmp_path, "--publish", "--section", "nasional", "--author", "Budi Santoso")
    assert result.rows[0][0] == "unchanged"
    article.refresh_from_db()
    assert article.section == other and article.status == Article.Status.UNPUBLISHED
    assert [c.person.name for c in article.contributions.all()] == ["Dewi Lestari"]
    assert not Person.objects.filter(name="Budi Santoso").exists()


def test_editors_changes_are_not_overwritten_without_consent(db, tmp_path):
    write(tmp_path, "a.txt", story())
    run_import(tmp_path)
    article = Article.objects.get()
    article.headline = "Judul yang diperbaiki redaktur"
    article.body = article.body.replace("Pleret", "Pleret, Bantul,")
    article.save()

    # The same copy again: the editors' version stays.
    assert run_import(tmp_path).rows[0][0] == "unchanged"
    article.refresh_from_db()
    assert article.headline == "Judul yang diperbaiki redaktur"

    # A correction from the agency: refused, then accepted when the operator says so.
    write(tmp_path, "a.txt", story("Warga Bantul panen padi dua pekan lebih awal"))
    result = run_import(tmp_path)
    assert result.code == 1
    assert result.rows[0][0] == "failed"
    assert result.rows[0][2].startswith("the article was edited on the site since it was imported; not overwritten")
    article.refresh_from_db()
    assert article.headline == "Judul yang diperbaiki redaktur"

    result = run_import(tmp_path, "--overwrite-edits")
    assert result.code == 0 and result.rows[0][0] == "updated"
    article.refresh_from_db()
    assert article.headline == "Warga Bantul panen padi dua pekan lebih awal"
    assert run_import(tmp_path).rows[0][0] == "unchanged"


def test_dry_run_writes_nothing(db, wire_dir, nasional):
    result = run_import(wire_dir, "--dry-run", "--publish", "--section", "nasional", "--author", "Dewi Lestari")
    assert result.code == 0
    assert [row[0] for row in result.rows] == ["created"] * 3
    assert "/berita/harga-cabai-rawit-turun-menjelang-akhir-bulan/" in [row[2] for row in result.rows]
    assert result.summary.endswith("(dry run: nothing was written)")
    assert Article.objects.count() == 0 and Person.objects.count() == 0

    run_import(wire_dir)
    before = list(Article.objects.order_by("pk").values())
    write(wire_dir, "harga-cabai-rawit.txt", story("Harga cabai rawit anjlok"))
    result = run_import(wire_dir, "--dry-run")
    assert sorted(row[0] for row in result.rows) == ["unchanged", "unchanged", "updated"]
    assert list(Article.objects.order_by("pk").values()) == before


def test_queries_per_file_do_not_grow_with_the_run(db, tmp_path, django_assert_max_num_queries):
    write(tmp_path / "one", "a.txt", story("Satu berita"))
    for n in range(10):
        write(tmp_path / "ten", f"{n}.txt", story(f"Berita nomor {n} tentang panen"))
    # 13 for the import itself, 9 for the revision every save stores
    # (articles/editorial/revisions.py: byline, sources and tags read, the
    # revision, its version and what changed written), 1 for the page-cache
    # stamps of a published story (kept in the database with local memory).
    with django_assert_max_num_queries(23) as one:
        run_import(tmp_path / "one", "--author", "Dewi Lestari")
    per_file = len(one.captured_queries)
    with django_assert_max_num_queries(10 * per_file):
        run_import(tmp_path / "ten", "--author", "Dewi Lestari")


# --- Baca juga -----------------------------------------------------------------


def test_teaser_matching_a_published_headline_becomes_a_link(db, tmp_path, client):
    target = make_article("published", headline="Harga Cabai Rawit  TURUN menjelang akhir bulan")
    make_article("draft", headline="Tanggul belum rampung")
    shutil.copy(FIXTURES / "banjir-rob-pesisir.txt", tmp_path)
    write(tmp_path, "baca-juga.txt", story(paragraphs=["Paragraf pembuka.", f"Baca juga: {target.headline.lower()}"]))

    run_import(tmp_path, "--publish", "--section", target.section.slug)

    banjir = Article.objects.get(source_key="wire:banjir-rob-pesisir.txt")
    link = f'<p><strong>Baca juga:</strong> <a href="{target.get_absolute_url()}" rel="noopener noreferrer">{target.headline}</a></p>'
    assert link in banjir.body
    assert "<h2>Harga cabai" not in banjir.body
    # A draft's headline is not a link: readers could not follow it.
    assert "<h2>Tanggul belum rampung</h2>" in banjir.body
    assert link in Article.objects.get(source_key="wire:baca-juga.txt").body

    response = client.get(banjir.get_absolute_url())
    assert f'href="{target.get_absolute_url()}"' in response.text


def test_links_follow_publication_on_the_next_run(db, wire_dir, nasional):
    run_import(wire_dir / "banjir-rob-pesisir.txt")
    banjir = Article.objects.get(source_key="wire:banjir-rob-pesisir.txt")
    assert "<h2>Harga cabai rawit turun menjelang akhir bulan</h2>" in banjir.body

    run_import(wire_dir / "harga-cabai-rawit.txt", "--publish", "--section", "nasional")
    result = run_import(wire_dir / "banjir-rob-pesisir.txt")
    assert result.rows[0][0] == "updated"
    banjir.refresh_from_db()
    assert '<a href="/berita/harga-cabai-rawit-turun-menjelang-akhir-bulan/"' in banjir.body


def test_stories_published_earlier_in_the_same_run_are_linked(db, tmp_path, nasional):
    shutil.copy(FIXTURES / "harga-cabai-rawit.txt", tmp_path / "1-harga-cabai-rawit.txt")
    shutil.copy(FIXTURES / "banjir-rob-pesisir.txt", tmp_path / "2-banjir-rob-pesisir.txt")
    run_import(tmp_path, "--publish", "--section", "nasional")
    banjir = Article.objects.get(source_key="wire:2-banjir-rob-pesisir.txt")
    assert '<a href="/berita/harga-cabai-rawit-turun-menjelang-akhir-bulan/"' in banjir.body


# --- Markup and sign-offs ----------------------------------------------------------


def test_markup_in_copy_is_shown_as_text(db, wire_dir, nasional, client):
    run_import(wire_dir / "pasar-malam-markup.txt", "--publish", "--section", "nasional")
    article = Article.objects.get()
    assert article.headline == "Pasar malam <b>Sekaten</b> kembali dibuka & ramai pengunjung"
    assert "<script" not in article.body and "<a " not in article.body

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(" in response.text
    assert "Pasar malam &lt;b&gt;Sekaten&lt;/b&gt; kembali dibuka &amp; ramai pengunjung" in response.text


def test_configured_sign_offs_are_dropped(db, tmp_path, settings):
    settings.WIRE_SIGNOFFS = ["Kantor Berita Nusantara"]
    write(tmp_path, "a.txt", story(signoff="KANTOR BERITA NUSANTARA"))
    write(tmp_path, "b.txt", story("Berita lain dari Bantul", signoff=settings.SITE_NAME))
    run_import(tmp_path)
    for article in Article.objects.all():
        assert article.body.endswith("dibanding musim lalu.</p>")


# --- Progress bar ------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal_and_only_on_stderr(db, wire_dir):
    result = run_import(wire_dir, tty=True)
    assert re.search(r"\r *100%\|#+\|.*3/3 files", result.err)
    assert "\r" not in result.out
    assert len(result.rows) == 3

    result = run_import(wire_dir)
    assert result.err == ""


# --- Interrupted runs ----------------------------------------------------------------


def test_interrupted_run_leaves_no_half_article_and_rerun_finishes(db, tmp_path, monkeypatch):
    for n in range(5):
        write(tmp_path, f"{n}.txt", story(f"Berita nomor {n} dari Bantul"))
    calls = []
    apply = WireImporter._apply

    def crash_on_third(self, plan):
        calls.append(plan)
        apply(self, plan)
        if len(calls) == 3:
            # The article and its byline are written; the power goes out.
            raise KeyboardInterrupt

    monkeypatch.setattr(WireImporter, "_apply", crash_on_third)
    result = run_import(tmp_path, "--author", "Dewi Lestari")

    assert result.code == 130
    assert [row[0] for row in result.rows] == ["created", "created"]
    assert "(interrupted)" in result.summary
    assert "Run the same command again to finish" in result.err
    assert sorted(Article.objects.values_list("headline", flat=True)) == ["Berita nomor 0 dari Bantul", "Berita nomor 1 dari Bantul"]
    assert Contribution.objects.count() == 2

    monkeypatch.setattr(WireImporter, "_apply", apply)
    result = run_import(tmp_path, "--author", "Dewi Lestari")
    assert [row[0] for row in result.rows] == ["unchanged", "unchanged", "created", "created", "created"]
    assert Article.objects.count() == 5 == Article.objects.values("source_key").distinct().count()
    assert Contribution.objects.count() == 5 and Person.objects.count() == 1


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """A migrated SQLite database file of its own, for runs in a separate process."""
    folder = tmp_path_factory.mktemp("db")
    env = {**os.environ, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{folder / 'template.sqlite3'}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return folder / "template.sqlite3"


def manage(database, *args, **kwargs):
    env = {**os.environ, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{database}", "LOG_FORMAT": "json"}
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


@pytest.mark.slow
def test_killed_process_then_rerun_finishes_without_duplicates(migrated_sqlite, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    count = 400
    for n in range(count):
        write(tmp_path / "kiriman", f"{n:04}.txt", story(f"Berita nomor {n} dari Bantul"))

    process = manage(database, "import_articles", tmp_path / "kiriman", "--author", "Dewi Lestari")
    started = time.monotonic()
    seen = 0
    while seen < 20 and time.monotonic() - started < 30:
        if process.stdout.readline().startswith("created"):
            seen += 1
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert seen == 20, "the import made no progress"

    rerun = manage(database, "import_articles", tmp_path / "kiriman", "--author", "Dewi Lestari")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    outcomes = [line.split("\t")[0] for line in out.splitlines()]
    assert outcomes.count("unchanged") >= 20
    assert outcomes.count("unchanged") + outcomes.count("created") == count
    assert outcomes.count("failed") == 0

    check = manage(
        database,
        "shell",
        "-c",
        "from articles.models import Article, Contribution, Person;"
        "print(Article.objects.count(), Article.objects.values('source_key').distinct().count(),"
        " Contribution.objects.count(), Person.objects.count())",
    )
    out, err = check.communicate(timeout=60)
    assert out.split()[-4:] == [str(count), str(count), str(count), "1"], err


@pytest.mark.slow
def test_exit_status_of_the_real_command(migrated_sqlite, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    write(tmp_path / "kiriman", "baik.txt", story())
    process = manage(database, "import_articles", tmp_path / "kiriman")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.splitlines()[0] == f"created\t{tmp_path / 'kiriman' / 'baik.txt'}\t/berita/warga-bantul-panen-padi-lebih-awal/"

    write(tmp_path / "kiriman", "rusak.txt", b"\x00\x01")
    process = manage(database, "import_articles", tmp_path / "kiriman")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert f"failed\t{tmp_path / 'kiriman' / 'rusak.txt'}\tbinary data" in out.splitlines()
    assert "CommandError: 1 of 2 files failed" in err
