"""RSS feeds, parsed as XML: latest, per section, per topic, per person."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from PIL import Image as PILImage

from articles.models import Image
from tests.factories import make_article, make_contribution, make_image, make_person, make_photo, make_published_rows, make_section, make_tag

SITE = "https://www.wartakum.example"
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@pytest.fixture(autouse=True)
def site_url(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel")


def headlines(channel):
    return [item.findtext("title") for item in channel.findall("item")]


@pytest.fixture
def story(db):
    section = make_section("Nasional", slug="nasional")
    article = make_article(
        headline="Banjir Rendam Bandung",
        standfirst="Ribuan warga mengungsi.",
        body="<p>Air setinggi dua meter.</p><p>“Kami kewalahan,” kata petugas.</p>",
        dateline="Bandung",
        section=section,
        tags=[make_tag("Banjir")],
        lead_image=make_image(caption="Pengungsi di posko.", credit="Antara/Raisan"),
    )
    make_contribution(article, make_person("Bayu Pratama"), "writer")
    return article


def test_latest_feed_channel(client, story):
    channel = fetch(client, "/rss/")
    assert channel.findtext("title") == "Wartakum News: berita terkini"
    assert channel.findtext("link") == SITE + "/"
    assert channel.findtext("language") == "id"
    assert channel.find("atom:link", NS).get("href") == SITE + "/rss/"


def test_item_has_full_text_and_lead_image(client, story):
    # The lead here has no renditions yet (made before them): the original goes out.
    [item] = fetch(client, "/rss/").findall("item")
    url = SITE + story.get_absolute_url()
    assert item.findtext("title") == "Banjir Rendam Bandung"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == "Ribuan warga mengungsi."
    assert parsedate_to_datetime(item.findtext("pubDate")) == story.publish_at.replace(microsecond=0)
    assert item.findtext("dc:creator", namespaces=NS) == "Bayu Pratama"
    assert [c.text for c in item.findall("category")] == ["Nasional", "Banjir"]
    content = item.findtext("content:encoded", namespaces=NS)
    assert "BANDUNG, Wartakum News" in content
    assert "<p>“Kami kewalahan,” kata petugas.</p>" in content
    image_url = SITE + story.lead_image.file.url
    assert f'src="{image_url}"' in content
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == image_url
    assert enclosure.get("type") == "image/png"
    assert int(enclosure.get("length")) == story.lead_image.file.size > 0
    media = item.find("media:content", NS)
    assert media.get("url") == image_url and media.get("medium") == "image"
    assert (media.get("width"), media.get("height")) == ("1200", "675")
    assert media.findtext("media:description", namespaces=NS) == "Pengungsi di posko."
    assert media.findtext("media:credit", namespaces=NS) == "Antara/Raisan"


@pytest.mark.parametrize("manifest", ["current", "without-sizes"])
def test_the_lead_image_goes_out_as_its_1280_jpeg_rendition(client, db, settings, manifest):
    photo = make_photo(size=(1300, 975))  # just wider than the 1280 rendition: half the work of a bigger one
    if manifest == "without-sizes":
        # Renditions made before their sizes were recorded: the storage is asked.
        sources = [{key: value for key, value in source.items() if key != "jpeg_bytes"} for source in photo.renditions["sources"]]
        Image.objects.filter(pk=photo.pk).update(renditions={**photo.renditions, "sources": sources})
    make_article(headline="Foto besar", lead_image=photo)
    [item] = fetch(client, "/rss/").findall("item")
    enclosure = item.find("enclosure")
    url = enclosure.get("url")
    assert url.startswith(SITE + "/media/images/renditions/") and url.endswith("-1280.jpg")
    stored = settings.MEDIA_ROOT / url.removeprefix(SITE + "/media/")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == stored.stat().st_size < photo.file.size
    with PILImage.open(stored) as picture:
        assert (picture.format, picture.size) == ("JPEG", (1280, 960))
    media = item.find("media:content", NS)
    assert (media.get("url"), media.get("type"), media.get("width"), media.get("height")) == (url, "image/jpeg", "1280", "960")
    assert f'src="{url}"' in item.findtext("content:encoded", namespaces=NS)


def test_item_without_image_has_no_enclosure(client, db):
    make_article(headline="Tanpa foto")
    [item] = fetch(client, "/rss/").findall("item")
    assert item.find("enclosure") is None and item.find("media:content", NS) is None


def test_latest_feed_is_newest_first_and_bounded(client, db):
    make_published_rows(make_section(), [f"Kabar {n + 1:02d}" for n in range(35)])
    titles = headlines(fetch(client, "/rss/"))
    assert len(titles) == 30
    assert titles[0] == "Kabar 01" and titles[-1] == "Kabar 30"


def test_section_tag_and_person_feeds(client, story):
    other = make_article(section=make_section("Ekonomi", slug="ekonomi"), headline="Rupiah menguat")
    person = story.contributions.get().person
    tag = story.tags.get()
    for url, title in [
        ("/rubrik/nasional/rss/", "Wartakum News: Nasional"),
        (f"/topik/{tag.slug}/rss/", "Wartakum News: Banjir"),
        (f"/penulis/{person.slug}/rss/", "Wartakum News: Bayu Pratama"),
    ]:
        channel = fetch(client, url)
        assert channel.findtext("title") == title
        assert headlines(channel) == [story.headline], url
        assert channel.find("atom:link", NS).get("href") == SITE + url
    assert headlines(fetch(client, "/rubrik/ekonomi/rss/")) == [other.headline]


@pytest.mark.parametrize("url", ["/rubrik/tidak-ada/rss/", "/topik/tidak-ada/rss/", "/penulis/tidak-ada/rss/"])
def test_unknown_feeds_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_feeds_of_topics_and_people_with_nothing_published_are_404(client, db):
    tag, person = make_tag("Rahasia"), make_person("Wartawan Baru")
    make_article("scheduled", tags=[tag], people=[person])
    assert client.get(f"/topik/{tag.slug}/rss/").status_code == 404
    assert client.get(f"/penulis/{person.slug}/rss/").status_code == 404


def test_feeds_hold_only_published_articles(client, story):
    tag, person = story.tags.get(), story.contributions.get().person
    for state in ["draft", "review", "scheduled", "unpublished"]:
        make_article(state, section=story.section, tags=[tag], people=[person], headline=f"Tersembunyi {state}")
    for url in ["/rss/", "/rubrik/nasional/rss/", f"/topik/{tag.slug}/rss/", f"/penulis/{person.slug}/rss/"]:
        assert headlines(fetch(client, url)) == [story.headline], url


@pytest.mark.parametrize(
    "caption, credit",
    [("Foto \"resmi\" & 'asli' <b>", "Antara/Raisan"), ("", "Kredit 'saja'"), ("Keterangan\tsaja\n", ""), ("", "")],
)
def test_items_written_as_strings_are_the_bytes_djangos_writer_makes(client, db, monkeypatch, settings, caption, credit):
    from django.contrib.syndication.views import Feed
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import feeds, syndication
    from articles.models import Article
    from articles.press.labels import PaidKind
    from articles.press.models import Verification

    settings.PAGE_CACHE = False  # Each feed made twice, not the first one kept.

    section = make_section("Hukum & \"Kriminal\"", slug="hukum")
    for n, (headline, standfirst) in enumerate([("Sidang <Kasus> \"A\" & 'B'", "Saksi: “tidak tahu” & <i>lupa</i>"), ("Kabar tanpa ringkasan", "")]):
        article = make_article(
            headline=headline,
            standfirst=standfirst,
            body="<p>Isi &amp; \"kutipan\" 'tunggal' <b>tebal</b></p>",
            section=section,
            hours=1 + n,
            tags=[make_tag(f"Topik <{n}> & \"{n}\"")],
            lead_image=make_image(caption=caption, credit=credit) if n == 0 else None,
        )
        if n == 0:
            make_contribution(article, make_person("Ayu \"Ucok\" O'Hara"), "writer")
            Verification.objects.create(article=article)  # Not yet verified: a label and a note.
    Article.objects.filter(headline__startswith="Kabar").update(paid_kind=PaidKind.choices[-1][0])
    urls = ("/rss/", "/rubrik/hukum/rss/", "/topik/topik-0-0/rss/", "/penulis/ayu-ucok-ohara/rss/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/rubrik/hukum/rss/")
    assert len(queries) == 4, [query["sql"] for query in queries]  # Section, articles, bylines, topics.
    def feed(url):
        response = client.get(url)
        return response.content, response["Last-Modified"]

    real, made = feeds.story_item_xml, []
    monkeypatch.setattr(feeds, "story_item_xml", lambda feed, article: made.append(real(feed, article)) or made[-1])
    written = {url: feed(url) for url in urls}
    assert len(made) == 6 and None not in made  # Every item written directly: the comparisons below are not of one writer with itself.
    assert b"[" in written["/rubrik/hukum/rss/"][0]  # The labels lead the description.
    assert b"<enclosure " in written["/rss/"][0] and all(b"<item>" in content for content, _ in written.values())
    assert "“tidak tahu”".encode() in written["/rss/"][0]
    monkeypatch.setattr(feeds, "story_item_xml", lambda feed, article: None)  # Through add_item() ...
    assert {url: feed(url) for url in urls} == written
    monkeypatch.setattr(syndication, "rss_item_elements", lambda item: None)  # ... and every item through Django's writer.
    assert {url: feed(url) for url in urls} == written
    monkeypatch.setattr(feeds.LatestArticlesFeed, "get_feed", Feed.get_feed)  # And every value asked as Django asks.
    assert {url: feed(url) for url in urls} == written


def test_an_item_holding_control_characters_is_stripped_as_djangos_writer_gets_it(client, db, monkeypatch, settings):
    """Items are written from their values as given; one holding a control character is written again from stripped values."""
    from articles import feeds, syndication
    from articles.models import Article

    settings.PAGE_CACHE = False
    section = make_section("Hukum", slug="hukum")
    make_article(section=section, headline="Kabar biasa", hours=1)
    article = make_article(section=section, hours=2, tags=[make_tag("Banjir")], lead_image=make_image(caption="Foto", credit="Antara"))
    make_contribution(article, make_person("Ayu O'Hara"), "writer")
    # Stored before control characters were stripped on save (the rule of articles/plaintext.py):
    # values holding some, and values of nothing else, which then make empty elements.
    Article.objects.filter(pk=article.pk).update(headline="Banjir\x0b rob", standfirst="\x0c", dateline="JAKARTA\x1f", body="<p>Isi\x08 berita</p>")
    Image.objects.filter(pk=article.lead_image_id).update(caption="\x0b", credit="Antara\x08")
    written = client.get("/rubrik/hukum/rss/").content
    assert b"<title>Banjir rob</title>" in written and b"Isi berita" in written and b"Kabar biasa" in written
    assert not any(chr(code).encode() in written for code in range(32) if chr(code) not in "\t\n\r")
    monkeypatch.setattr(feeds, "story_item_xml", lambda feed, article: None)
    monkeypatch.setattr(syndication, "rss_item_elements", lambda item: None)  # Every item through Django's writer.
    assert client.get("/rubrik/hukum/rss/").content == written


def test_rss_dates_are_the_text_djangos_writer_makes():
    import datetime

    from django.utils.feedgenerator import rfc2822_date

    from articles.syndication import rss_date

    start = datetime.datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=datetime.UTC)
    moments = [start + datetime.timedelta(days=days, hours=days % 24, minutes=days % 60, seconds=days % 7) for days in range(0, 12_000, 37)]
    jakarta = datetime.timezone(datetime.timedelta(hours=7))
    others = [start.replace(tzinfo=None), start.astimezone(jakarta), start.date(), datetime.datetime(5, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)]
    assert [rss_date(moment) for moment in moments + others] == [rfc2822_date(moment) for moment in moments + others]


@pytest.mark.parametrize("paid", [False, True])
def test_bodies_and_datelines_of_every_shape_are_written_as_djangos_writer_writes_them(client, db, monkeypatch, settings, paid):
    """The body is written apart from the dateline before it (articles/feed_items.py story_item_xml()): each shape of the two."""
    from articles import feeds, syndication
    from articles.models import Article
    from articles.press.labels import PaidKind

    settings.PAGE_CACHE = False
    section = make_section("Hukum", slug="hukum")
    bodies = ["<p>Isi &amp; <b>tebal</b> <a href=\"https://contoh.example/\">tautan</a></p>", "<h2>Judul</h2><p>Isi “kutipan”</p>", "Teks polos < & >", "<p>", "", '<aside data-block="read-also"><a href="/berita/kabar-0/">Kabar</a></aside><p>Sesudah</p>']
    for n, (body, dateline) in enumerate((body, dateline) for body in bodies for dateline in ["Jakarta", "Ma'lang <&>", ""]):
        make_article(section=section, hours=1 + n, body=body, dateline=dateline, headline=f"Kabar {n} – “ñ” & <i>", slug=f"kabar-{n}")
    if paid:
        Article.objects.update(paid_kind=PaidKind.choices[-1][0])
    written = client.get("/rubrik/hukum/rss/").content
    assert written.count(b"<item>") == 18 and written.count(b"/berita/kabar-0/") == 2 + 3 and b"<content:encoded/>" in written and "Kabar 0 – “ñ” &amp;amp; &amp;lt;i&amp;gt;".encode() in written
    real, made = feeds.story_item_xml, []
    monkeypatch.setattr(feeds, "story_item_xml", lambda feed, article: made.append(real(feed, article)) or made[-1])
    assert client.get("/rubrik/hukum/rss/").content == written
    assert len(made) == 18 and None not in made
    monkeypatch.setattr(feeds, "story_item_xml", lambda feed, article: None)
    monkeypatch.setattr(syndication, "rss_item_elements", lambda item: None)  # Every item through Django's writer.
    assert client.get("/rubrik/hukum/rss/").content == written


def test_items_written_directly_come_out_the_same_in_another_encoding(db, monkeypatch, story):
    """Feed views write UTF-8; written in another encoding the items are the XML writer's too (character references)."""
    import io

    from articles import feeds

    story.headline = "Banjir “rob” – ñ"
    story.save()

    def written(encoding):
        out = io.BytesIO()
        feeds.LatestArticlesFeed().get_feed(None, None).write(out, encoding)
        return out.getvalue()

    direct = written("ascii"), written("utf-8")
    monkeypatch.setattr(feeds, "story_item_xml", lambda feed, article: None)
    assert (written("ascii"), written("utf-8")) == direct
    assert b"&#8220;rob&#8221;" in direct[0] and "“rob”".encode() in direct[1]
