"""Every reader page and its status codes; pagination; the index; error pages."""

from datetime import timedelta

import pytest
from django.urls import path
from django.utils import timezone

from articles.desk.models import PICK_SLOTS
from articles.models import Article
from articles.views import FRONT_LATEST
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import make_article, make_contribution, make_person, make_published_rows, make_section, make_tag
from tests.html_page import Page


def explode(request):
    raise RuntimeError("a bug in some view")


# This module doubles as a URLconf (see test_500_page_renders_without_the_database).
urlpatterns = [path("meledak/", explode), *site_urlpatterns]
handler500 = "newsroom.views.server_error"


@pytest.fixture
def site(db):
    nasional = make_section("Nasional", slug="nasional", position=1, description="Berita dari seluruh Tanah Air.")
    ekonomi = make_section("Ekonomi", slug="ekonomi", position=2)
    make_section("Kosong", slug="kosong", position=3)
    banjir = make_tag("Banjir")
    bayu = make_person("Bayu Pratama", bio="Wartawan desk nasional sejak 2015.")
    first = make_article(section=nasional, tags=[banjir], people=[bayu], hours=1, headline="Banjir di Bandung")
    second = make_article(section=ekonomi, hours=2, headline="Rupiah menguat")
    third = make_article(section=nasional, hours=3, headline="Gempa di Cianjur")
    return {"nasional": nasional, "ekonomi": ekonomi, "banjir": banjir, "bayu": bayu, "articles": [first, second, third]}


class TestFrontPage:
    def test_lead_latest_and_section_blocks_in_navigation_order(self, client, site):
        response = client.get("/")
        assert response.status_code == 200
        text = response.text
        # The newest story leads; the others follow.
        assert text.index("Banjir di Bandung") < text.index("Rupiah menguat") < text.index("Gempa di Cianjur")

    def test_section_blocks_follow_menu_order_and_skip_stories_shown_above(self, client, db):
        late, early = make_section("Belakang", slug="belakang", position=9), make_section("Depan", slug="depan", position=1)
        # Enough stories to fill the Headline, the editor's picks and the latest list.
        top = [make_article(section=late, hours=n) for n in range(1, 2 + PICK_SLOTS + FRONT_LATEST)]
        older_late = make_article(section=late, hours=100, headline="Arsip rubrik belakang")
        older_early = make_article(section=early, hours=101, headline="Arsip rubrik depan")
        page = Page(client.get("/").text)
        block_titles = [text for level, text in page.headings if level == 2 and text in ("Depan", "Belakang")]
        assert block_titles == ["Depan", "Belakang"]
        text = client.get("/").text
        assert text.count(top[0].get_absolute_url()) == 1
        assert older_late.headline in text and older_early.headline in text

    def test_empty_site(self, client, db):
        response = client.get("/")
        assert response.status_code == 200
        assert "Belum ada artikel yang diterbitkan." in response.text


class TestListPages:
    def test_section_page(self, client, site):
        response = client.get("/rubrik/nasional/")
        assert response.status_code == 200
        assert "Banjir di Bandung" in response.text and "Gempa di Cianjur" in response.text
        assert "Rupiah menguat" not in response.text
        assert "Berita dari seluruh Tanah Air." in response.text

    def test_empty_section_is_still_a_page(self, client, site):
        response = client.get("/rubrik/kosong/")
        assert response.status_code == 200
        assert "Belum ada artikel di sini." in response.text

    def test_tag_page(self, client, site):
        response = client.get(site["banjir"].get_absolute_url())
        assert response.status_code == 200
        assert "Banjir di Bandung" in response.text and "Rupiah menguat" not in response.text

    def test_person_page(self, client, site):
        editor = make_person("Rina Kusuma")
        make_contribution(site["articles"][1], editor, "editor")
        response = client.get(site["bayu"].get_absolute_url())
        assert response.status_code == 200
        assert "Banjir di Bandung" in response.text and "Rupiah menguat" not in response.text
        assert "Wartawan desk nasional sejak 2015." in response.text
        assert "Rupiah menguat" in client.get(editor.get_absolute_url()).text

    def test_person_listed_twice_in_one_byline_lists_the_article_once(self, client, site):
        make_contribution(site["articles"][0], site["bayu"], "editor")
        assert client.get(site["bayu"].get_absolute_url()).text.count("Banjir di Bandung") == 1

    @pytest.mark.parametrize("url", ["/rubrik/tidak-ada/", "/topik/tidak-ada/", "/penulis/tidak-ada/"])
    def test_unknown_slugs_are_404(self, client, site, url):
        response = client.get(url)
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.text

    def test_tag_and_person_with_nothing_published_are_404(self, client, db):
        secret_tag, newcomer = make_tag("Reshuffle Kabinet"), make_person("Wartawan Baru")
        make_article("draft", tags=[secret_tag], people=[newcomer])
        make_article("scheduled", tags=[secret_tag], people=[newcomer])
        assert client.get(secret_tag.get_absolute_url()).status_code == 404
        assert client.get(newcomer.get_absolute_url()).status_code == 404

    def test_unicode_slugs(self, client, db):
        section = make_section("Ékonomi", slug="ékonomi")
        make_article(section=section, headline="Harga cabai naik")
        assert "Harga cabai naik" in client.get(section.get_absolute_url()).text


class TestPagination:
    @pytest.fixture
    def long_section(self, db):
        section = make_section("Olahraga", slug="olahraga")
        make_published_rows(section, [f"Laga ke-{n + 1:02d}" for n in range(45)])
        return section

    def test_numbered_pages_with_rel_prev_next(self, client, long_section):
        page = Page(client.get("/rubrik/olahraga/?page=2").text)
        anchors = page.anchors()
        assert "/rubrik/olahraga/" in anchors  # page 1 has one address, without ?page=1
        assert "/rubrik/olahraga/?page=3" in anchors
        assert page.find_all("a", rel="prev")[0]["href"] == "/rubrik/olahraga/"
        assert page.find_all("a", rel="next")[0]["href"] == "/rubrik/olahraga/?page=3"
        assert page.find_all("a", aria_current="page")[-1]["href"] == "/rubrik/olahraga/?page=2"
        assert page.link("prev").endswith("/rubrik/olahraga/") and page.link("next").endswith("?page=3")

    def test_page_links_keep_the_other_parameters_in_their_order(self, client, long_section):
        page = Page(client.get("/rubrik/olahraga/?z=%C3%A9+%26&page=2&a=1").text)
        assert page.find_all("a", rel="prev")[0]["href"] == "/rubrik/olahraga/?z=%C3%A9+%26&a=1"
        assert page.find_all("a", rel="next")[0]["href"] == "/rubrik/olahraga/?z=%C3%A9+%26&a=1&page=3"
        assert page.link("next").endswith("/rubrik/olahraga/?z=%C3%A9+%26&a=1&page=3")

    def test_pages_hold_twenty_newest_first(self, client, long_section):
        first = client.get("/rubrik/olahraga/").text
        third = client.get("/rubrik/olahraga/?page=3").text
        assert "Laga ke-01" in first and "Laga ke-20" in first and "Laga ke-21" not in first
        assert "Laga ke-41" in third and "Laga ke-45" in third
        assert not Page(first).find_all("a", rel="prev")
        assert not Page(third).find_all("a", rel="next")

    @pytest.mark.parametrize("page", ["4", "99", "0", "-1", "abc", "2.5"])
    def test_out_of_range_and_junk_pages_are_404(self, client, long_section, page):
        assert client.get(f"/rubrik/olahraga/?page={page}").status_code == 404

    def test_many_pages_are_elided(self, client, db):
        section = make_section("Banyak", slug="banyak")
        Article.objects.bulk_create(
            Article(headline=f"Cepat {n}", slug=f"cepat-{n}", section=section, status="published", publish_at=timezone.now() - timedelta(hours=n + 1))
            for n in range(20 * 12)
        )
        page = Page(client.get("/rubrik/banyak/?page=6").text)
        numbers = [href for href in page.anchors() if href.startswith("/rubrik/banyak/")]
        assert "/rubrik/banyak/?page=12" in numbers and "/rubrik/banyak/?page=9" not in numbers
        assert "…" in client.get("/rubrik/banyak/?page=6").text


class TestIndex:
    def test_today_lists_today_only(self, client, site):
        article = site["articles"][0]
        day = timezone.localdate(article.publish_at)
        make_article(publish_at=article.publish_at - timedelta(days=2), headline="Kabar lusa lalu")
        response = client.get(f"/indeks/?tanggal={day.isoformat()}")
        assert response.status_code == 200
        assert article.headline in response.text and "Kabar lusa lalu" not in response.text

    def test_one_page_per_day_and_section_filter(self, client, site):
        article = site["articles"][0]
        day = timezone.localdate(article.publish_at)
        response = client.get(f"/indeks/?tanggal={day.isoformat()}&rubrik=ekonomi")
        assert response.status_code == 200
        assert article.headline not in response.text
        text = client.get(f"/indeks/?tanggal={day.isoformat()}&rubrik=nasional").text
        assert article.headline in text

    def test_date_chooser_without_javascript(self, client, site):
        page = Page(client.get("/indeks/").text)
        [form] = [a for a in page.find_all("form") if a.get("action") == "/indeks/"]
        assert form["method"] == "get"
        assert page.find_all("input", name="tanggal", type="date")
        assert page.find_all("select", name="rubrik")
        assert page.find_all("option", value="nasional")

    def test_previous_and_next_day_links(self, client, site):
        yesterday = timezone.localdate() - timedelta(days=1)
        page = Page(client.get(f"/indeks/?tanggal={yesterday.isoformat()}").text)
        assert page.find_all("a", rel="prev")[0]["href"] == f"/indeks/?tanggal={(yesterday - timedelta(days=1)).isoformat()}"
        assert page.find_all("a", rel="next")[0]["href"] == f"/indeks/?tanggal={timezone.localdate().isoformat()}"
        today = Page(client.get("/indeks/").text)
        assert not [a for a in today.find_all("a", rel="next") if "tanggal" in a["href"]]

    def test_an_old_empty_day(self, client, site):
        response = client.get("/indeks/?tanggal=2001-01-01")
        assert response.status_code == 200
        assert "Tidak ada berita yang terbit pada tanggal ini." in response.text
        assert "Senin, 1 Januari 2001" in response.text

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("tanggal=kemarin", "bukan tanggal"),
            ("tanggal=2026-02-30", "bukan tanggal"),
            ("tanggal=9999-12-31", "Pilih hari ini atau hari sebelumnya"),
            ("tanggal=0001-01-01", "1 Januari 1900"),
            ("rubrik=tidak-ada", "tidak ada; semua rubrik ditampilkan"),
        ],
    )
    def test_bad_input_is_a_clear_400(self, client, site, query, message):
        response = client.get(f"/indeks/?{query}")
        assert response.status_code == 400
        assert message in response.text


class TestErrorPages:
    def test_404_in_indonesian_in_the_site_design(self, client, site):
        response = client.get("/tidak/ada/")
        assert response.status_code == 404
        page = Page(response.text)
        assert page.html_lang() == "id"
        assert page.headings[0] == (1, "Halaman tidak ditemukan")
        assert page.meta("robots") == "noindex"
        assert page.find_all("link", rel="stylesheet")
        assert "/rubrik/nasional/" in page.anchors()  # the menu is there

    @pytest.mark.urls("tests.test_pages")
    def test_500_page_renders_without_the_database(self, client):
        # No `db` fixture: pytest-django makes any query here raise, so this
        # also proves the page needs no database.
        client.raise_request_exception = False
        response = client.get("/meledak/")
        assert response.status_code == 500
        page = Page(response.text)
        assert page.html_lang() == "id"
        assert page.headings[0] == (1, "Terjadi kesalahan")
        assert "Silakan coba lagi" in response.text
        assert page.find_all("link", rel="stylesheet")
        assert page.meta("description")


    @pytest.mark.urls("tests.test_pages")
    def test_500_page_survives_a_broken_static_manifest(self, client, settings, tmp_path):
        settings.STATIC_ROOT = tmp_path
        settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
        client.raise_request_exception = False
        response = client.get("/meledak/")
        assert response.status_code == 500
        assert Page(response.text).headings[0] == (1, "Terjadi kesalahan")


def test_favicon_points_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/icon.png"


def test_robots_txt_names_the_sitemaps(client, settings, db):
    settings.SITE_URL = "https://www.wartakum.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: https://www.wartakum.example/sitemap.xml" in lines
    assert "Sitemap: https://www.wartakum.example/sitemap-news.xml" in lines


@pytest.mark.django_db
def test_section_pages_follow_each_other_newest_first(client):
    from tests.factories import make_article, make_section

    section = make_section("Arsip", slug="arsip")
    # hours=n: story n went out n hours ago, so "Kabar 1" is the newest.
    for n in range(1, 46):
        make_article(section=section, headline=f"Kabar {n:02d} arsip", hours=n)

    def headlines(page):
        html = client.get(f"/rubrik/arsip/?page={page}").content.decode()
        found = [f"Kabar {n:02d} arsip" for n in range(1, 46) if f"Kabar {n:02d} arsip" in html]
        return sorted(found, key=html.index)  # In the order the page shows them.

    assert headlines(1) == [f"Kabar {n:02d} arsip" for n in range(1, 21)]
    assert headlines(2) == [f"Kabar {n:02d} arsip" for n in range(21, 41)]
    assert headlines(3) == [f"Kabar {n:02d} arsip" for n in range(41, 46)]
    assert client.get("/rubrik/arsip/?page=4").status_code == 404
