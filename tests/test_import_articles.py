"""import_articles with wire copy: output contract, publishing, bylines, failures."""

import os
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.wire.identity import content_fingerprint
from articles.models import Article, Contribution, Person
from tests.factories import make_person
from tests.wire_import import FIXTURES, nasional, run_import, story, wire_dir, write  # noqa: F401 (fixtures)


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
        # (shutil.rmtree, removing tmp_path while this is still patched, passes file descriptors.)
        if not isinstance(path, int) and os.fspath(path) == locked:
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
