"""
Month and news sitemaps in pages, and the hour and day counts (PublishedHour,
PublishedDay) the sitemap index reads their number and last change from,
kept by database triggers.
"""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Count, Max
from django.db.models.functions import Greatest, TruncDay, TruncHour
from django.utils import timezone

from articles import urlsets
from articles.archive_months import archive_months, last_changed
from articles.models import Article, PublishedDay, PublishedHour
from tests.factories import make_article
from tests.test_sitemaps import SITE, fetch, locations, month_key


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.PAGE_CACHE = False


@pytest.fixture
def pages_of_two(monkeypatch):
    # The one page size of the month and news sitemaps.
    monkeypatch.setattr(urlsets.ArticleUrlset, "limit", 2)


def month_pages(client, key):
    """The index's addresses for month `key`, in order."""
    return [loc for loc in locations(fetch(client, "/sitemap.xml")) if f"/sitemap-{key}.xml" in loc]


NEWS = f"{SITE}/sitemap-news.xml"


def news_pages(client):
    """The index's addresses for the news sitemap, in order."""
    return [loc for loc in locations(fetch(client, "/sitemap.xml")) if loc.startswith(NEWS)]


def pages_content(client, addresses):
    return [locations(fetch(client, address.removeprefix(SITE))) for address in addresses]


# A deep page finds its start from the hour counts (skip_whole_hours) or by
# skipping index entries: both must give the same pages, here a page that
# starts in the middle of an hour.
@pytest.mark.parametrize("hours_skip_from", [0, 10**9])
def test_the_index_lists_every_page_and_each_holds_its_stories_oldest_first(client, db, pages_of_two, monkeypatch, hours_skip_from):
    monkeypatch.setattr(urlsets, "HOURS_SKIP_FROM", hours_skip_from)
    start = (timezone.now() - timedelta(days=70)).replace(minute=0)
    stories = [make_article(publish_at=start + timedelta(minutes=25 * n)) for n in range(5)]
    key = month_key(stories[0].publish_at)
    assert month_key(stories[-1].publish_at) == key
    addresses = month_pages(client, key)
    base = f"{SITE}/sitemap-{key}.xml"
    assert addresses == [base, f"{base}?p=2", f"{base}?p=3"]
    urls = [SITE + story.get_absolute_url() for story in stories]
    assert pages_content(client, addresses) == [urls[0:2], urls[2:4], urls[4:5]]
    assert client.get(f"/sitemap-{key}.xml?p=4").status_code == 404


def test_a_withdrawn_story_leaves_its_page_and_the_page_count(client, db, pages_of_two):
    start = timezone.now() - timedelta(days=70)
    stories = [make_article(publish_at=start + timedelta(hours=n)) for n in range(3)]
    key = month_key(stories[0].publish_at)
    assert len(month_pages(client, key)) == 2
    stories[1].status = Article.Status.UNPUBLISHED
    stories[1].save()
    addresses = month_pages(client, key)
    assert addresses == [f"{SITE}/sitemap-{key}.xml"]
    assert pages_content(client, addresses) == [[SITE + stories[0].get_absolute_url(), SITE + stories[2].get_absolute_url()]]
    assert client.get(f"/sitemap-{key}.xml?p=2").status_code == 404


def test_an_old_month_address_without_a_page_is_its_first_page(client, db, pages_of_two):
    stories = [make_article(publish_at=timezone.now() - timedelta(days=70, hours=n)) for n in range(3)]
    key = month_key(stories[0].publish_at)
    first = locations(fetch(client, f"/sitemap-{key}.xml"))
    assert first == locations(fetch(client, f"/sitemap-{key}.xml?p=1"))
    assert len(first) == 2


# Slow: it waits on the real clock (about 1.5 s) for the scheduled moment.
@pytest.mark.slow
def test_a_scheduled_story_gets_its_page_on_its_second(client, db, pages_of_two):
    now = timezone.now()
    stories = [make_article(publish_at=now - timedelta(seconds=seconds)) for seconds in (20, 10)]
    moment = now + timedelta(seconds=1.5)
    scheduled = make_article("scheduled", publish_at=moment)
    key = month_key(moment)
    assert {month_key(story.publish_at) for story in stories} == {key}, "the month began less than 20 s ago"
    assert month_pages(client, key) == [f"{SITE}/sitemap-{key}.xml"]
    assert client.get(f"/sitemap-{key}.xml?p=2").status_code == 404
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    addresses = month_pages(client, key)
    assert addresses == [f"{SITE}/sitemap-{key}.xml", f"{SITE}/sitemap-{key}.xml?p=2"]
    assert pages_content(client, addresses)[1] == [SITE + scheduled.get_absolute_url()]


def test_the_index_lists_every_news_page_and_each_holds_its_stories_newest_first(client, db, pages_of_two):
    stories = [make_article(hours=n + 1) for n in range(5)]
    make_article(hours=49)
    make_article(paid_kind="advertorial", hours=1)
    assert news_pages(client) == [NEWS, f"{NEWS}?p=2", f"{NEWS}?p=3"]
    urls = [SITE + story.get_absolute_url() for story in stories]
    assert pages_content(client, news_pages(client)) == [urls[0:2], urls[2:4], urls[4:5]]
    assert locations(fetch(client, "/sitemap-news.xml?p=1")) == urls[0:2]
    for page in ["4", "0", "x"]:
        assert client.get(f"/sitemap-news.xml?p={page}").status_code == 404, page


def test_a_withdrawn_story_leaves_the_news_pages(client, db, pages_of_two):
    stories = [make_article(hours=n + 1) for n in range(3)]
    assert len(news_pages(client)) == 2
    stories[0].status = Article.Status.UNPUBLISHED
    stories[0].save()
    assert news_pages(client) == [NEWS]
    assert pages_content(client, [NEWS]) == [[SITE + stories[1].get_absolute_url(), SITE + stories[2].get_absolute_url()]]
    assert client.get("/sitemap-news.xml?p=2").status_code == 404


def test_the_news_pages_hold_the_newest_stories_up_to_googles_limit_in_all(client, db, pages_of_two, monkeypatch):
    monkeypatch.setattr(urlsets, "NEWS_LIMIT", 3)
    stories = [make_article(hours=n + 1) for n in range(5)]
    assert news_pages(client) == [NEWS, f"{NEWS}?p=2"]
    urls = [SITE + story.get_absolute_url() for story in stories]
    assert pages_content(client, news_pages(client)) == [urls[0:2], urls[2:3]]
    assert client.get("/sitemap-news.xml?p=3").status_code == 404


def test_without_news_the_index_lists_one_empty_news_sitemap(client, db):
    make_article(hours=24 * 5)
    assert news_pages(client) == [NEWS]
    assert locations(fetch(client, "/sitemap-news.xml")) == []


# Slow: it waits on the real clock (about 1.5 s) for the scheduled moment.
@pytest.mark.slow
def test_a_scheduled_story_joins_the_cached_news_pages_on_its_second(client, db, pages_of_two, settings):
    settings.PAGE_CACHE = True
    now = timezone.now()
    stories = [make_article(publish_at=now - timedelta(seconds=seconds)) for seconds in (10, 20)]
    moment = now + timedelta(seconds=1.5)
    scheduled = make_article("scheduled", publish_at=moment)
    for _ in range(2):
        assert news_pages(client) == [NEWS]
    assert client.get("/sitemap.xml").headers["X-Page-Cache"] == "HIT"
    assert client.get("/sitemap-news.xml?p=2").status_code == 404
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    assert news_pages(client) == [NEWS, f"{NEWS}?p=2"]
    urls = [SITE + article.get_absolute_url() for article in (scheduled, *stories)]
    assert pages_content(client, news_pages(client)) == [urls[0:2], urls[2:3]]


def recount(trunc=TruncHour):
    """PublishedHour's rows (with TruncDay: PublishedDay's) as they should be, from the articles themselves."""
    rows = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .annotate(start=trunc("publish_at", tzinfo=UTC))
        .values("start")
        .annotate(count=Count("pk"), change=Max(Greatest("publish_at", "updated_at")), newest=Max("publish_at"))
    )
    return {(row["start"], row["count"], row["change"], row["newest"]) for row in rows}


def stored():
    return {(row.hour, row.count, row.latest_change, row.latest_publish) for row in PublishedHour.objects.all()}


def stored_days():
    return {(row.day, row.count, row.latest_change, row.latest_publish) for row in PublishedDay.objects.all()}


def test_the_hour_counts_follow_every_kind_of_write(db):
    """Saves, QuerySet.update(), bulk_create() and deletes: the triggers recount, none of our code does."""
    base = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(days=3)
    stories = [make_article(publish_at=base + timedelta(minutes=20 * n)) for n in range(6)]
    make_article("scheduled", hours=5)
    make_article("draft")
    assert stored() == recount() and len(stored()) == 3
    assert stored_days() == recount(TruncDay) and stored_days()
    Article.objects.filter(pk=stories[0].pk).update(status=Article.Status.UNPUBLISHED)
    Article.objects.filter(pk=stories[1].pk).update(publish_at=base - timedelta(days=40))
    Article.objects.filter(pk=stories[2].pk).update(updated_at=timezone.now())
    stories[3].delete()
    Article.objects.bulk_create([Article(headline="Impor", slug="impor", status=Article.Status.PUBLISHED, publish_at=base, section=stories[4].section)])
    assert stored() == recount()
    assert stored_days() == recount(TruncDay)
    Article.objects.filter(pk__in=[story.pk for story in stories]).delete()
    Article.objects.all().delete()
    assert not PublishedHour.objects.exists() and not PublishedDay.objects.exists()


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Kolkata", "America/New_York"])
def test_the_index_month_figures_are_the_articles_own(db, settings, zone):
    """Whole days, the hours at a month's edges and the live part-hours add up to each month's stories."""
    settings.TIME_ZONE = zone
    with timezone.override(zone):
        now = timezone.localtime()
        this_month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        last_month = (this_month - timedelta(days=1)).replace(day=1)
        moments = [
            last_month + timedelta(minutes=10),  # The month's first part-hour (or hour) in UTC.
            last_month + timedelta(hours=5, minutes=40),  # Inside the month's first UTC day, after its edge.
            last_month + timedelta(days=3, hours=2),  # Whole days.
            last_month + timedelta(days=12, hours=23, minutes=59),
            this_month - timedelta(minutes=5),  # The month's last minutes.
            this_month + timedelta(minutes=1),
            now - timedelta(minutes=1),  # The current hour: read live.
        ]
        stories = [make_article(publish_at=moment) for moment in moments if moment <= now]
        make_article("scheduled", hours=1)  # Its hour's and day's rows count it; the index must not.
        Article.objects.filter(pk=stories[2].pk).update(updated_at=now)  # An old story's edit is its month's last change.
        expected = {}
        for story in Article.objects.published().annotate(changed=last_changed()):
            local = timezone.localtime(story.publish_at)
            count, change, newest = expected.get((local.year, local.month), (0, story.changed, story.publish_at))
            expected[local.year, local.month] = (count + 1, max(change, story.changed), max(newest, story.publish_at))
        got = {(year, month): (count, change, newest) for year, month, count, change, newest in archive_months()}
    assert got == expected


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"])
def test_dates_read_as_text_are_written_as_the_time_zone_gives_them(zone):
    """SQLite's UTC text turned into local text by the hour, across DST changes and part-hour offsets."""
    from zoneinfo import ZoneInfo

    local = ZoneInfo(zone)
    convert = urlsets.local_iso(local)
    start = datetime(2026, 3, 7, 0, 0, 0, tzinfo=UTC)
    moments = [start + timedelta(minutes=17 * n, microseconds=n % 3 * 250_001) for n in range(0, 60 * 24 * 60 // 17, 7)]
    for moment in moments:
        text = str(moment.replace(tzinfo=None))
        assert convert(text) == moment.astimezone(local).isoformat(), text
        assert convert(moment) == moment.astimezone(local).isoformat()
