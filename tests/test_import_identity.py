"""import_articles: a story is its file name; corrections, re-runs, editors' changes, Baca juga links, markup."""

import shutil

import pytest

from articles.models import Article, Contribution, Person
from tests.factories import make_article, make_section
from tests.wire_import import FIXTURES, nasional, run_import, story, wire_dir, write  # noqa: F401 (fixtures)


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
