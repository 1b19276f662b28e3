"""import_wordpress: the mapping rules, the output contract, re-runs and updates."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.contrib.flatpages.models import FlatPage
from PIL import Image as PILImage

from articles.editorial.history import revision_fields
from articles.editorial.models import RevisionInfo
from articles.models import Article, Image, Person, Section, Tag
from articles.wordpress.importer import WordPressImporter
from articles.wordpress.models import ImportedItem
from tests.factories import make_section
from tests.wxr_builder import Post, run_import, write_wxr

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 11, 27, 3, 15, tzinfo=UTC)
CATEGORIES = [("politik", "Politik"), ("ekonomi", "Ekonomi"), ("daerah", "Daerah")]


def export(tmp_path, posts, name="ekspor.xml", **options):
    options.setdefault("categories", CATEGORIES)
    options.setdefault("authors", [("admin", "Admin Redaksi"), ("budi", "Budi Santoso")])
    return write_wxr(tmp_path / name, posts, **options)


def test_output_contract_lines_summary_and_exit_status(tmp_path):
    path = export(tmp_path, [Post(1, title="Satu", slug="satu"), Post(2, title="Dua", slug="dua", status="trash")])
    code, lines, err = run_import(path)
    assert code == 0
    assert lines[0] == ["created", "https://lama.example.id/2026/11/27/satu/", "/berita/satu/"]
    assert lines[1] == ["skipped", "https://lama.example.id/2026/11/27/dua/", "in the trash; not imported"]
    assert lines[2][0] == "summary"
    assert lines[2][1].startswith("2 items: 1 created, 0 updated, 0 unchanged, 1 skipped, 0 failed in ")


@pytest.mark.parametrize(
    ("wp_status", "status", "live"),
    [
        ("publish", Article.Status.PUBLISHED, True),
        ("future", Article.Status.PUBLISHED, False),
        ("draft", Article.Status.DRAFT, False),
        ("pending", Article.Status.REVIEW, False),
        ("private", Article.Status.DRAFT, False),
    ],
)
def test_statuses(tmp_path, wp_status, status, live):
    when = WHEN if wp_status != "future" else datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    export(tmp_path, [Post(1, title="Berita", slug="berita", status=wp_status, date_gmt=when)])
    code, lines, _ = run_import(tmp_path / "ekspor.xml")
    assert code == 0 and lines[0][0] == "created"
    article = Article.objects.get()
    assert article.status == status and article.is_live is live
    assert article.publish_at == when
    if wp_status == "future":
        assert article.is_scheduled


def test_authors_become_people_without_accounts(tmp_path):
    export(tmp_path, [Post(1, title="A", slug="a", author="budi"), Post(2, title="B", slug="b", author="budi"), Post(3, title="C", slug="c")])
    run_import(tmp_path / "ekspor.xml")
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Admin Redaksi", "Budi Santoso"]
    assert not Person.objects.filter(user__isnull=False).exists()
    assert get_user_model().objects.count() == 0
    assert [c.person.name for c in Article.objects.get(slug="a").contributions.all()] == ["Budi Santoso"]


def test_odd_author_names(tmp_path):
    odd = [("x1", "<script>alert(1)</script>Sri\u200b Mulyani\u202e"), ("x2", "😀 O'Neil & Ñúñez\n\tJr."), ("x3", "A" * 300), ("x4", "   ")]
    posts = [Post(n, title=f"Judul {n}", slug=f"j{n}", author=login) for n, (login, _) in enumerate(odd, start=1)]
    code, lines, err = run_import(export(tmp_path, posts, authors=odd))
    assert code == 0 and [line[0] for line in lines[:-1]] == ["created"] * 4
    names = set(Person.objects.values_list("name", flat=True))
    assert "alert(1)Sri Mulyani" in names
    assert "😀 O'Neil & Ñúñez Jr." in names
    assert any(len(name) == 120 and name.endswith("…") for name in names)
    assert "x4" in names  # nothing but spaces: the login stands in


def test_first_category_is_the_section_the_rest_and_tags_are_topics(tmp_path):
    post = Post(1, title="A", slug="a", categories=[("politik", "Politik"), ("ekonomi", "Ekonomi")], tags=[("pemilu-2029", "Pemilu 2029"), ("ekonomi", "ekonomi")])
    run_import(export(tmp_path, [post, Post(2, title="B", slug="b")]))
    article = Article.objects.get(slug="a")
    assert (article.section.slug, article.section.name) == ("politik", "Politik")
    assert sorted(article.tags.values_list("name", flat=True)) == ["Ekonomi", "Pemilu 2029"]
    # A post without a category is in WordPress's default one.
    assert Article.objects.get(slug="b").section.slug == "uncategorized"


def test_section_map_chooses_existing_sections(tmp_path):
    nasional = make_section("Nasional", slug="nasional")
    post = Post(1, title="A", slug="a", categories=[("daerah", "Daerah"), ("politik", "Politik")])
    code, lines, _ = run_import(export(tmp_path, [post]), "--section-map", "Politik=nasional", "ekonomi=nasional")
    assert code == 0
    article = Article.objects.get()
    assert article.section == nasional
    assert list(article.tags.values_list("name", flat=True)) == ["Daerah"]
    assert not Section.objects.filter(slug="politik").exists()


@pytest.mark.parametrize("pair", ["politik", "politik=", "=nasional", "politik=tidak-ada"])
def test_section_map_mistakes_stop_before_anything_is_written(tmp_path, pair):
    make_section("Nasional", slug="nasional")
    code, lines, err = run_import(export(tmp_path, [Post(1, title="A", slug="a")]), "--section-map", pair)
    assert code == 1 and "--section-map" in err and lines == []
    assert Article.objects.count() == 0


def test_excerpt_is_the_standfirst_else_the_first_paragraph(tmp_path):
    posts = [
        Post(1, title="A", slug="a", excerpt="Ringkasan <em>resmi</em>.", content="Paragraf pertama.\n\nKedua."),
        Post(2, title="B", slug="b", content="<!-- wp:image --><figure></figure><!-- /wp:image -->\n<p>Paragraf <strong>pembuka</strong> yang panjang.</p><p>Lain.</p>"),
        Post(3, title="C", slug="c", content=("kata " * 200).strip()),
    ]
    run_import(export(tmp_path, posts))
    assert Article.objects.get(slug="a").standfirst == "Ringkasan resmi."
    assert Article.objects.get(slug="b").standfirst == "Paragraf pembuka yang panjang."
    long = Article.objects.get(slug="c").standfirst
    assert len(long) <= 400 and long.endswith("…")


def test_dates_are_gmt_and_a_later_modification_is_an_update(tmp_path):
    posts = [
        Post(1, title="A", slug="a", date_gmt=WHEN, modified_gmt=WHEN + timedelta(days=2)),
        Post(2, title="B", slug="b", date_gmt=WHEN, modified_gmt=WHEN + timedelta(seconds=20)),
    ]
    run_import(export(tmp_path, posts))
    a, b = Article.objects.get(slug="a"), Article.objects.get(slug="b")
    assert a.publish_at == WHEN and a.first_published_at == WHEN
    assert a.updated_substantively_at == WHEN + timedelta(days=2) and a.updated_at == WHEN + timedelta(days=2)
    assert b.updated_substantively_at is None


def test_empty_titles_and_bodies(tmp_path):
    posts = [
        Post(1, title="", slug="tanpa-judul", content="Gempa mengguncang Lombok pagi ini. Warga panik."),
        Post(2, title="Hanya judul", slug="hanya-judul", content=""),
        Post(3, title="", slug="kosong", content=""),
        Post(4, title="<b></b>", slug="", content="  "),
    ]
    code, lines, err = run_import(export(tmp_path, posts))
    assert code == 0
    assert [line[0] for line in lines[:-1]] == ["created", "created", "skipped", "skipped"]
    assert lines[2][2] == "no title and no body; nothing to import"
    assert Article.objects.get(slug="tanpa-judul").headline == "Gempa mengguncang Lombok pagi ini. Warga panik."
    assert Article.objects.get(slug="hanya-judul").body == ""
    assert "no title; the headline is the start of the body" in err and "empty body" in err


def test_long_titles_are_shortened_with_a_warning(tmp_path):
    code, lines, err = run_import(export(tmp_path, [Post(1, title="kata " * 60, slug="panjang")]))
    assert code == 0
    assert len(Article.objects.get().headline) <= 200
    assert "title longer than 200 characters; shortened" in err


def test_duplicate_slugs_get_distinct_addresses(tmp_path):
    existing = Article.objects.create(headline="Sudah ada", slug="banjir")
    posts = [Post(1, title="Banjir", slug="banjir"), Post(2, title="Banjir lagi", slug="banjir"), Post(3, title="Banjir", slug="")]
    code, lines, _ = run_import(export(tmp_path, posts))
    assert code == 0
    assert [line[2] for line in lines[:-1]] == ["/berita/banjir-2/", "/berita/banjir-3/", "/berita/banjir-4/"]
    assert Article.objects.exclude(pk=existing.pk).count() == 3


def test_unicode_slugs_keep_their_letters(tmp_path):
    code, lines, _ = run_import(export(tmp_path, [Post(1, title="Ñusa", slug="%c3%b1usa-%e2%80%9cbaru%e2%80%9d")]))
    assert lines[0][2] == "/berita/%C3%B1usa-baru/"  # as get_absolute_url() spells it
    assert Article.objects.get().slug == "ñusa-baru"


def test_pages_become_static_pages(tmp_path):
    posts = [
        Post(10, title="Tentang Kami", slug="tentang-kami", post_type="page", content="Kami media.\n\nAlamat: Jakarta."),
        Post(11, title="Draf halaman", slug="draf", post_type="page", status="draft"),
        Post(12, title="Cari", slug="cari", post_type="page", content="Bentrok dengan alamat kami."),
    ]
    code, lines, err = run_import(export(tmp_path, posts))
    assert code == 0
    assert lines[0] == ["created", "https://lama.example.id/tentang-kami/", "/tentang-kami/"]
    assert lines[1][0] == "skipped" and "draft page" in lines[1][2]
    # /cari/ is our search page: the static page goes elsewhere.
    assert lines[2][2] == "/halaman/cari/"
    page = FlatPage.objects.get(url="/tentang-kami/")
    assert page.title == "Tentang Kami" and page.content == "<p>Kami media.</p>\n<p>Alamat: Jakarta.</p>"
    assert page.sites.count() == 1
    assert Article.objects.count() == 0


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "uploads"
    (folder / "2026" / "11").mkdir(parents=True)
    (folder / "2026" / "11" / "foto.png").write_bytes(png_bytes())
    (folder / "2026" / "11" / "rusak.png").write_bytes(b"not a picture")
    return folder


def attachment(post_id, file, alt="", caption=""):
    meta = {"_wp_attached_file": file}
    if alt:
        meta["_wp_attachment_image_alt"] = alt
    return Post(post_id, title=f"berkas {post_id}", post_type="attachment", status="inherit", excerpt=caption,
                attachment_url=f"https://lama.example.id/wp-content/uploads/{file}", meta=meta)


def test_featured_image_and_pictures_in_the_body_come_from_media_from(tmp_path, uploads):
    posts = [
        Post(1, title="Dengan foto", slug="foto", meta={"_thumbnail_id": "50"},
             content='[caption id="attachment_50"]<img src="https://lama.example.id/wp-content/uploads/2026/11/foto-300x200.png" alt="Merah"> Warna merah[/caption]\n\nTeks.'),
        Post(2, title="Foto hilang", slug="hilang", meta={"_thumbnail_id": "51"}),
        Post(3, title="Foto rusak", slug="rusak", meta={"_thumbnail_id": "52"}),
        attachment(50, "2026/11/foto.png", alt="Kotak merah", caption="Foto: Redaksi"),
        attachment(51, "2026/11/tidak-ada.jpg"),
        attachment(52, "2026/11/rusak.png"),
        attachment(53, "../../../etc/passwd"),
    ]
    code, lines, err = run_import(export(tmp_path, posts), "--media-from", uploads)
    assert code == 0 and [line[0] for line in lines[:-1]] == ["created"] * 3
    image = Image.objects.get()
    assert (image.alt_text, image.caption, image.width, image.height) == ("Kotak merah", "Foto: Redaksi", 40, 30)
    article = Article.objects.get(slug="foto")
    assert article.lead_image == image
    src = article.body.split('<img src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/media/") and image.file.storage.exists(src.removeprefix("/media/"))
    assert 'alt="Merah"' in article.body and "Warna merah</figcaption>" in article.body
    assert Article.objects.get(slug="hilang").lead_image is None
    assert "image 2026/11/tidak-ada.jpg is not in" in err
    assert "image 2026/11/rusak.png refused" in err
    # The picture is imported once, and a second run changes nothing.
    code, lines, err = run_import(export(tmp_path, posts), "--media-from", uploads)
    assert [line[0] for line in lines[:-1]] == ["unchanged"] * 3 and Image.objects.count() == 1


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


@pytest.mark.parametrize("failure", [ValidationError("no", code="x"), KeyboardInterrupt()])
def test_a_post_that_fails_after_its_picture_is_stored_leaves_no_file(tmp_path, uploads, settings, monkeypatch, failure):
    posts = [Post(1, title="Dengan foto", slug="foto", meta={"_thumbnail_id": "50"},
                  content='<img src="https://lama.example.id/wp-content/uploads/2026/11/foto.png">'),
             attachment(50, "2026/11/foto.png")]
    stored = []
    real = WordPressImporter._save_article

    def fails_after_the_picture(self, article, *args, **kwargs):
        stored.extend(files_under(settings.MEDIA_ROOT))
        raise failure

    monkeypatch.setattr(WordPressImporter, "_save_article", fails_after_the_picture)
    code, lines, err = run_import(export(tmp_path, posts), "--media-from", uploads)
    assert code == (130 if isinstance(failure, KeyboardInterrupt) else 1)
    assert len(stored) > 1  # the original and its renditions were on disk
    assert files_under(settings.MEDIA_ROOT) == []
    assert Image.objects.count() == Article.objects.count() == ImportedItem.objects.count() == 0
    # Run again, the picture is imported afresh and stays.
    monkeypatch.setattr(WordPressImporter, "_save_article", real)
    code, lines, err = run_import(export(tmp_path, posts), "--media-from", uploads)
    assert code == 0 and lines[0][0] == "created"
    assert len(files_under(settings.MEDIA_ROOT)) == len(stored)


def test_without_media_from_no_picture_is_imported_and_one_line_says_so(tmp_path):
    posts = [Post(1, title="A", slug="a", meta={"_thumbnail_id": "50"}), attachment(50, "2026/11/foto.png")]
    code, lines, err = run_import(export(tmp_path, posts))
    assert code == 0 and Image.objects.count() == 0
    assert "1 pictures not imported: no --media-from folder given" in err


def test_second_run_changes_nothing(tmp_path):
    posts = [Post(n, title=f"Berita {n}", slug=f"b{n}", categories=[("politik", "Politik")], tags=[("t", "Topik")]) for n in range(1, 4)]
    posts.append(Post(9, title="Halaman", slug="halaman", post_type="page"))
    path = export(tmp_path, posts)
    run_import(path)
    before = list(Article.objects.values_list("pk", "updated_at", "slug"))
    code, lines, err = run_import(path)
    assert code == 0 and [line[0] for line in lines[:-1]] == ["unchanged"] * 4
    assert "0 created, 0 updated, 4 unchanged" in lines[-1][1]
    assert list(Article.objects.values_list("pk", "updated_at", "slug")) == before


def test_an_updated_export_updates_what_changed(tmp_path):
    first = [Post(1, title="Lama", slug="a", content="Versi satu."), Post(2, title="Tetap", slug="b")]
    run_import(export(tmp_path, first))
    address = Article.objects.get(slug="a").get_absolute_url()
    second = [Post(1, title="Baru", slug="a", content="Versi dua.", tags=[("koreksi", "Koreksi")]), Post(2, title="Tetap", slug="b")]
    code, lines, _ = run_import(export(tmp_path, second))
    assert [line[0] for line in lines[:-1]] == ["updated", "unchanged"]
    article = Article.objects.get(slug="a")
    assert (article.headline, article.body, article.get_absolute_url()) == ("Baru", "<p>Versi dua.</p>", address)
    assert list(article.tags.values_list("name", flat=True)) == ["Koreksi"]


def test_each_import_is_one_revision_with_byline_and_topics(tmp_path, editor):
    post = Post(1, title="Lama", slug="a", author="budi", categories=[("politik", "Politik"), ("ekonomi", "Ekonomi")],
                tags=[("pemilu", "pemilu 2029"), ("zona", "Zona merah"), ("anggaran", "Anggaran")])
    run_import(export(tmp_path, [post]))
    article = Article.objects.get()
    budi = Person.objects.get(name="Budi Santoso")
    [first] = RevisionInfo.objects.filter(article_id=article.pk)
    stored = revision_fields(first)
    assert [tuple(entry) for entry in stored["byline"]] == [(0, budi.pk, "writer")]
    # In the order the database lists them (by name, in its collation; case
    # matters on SQLite), as the next save will store them.
    assert stored["tags"] == list(article.tags.values_list("pk", flat=True)) and len(stored["tags"]) == 4
    # An editor's next save changes the headline, and only the headline shows as changed.
    article.headline, article.updated_by = "Disunting", editor
    article.save()
    assert RevisionInfo.objects.filter(article_id=article.pk).latest("version").changed == ["headline"]

    # An updated export: a second revision, with the new topics and byline.
    Article.objects.all().delete()
    ImportedItem.objects.all().delete()
    run_import(export(tmp_path, [post]))
    changed = Post(1, title="Lama", slug="a", author="admin", categories=[("politik", "Politik")])
    code, lines, _ = run_import(export(tmp_path, [changed]))
    assert lines[0][0] == "updated"
    article = Article.objects.get()
    latest = RevisionInfo.objects.filter(article_id=article.pk).latest("version")
    stored = revision_fields(latest)
    assert stored["tags"] == [] and [entry[1] for entry in stored["byline"]] == [Person.objects.get(name="Admin Redaksi").pk]
    assert set(latest.changed) >= {"tags", "byline"}


def test_editors_work_is_never_overwritten(tmp_path):
    run_import(export(tmp_path, [Post(1, title="Lama", slug="a"), Post(2, title="Halaman", slug="h", post_type="page")]))
    Article.objects.filter(slug="a").update(headline="Disunting redaksi")
    FlatPage.objects.filter(url="/h/").update(content="<p>Disunting</p>")
    code, lines, _ = run_import(export(tmp_path, [Post(1, title="Baru", slug="a"), Post(2, title="Halaman baru", slug="h", post_type="page")]))
    assert code == 1
    assert lines[0][0] == "failed" and "edited on the site since it was imported" in lines[0][2]
    assert lines[1][0] == "failed" and "edited on the site" in lines[1][2]
    assert Article.objects.get(slug="a").headline == "Disunting redaksi"
    # The same export as before is still "unchanged": nothing new to bring.
    code, lines, _ = run_import(export(tmp_path, [Post(1, title="Lama", slug="a")]))
    assert lines[0][0] == "unchanged"


def test_an_article_deleted_on_the_site_is_not_recreated(tmp_path):
    path = export(tmp_path, [Post(1, title="A", slug="a")])
    run_import(path)
    Article.objects.all().delete()
    code, lines, _ = run_import(path)
    assert code == 0 and lines[0][0] == "skipped" and "deleted on the site" in lines[0][2]
    assert Article.objects.count() == 0


def test_dry_run_writes_nothing(tmp_path, uploads, settings):
    posts = [Post(1, title="A", slug="a", meta={"_thumbnail_id": "50"}, categories=[("politik", "Politik")]), attachment(50, "2026/11/foto.png"),
             Post(2, title="H", slug="h", post_type="page")]
    code, lines, _ = run_import(export(tmp_path, posts), "--dry-run", "--media-from", uploads)
    assert code == 0 and [line[0] for line in lines[:-1]] == ["created", "created"]
    assert lines[0][2] == "/berita/a/"
    assert "dry run: nothing was written" in lines[-1][1]
    assert Article.objects.count() == Section.objects.count() == Tag.objects.count() == Person.objects.count() == 0
    assert FlatPage.objects.count() == Image.objects.count() == ImportedItem.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "images").exists()


def test_a_killed_run_run_again_finishes_without_duplicates(tmp_path, monkeypatch):
    posts = [Post(n, title=f"Berita {n}", slug=f"b{n}", tags=[("t", "Topik")]) for n in range(1, 7)]
    path = export(tmp_path, posts)
    real = WordPressImporter._save_article
    calls = []

    def dies_on_the_fourth(self, article, *args, **kwargs):
        calls.append(article.slug)
        real(self, article, *args, **kwargs)
        if len(calls) == 4:
            raise KeyboardInterrupt

    monkeypatch.setattr(WordPressImporter, "_save_article", dies_on_the_fourth)
    code, lines, err = run_import(path)
    assert code == 130 and "Interrupted" in err
    assert Article.objects.count() == 3  # the fourth was rolled back whole
    monkeypatch.setattr(WordPressImporter, "_save_article", real)
    code, lines, err = run_import(path)
    assert code == 0
    assert [line[0] for line in lines[:-1]] == ["unchanged"] * 3 + ["created"] * 3
    assert Article.objects.count() == 6 and ImportedItem.objects.count() == 6 and Tag.objects.count() == 1


def test_other_item_types_are_skipped_with_a_line(tmp_path):
    code, lines, _ = run_import(export(tmp_path, [Post(1, title="Menu", post_type="nav_menu_item"), Post(2, title="A", slug="a")]))
    assert code == 0
    assert lines[0][0] == "skipped" and "nav_menu_item" in lines[0][2]


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version(tmp_path, version):
    code, lines, _ = run_import(export(tmp_path, [Post(1, title="A", slug="a", author="budi", categories=[("politik", "Politik")])], version=version))
    assert code == 0 and lines[0][0] == "created"
    article = Article.objects.get()
    assert article.section.name == "Politik"
    # WXR 1.0 lists no authors: the login is the name.
    assert article.contributions.get().person.name == ("budi" if version == "1.0" else "Budi Santoso")


def test_links_between_posts_point_to_the_new_addresses_even_forwards(tmp_path):
    posts = [
        Post(1, title="A", slug="a", content='Lihat <a href="https://lama.example.id/2026/11/27/b/">B</a> dan <a href="http://www.lama.example.id/?p=3">C</a> dan <a href="/?page_id=9">halaman</a>.'),
        Post(2, title="B", slug="b"),
        Post(3, title="C", slug="b"),
        Post(9, title="Profil", slug="profil", post_type="page"),
    ]
    run_import(export(tmp_path, posts))
    body = Article.objects.get(slug="a").body
    assert 'href="/berita/b/"' in body and 'href="/berita/b-2/"' in body and 'href="/profil/"' in body


class TerminalStringIO(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only_and_never_on_stdout(tmp_path):
    from django.core.management import call_command

    path = export(tmp_path, [Post(n, title=f"Berita {n}", slug=f"b{n}") for n in range(1, 4)])
    for terminal in (True, False):
        out, err = io.StringIO(), TerminalStringIO() if terminal else io.StringIO()
        call_command("import_wordpress", str(path), stdout=out, stderr=err)
        assert "[" not in out.getvalue() and "\r" not in out.getvalue()
        assert len(out.getvalue().splitlines()) == 4
        assert ("100%|" in err.getvalue()) is terminal  # tqdm's bar, as every long command draws it


def test_queries_per_new_post_are_few_and_do_not_grow(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def posts(first, count):
        return [Post(n, title=f"Berita {n}", slug=f"b{n}", author="budi", categories=[("politik", "Politik"), ("ekonomi", "Ekonomi")],
                     tags=[("pemilu", "Pemilu")]) for n in range(first, first + count)]

    counts = []
    for first, count in ((1, 2), (101, 12)):
        with CaptureQueriesContext(connection) as queries:
            code, lines, _ = run_import(export(tmp_path, posts(first, count), name=f"ekspor-{first}.xml"))
        assert code == 0 and [line[0] for line in lines[:-1]] == ["created"] * count
        counts.append(len(queries))
    # Ten more posts, each in its own transaction: article, byline, topics,
    # revision, search document, old addresses and the import's record
    # (15 statements; on PostgreSQL one more reads the topics' order).
    per_post = (counts[1] - counts[0]) / 10
    assert per_post <= (16 if connection.vendor == "sqlite" else 17), per_post
