"""What search engines and link previews read: titles, descriptions, canonical URLs, OG/Twitter, JSON-LD, feeds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_contribution, make_image, make_person, make_published_rows, make_section, make_tag
from tests.html_page import Page

SITE = "https://www.wartakum.example"


@pytest.fixture(autouse=True)
def site_url(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def story(db):
    section = make_section("Nasional", slug="nasional")
    article = make_article(
        headline="KPK Periksa Lima Saksi Kasus Suap Pelabuhan",
        standfirst="Penyidik mendalami aliran dana dari kontraktor.",
        dateline="Jakarta",
        section=section,
        tags=[make_tag("KPK"), make_tag("Korupsi")],
        lead_image=make_image(alt_text="Gedung Merah Putih KPK", caption="Gedung KPK.", credit="Antara"),
    )
    make_contribution(article, make_person("Siti Aminah"), "writer")
    make_contribution(article, make_person("Rina Kusuma"), "editor")
    return article


def reader_urls(story):
    person = story.contributions.get(role="writer").person
    return [
        "/",
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        story.tags.first().get_absolute_url(),
        person.get_absolute_url(),
        "/indeks/",
        f"/indeks/?tanggal={timezone.localdate(story.publish_at).isoformat()}&rubrik=nasional",
    ]


def test_every_reader_page_has_lang_title_description_canonical_and_cards(client, story):
    for url in reader_urls(story):
        page = Page(client.get(url).text)
        assert page.html_lang() == "id", url
        assert "Wartakum News" in page.title, url
        assert len(page.meta("description") or "") > 20, url
        canonical = page.link("canonical")
        assert canonical.startswith(SITE + "/"), url
        for key in ["og:site_name", "og:type", "og:title", "og:description", "og:url", "og:image", "twitter:card", "twitter:title"]:
            assert page.meta(key), (url, key)
        assert page.meta("og:url") == canonical
        assert page.meta("og:image").startswith(SITE + "/"), url
        feed = page.links("alternate")[0]
        assert feed["type"] == "application/rss+xml" and feed["href"] == "/rss/"


def test_titles_and_descriptions_differ_per_page(client, story):
    pages = [Page(client.get(url).text) for url in reader_urls(story)]
    assert len({page.title for page in pages}) == len(pages)
    assert len({page.meta("description") for page in pages}) == len(pages)


def test_canonical_ignores_the_host_header_and_stray_parameters(client, story):
    page = Page(client.get(story.get_absolute_url() + "?utm_source=wa", HTTP_HOST="127.0.0.1").text)
    assert page.link("canonical") == SITE + story.get_absolute_url()
    section = Page(client.get("/rubrik/nasional/?page=1&utm_campaign=x").text)
    assert section.link("canonical") == SITE + "/rubrik/nasional/"


def test_unicode_addresses_are_percent_encoded(client, db):
    article = make_article(headline="Ékspor naik", slug="ékspor-naik")
    assert Page(client.get(article.get_absolute_url()).text).link("canonical") == SITE + "/berita/%C3%A9kspor-naik/"


def test_article_open_graph_and_twitter(client, story):
    page = Page(client.get(story.get_absolute_url()).text)
    image_url = SITE + story.lead_image.file.url
    assert page.meta("og:type") == "article"
    assert page.meta("og:title") == story.headline
    assert page.meta("og:description") == story.standfirst
    assert page.meta("og:image") == image_url and page.meta("twitter:image") == image_url
    assert page.meta("og:image:alt") == "Gedung Merah Putih KPK"
    assert page.meta("twitter:card") == "summary_large_image"
    assert page.meta("article:published_time") == timezone.localtime(story.publish_at).isoformat(timespec="seconds")
    assert page.meta("article:section") == "Nasional"
    assert sorted(page.meta_all("article:tag")) == ["KPK", "Korupsi"]


def test_news_article_json_ld(client, story):
    story.updated_substantively_at = story.publish_at + timedelta(hours=2)
    story.save()
    page = Page(client.get(story.get_absolute_url()).text)
    [data] = page.json_ld_of_type("NewsArticle")
    url = SITE + story.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == story.headline
    assert data["description"] == story.standfirst
    assert data["datePublished"] == timezone.localtime(story.publish_at).isoformat(timespec="seconds")
    assert data["dateModified"] == timezone.localtime(story.updated_substantively_at).isoformat(timespec="seconds")
    assert data["datePublished"].endswith("+07:00") and data["dateModified"].endswith("+07:00")
    assert data["author"] == [{"@type": "Person", "name": "Siti Aminah", "url": SITE + "/penulis/siti-aminah/"}]
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"] == "Wartakum News"
    assert data["publisher"]["logo"]["url"].startswith(SITE + "/static/")
    assert data["image"] == [SITE + story.lead_image.file.url]
    assert data["articleSection"] == "Nasional"
    assert sorted(data["keywords"]) == ["KPK", "Korupsi"]
    assert data["inLanguage"] == "id"
    assert data["mainEntityOfPage"]["@id"] == url


def test_breadcrumb_json_ld(client, story):
    [data] = Page(client.get(story.get_absolute_url()).text).json_ld_of_type("BreadcrumbList")
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["name"] for item in items] == ["Beranda", "Nasional", story.headline]
    assert [item["item"] for item in items] == [SITE + "/", SITE + "/rubrik/nasional/", SITE + story.get_absolute_url()]


def test_json_ld_cannot_be_broken_out_of(client, db):
    article = make_article(headline="Judul </script><script>alert(1)</script> & lainnya")
    response = client.get(article.get_absolute_url())
    assert "<script>alert(1)" not in response.text
    [data] = Page(response.text).json_ld_of_type("NewsArticle")
    assert data["headline"] == article.headline


def test_authors_fall_back_to_the_outlet(client, db):
    article = make_article()
    [data] = Page(client.get(article.get_absolute_url()).text).json_ld_of_type("NewsArticle")
    assert data["author"]["@type"] == "NewsMediaOrganization"


def test_front_page_describes_the_site(client, story):
    [website] = Page(client.get("/").text).json_ld_of_type("WebSite")
    assert website["url"] == SITE + "/"
    assert website["potentialAction"]["target"] == SITE + "/cari/?q={search_term_string}"


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "unpublished"])
def test_previews_are_noindex_without_structured_data(client, editor, state):
    article = make_article(state)
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    page = Page(response.text)
    assert page.meta("robots").startswith("noindex")
    assert response["X-Robots-Tag"].startswith("noindex")
    assert page.json_ld() == []


def test_published_articles_are_indexable(client, story):
    response = client.get(story.get_absolute_url())
    assert "noindex" not in (Page(response.text).meta("robots") or "")
    assert "X-Robots-Tag" not in response


def test_list_pages_advertise_their_own_feed(client, story):
    person = story.contributions.get(role="writer").person
    tag = story.tags.get(name="KPK")
    expected = {
        "/rubrik/nasional/": "/rubrik/nasional/rss/",
        tag.get_absolute_url(): f"/topik/{tag.slug}/rss/",
        person.get_absolute_url(): f"/penulis/{person.slug}/rss/",
        story.get_absolute_url(): "/rubrik/nasional/rss/",
    }
    for url, feed in expected.items():
        feeds = [link["href"] for link in Page(client.get(url).text).links("alternate")]
        assert feed in feeds, url
        assert client.get(feed).status_code == 200


def test_paginated_pages_have_their_own_canonical_and_title(client, db):
    make_published_rows(make_section("Olahraga", slug="olahraga"), [f"Laga {n}" for n in range(25)])
    page = Page(client.get("/rubrik/olahraga/?page=2").text)
    assert page.link("canonical") == SITE + "/rubrik/olahraga/?page=2"
    assert "halaman 2" in page.title


def test_json_ld_images_are_renditions_never_the_camera_original(client, db):
    from tests.factories import make_photo

    photo = make_photo(size=(1300, 975))  # just wider than the 1280 rendition
    article = make_article(headline="Nelayan pulang melaut", lead_image=photo)
    page = Page(client.get(article.get_absolute_url()).text)
    [data] = page.json_ld_of_type("NewsArticle")
    images = data["image"]
    social = photo.file.storage.url(photo.renditions["social"]["name"])
    assert images[0] == SITE + social and images[1].endswith(".jpg") and "1280" in images[1]
    assert SITE + photo.file.url not in images
