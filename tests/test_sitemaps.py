"""The sitemap index, its parts and the Google News sitemap, parsed as XML."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_person, make_section, make_tag

SITE = "https://www.wartakum.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def month_key(moment):
    local = timezone.localtime(moment)
    return f"artikel-{local.year:04d}-{local.month:02d}"


def locations(root):
    return [loc.text for loc in root.findall(".//s:loc", NS)]


@pytest.fixture
def site(db):
    section = make_section("Nasional", slug="nasional", position=1)
    make_section("Kosong", slug="kosong", position=2)
    tag, person = make_tag("Banjir"), make_person("Bayu Pratama")
    recent = make_article(section=section, tags=[tag], people=[person], hours=2, headline="Kabar baru")
    old = make_article(section=section, hours=24 * 70, headline="Kabar lama")
    return {"section": section, "tag": tag, "person": person, "recent": recent, "old": old}


def test_index_lists_months_news_sections_topics_and_people_with_lastmod(client, site):
    root = fetch(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    entries = {e.findtext("s:loc", namespaces=NS): e.findtext("s:lastmod", namespaces=NS) for e in root.findall("s:sitemap", NS)}
    expected = {
        f"{SITE}/sitemap-{month_key(site['recent'].publish_at)}.xml",
        f"{SITE}/sitemap-{month_key(site['old'].publish_at)}.xml",
        f"{SITE}/sitemap-news.xml",
        f"{SITE}/sitemap-rubrik.xml",
        f"{SITE}/sitemap-topik.xml",
        f"{SITE}/sitemap-penulis.xml",
    }
    assert set(entries) == expected
    for loc, lastmod in entries.items():
        assert datetime.fromisoformat(lastmod) >= site["old"].publish_at, loc


def test_every_listed_sitemap_answers(client, site):
    for loc in locations(fetch(client, "/sitemap.xml")):
        fetch(client, loc.removeprefix(SITE))


def test_month_sitemap_lists_that_months_articles_with_lastmod(client, site):
    root = fetch(client, f"/sitemap-{month_key(site['old'].publish_at)}.xml")
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [SITE + site["old"].get_absolute_url()]
    lastmod = datetime.fromisoformat(urls[0].findtext("s:lastmod", namespaces=NS))
    assert lastmod >= site["old"].publish_at.replace(microsecond=0)


def test_month_boundaries_follow_jakarta_time(client, db):
    # 23:30 WIB on the last day of a month is still that month, though it is 16:30 UTC.
    now = timezone.localtime()
    first_of_month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last_evening = first_of_month - timedelta(minutes=30)
    article = make_article(publish_at=last_evening)
    key = f"artikel-{last_evening.year:04d}-{last_evening.month:02d}"
    assert locations(fetch(client, f"/sitemap-{key}.xml")) == [SITE + article.get_absolute_url()]


def test_sections_topics_and_people(client, site):
    sections = locations(fetch(client, "/sitemap-rubrik.xml"))
    assert sections == [f"{SITE}/rubrik/nasional/", f"{SITE}/rubrik/kosong/"]
    assert locations(fetch(client, "/sitemap-topik.xml")) == [SITE + site["tag"].get_absolute_url()]
    assert locations(fetch(client, "/sitemap-penulis.xml")) == [SITE + site["person"].get_absolute_url()]


def test_topics_and_people_without_published_articles_are_left_out(client, site):
    hidden_tag, hidden_person = make_tag("Rahasia"), make_person("Belum Terbit")
    make_article("scheduled", tags=[hidden_tag], people=[hidden_person])
    assert SITE + hidden_tag.get_absolute_url() not in locations(fetch(client, "/sitemap-topik.xml"))
    assert SITE + hidden_person.get_absolute_url() not in locations(fetch(client, "/sitemap-penulis.xml"))


def test_news_sitemap_holds_the_last_48_hours(client, site, settings):
    settings.SITE_NAME = "Kabar Priangan"
    almost_two_days = make_article(hours=47, headline="Hampir dua hari")
    make_article(hours=49, headline="Lebih dari dua hari")
    root = fetch(client, "/sitemap-news.xml")
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        SITE + site["recent"].get_absolute_url(),
        SITE + almost_two_days.get_absolute_url(),
    ]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Kabar Priangan"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "id"
    assert news.findtext("news:title", namespaces=NS) == "Kabar baru"
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == site["recent"].publish_at
    assert news.findtext("news:publication_date", namespaces=NS).endswith("+07:00")


@pytest.mark.parametrize("name", ["sitemap-entah.xml", "sitemap-artikel-2026-13.xml", "sitemap-artikel-0000-01.xml"])
def test_unknown_sitemaps_are_404(client, db, name):
    assert client.get(f"/{name}").status_code == 404


def test_sitemaps_hold_only_published_articles(client, site):
    hidden = [make_article(state, section=site["section"], headline=f"Tersembunyi {state}") for state in ["draft", "review", "scheduled", "unpublished"]]
    everything = []
    for loc in locations(fetch(client, "/sitemap.xml")) + [SITE + "/sitemap-news.xml"]:
        everything += locations(fetch(client, loc.removeprefix(SITE)))
    for article in hidden:
        assert SITE + article.get_absolute_url() not in everything


def index_lastmods(client):
    """{address: lastmod or None} of the index's entries."""
    root = fetch(client, "/sitemap.xml")
    entries = {}
    for entry in root.findall("s:sitemap", NS):
        lastmod = entry.findtext("s:lastmod", namespaces=NS)
        entries[entry.findtext("s:loc", namespaces=NS)] = datetime.fromisoformat(lastmod) if lastmod else None
    return entries


def test_editing_an_old_story_moves_its_months_lastmod_only(client, site):
    from articles.models import Article

    old_month = f"{SITE}/sitemap-{month_key(site['old'].publish_at)}.xml"
    new_month = f"{SITE}/sitemap-{month_key(site['recent'].publish_at)}.xml"
    # As if last saved when it was published, 70 days ago.
    Article.objects.filter(pk=site["old"].pk).update(updated_at=site["old"].publish_at)
    before = index_lastmods(client)
    assert before[old_month] == site["old"].publish_at
    site["old"].standfirst = "Ringkasan yang diperbaiki."
    site["old"].save()
    site["old"].refresh_from_db()
    after = index_lastmods(client)
    assert after[old_month] == site["old"].updated_at > before[old_month]
    assert after[new_month] == before[new_month]


def test_index_counts_months_and_skips_empty_and_scheduled_ones(client, db):
    now = timezone.localtime()
    five_months_ago = (now.replace(day=15) - timedelta(days=5 * 30)).replace(day=15)
    make_article(publish_at=five_months_ago)
    make_article("scheduled", hours=24 * 40)
    make_article("draft", publish_at=now - timedelta(days=60))
    months = {loc for loc in index_lastmods(client) if "artikel" in loc}
    assert months == {f"{SITE}/sitemap-{month_key(five_months_ago)}.xml"}


def test_index_lists_far_apart_months(client, db):
    # Decades between two stories: the index reads only the months that have some.
    long_ago = timezone.make_aware(datetime(1975, 3, 10, 9))
    make_article(publish_at=long_ago)
    recent = make_article(hours=3)
    months = sorted(loc for loc in index_lastmods(client) if "artikel" in loc)
    assert months == [f"{SITE}/sitemap-artikel-1975-03.xml", f"{SITE}/sitemap-{month_key(recent.publish_at)}.xml"]


def test_month_sitemap_addresses_match_reverse_for_unicode_slugs(client, db):
    article = make_article(headline="Kabar", slug="kabar-ñandú-ünicode")
    root = fetch(client, f"/sitemap-{month_key(article.publish_at)}.xml")
    assert locations(root) == [SITE + article.get_absolute_url()]
    assert "%C3%B1" in locations(root)[0]


@pytest.mark.parametrize("page", ["2", "0", "x", "1.5"])
def test_month_sitemap_pages_beyond_the_first_are_404_until_they_hold_urls(client, site, page):
    assert client.get(f"/sitemap-{month_key(site['old'].publish_at)}.xml?p={page}").status_code == 404


def test_month_sitemap_sends_last_modified(client, site):
    response = client.get(f"/sitemap-{month_key(site['old'].publish_at)}.xml")
    assert response["Last-Modified"]
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"


def sitemap_queries(client, month):
    """{page: SQL queries} of the index, a month and the news sitemap, page cache off."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in ["/sitemap.xml", f"/sitemap-{month}.xml", "/sitemap-news.xml"]:
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
        counts[url.replace(month, "month")] = len(queries)
    return counts


def test_sitemap_queries_stay_within_budget_whatever_the_archive_holds(client, db, settings):
    settings.PAGE_CACHE = False
    section = make_section("Nasional", slug="nasional")
    first = make_article(section=section, hours=1)
    month = month_key(first.publish_at)
    one = sitemap_queries(client, month)
    for months_ago in range(1, 13):
        for n in range(3):
            make_article(section=section, tags=[make_tag()], people=[make_person()], hours=24 * 31 * months_ago + n)
    for n in range(10):
        make_article(section=section, hours=2 + n)
    many = sitemap_queries(client, month)
    assert many == one
    assert max(many.values()) <= 8
