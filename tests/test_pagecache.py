"""
The page cache: anonymous readers get cached pages, and never a stale one.

Each test reads the X-Page-Cache header (HIT, MISS, BYPASS) the middleware
adds, and what the page says. They run on the configured cache (local
memory by default); test_pagecache_redis.py repeats the essentials on Redis.
"""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.pagecache import generations
from tests.factories import make_article, make_section, make_tag, make_user
from tests.test_leaks import crawl_for_leaks, planted  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def fetch(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, response.headers.get("X-Page-Cache")


def test_second_request_is_a_hit_with_at_most_the_stamp_query(client):
    article = make_article(headline="Harga beras turun di pasar induk")
    first, outcome = fetch(client, "/")
    assert outcome == "MISS" and "Harga beras turun" in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second, outcome = fetch(client, "/")
    # Local memory keeps the stamps in the database (one query); Redis keeps them itself.
    assert outcome == "HIT" and len(queries) == (0 if generations._shared_cache() else 1)
    if queries:
        assert "pagecache_generation" in queries[0]["sql"]
    assert second.content == first.content
    assert fetch(client, article.get_absolute_url())[1] == "MISS"
    assert fetch(client, article.get_absolute_url())[1] == "HIT"


def test_publishing_shows_on_the_next_request_everywhere(client, editor):
    section = make_section("Ekonomi", slug="ekonomi")
    make_article(section=section, headline="Berita lama")
    draft = make_article("draft", section=section, headline="Kabar terbaru pelabuhan")
    pages = ["/", "/rubrik/ekonomi/", "/rss/", "/rubrik/ekonomi/rss/", "/sitemap-news.xml", "/cari/?q=pelabuhan"]
    for path in pages:
        fetch(client, path)
        assert fetch(client, path)[1] == "HIT", path
    draft.publish(editor)
    for path in pages:
        response, outcome = fetch(client, path)
        assert outcome == "MISS", path
        # (Search results mark the matched word, so look for the rest.)
        assert "Kabar terbaru" in response.content.decode(), path


def test_withdrawn_story_vanishes_on_the_next_request(client, editor):
    article = make_article(headline="Sengketa lahan di pesisir", section=make_section(slug="nasional"))
    pages = [article.get_absolute_url(), "/", "/rubrik/nasional/", "/rss/", "/sitemap-news.xml"]
    for path in pages:
        fetch(client, path)
        assert fetch(client, path)[1] == "HIT"
    article.unpublish(editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    for path in pages[1:]:
        assert "Sengketa lahan" not in client.get(path).content.decode(), path


def test_a_body_fix_leaves_the_other_pages_cached(client):
    article = make_article(headline="Jembatan ambruk", body="<p>Korban 3 orang.</p>")
    make_article(headline="Cerita lain")
    for path in (article.get_absolute_url(), "/"):
        fetch(client, path)
    article.body = "<p>Korban 4 orang.</p>"
    article.save()
    response, outcome = fetch(client, article.get_absolute_url())
    assert outcome == "MISS" and "Korban 4 orang" in response.content.decode()
    assert fetch(client, "/")[1] == "HIT"
    article.headline = "Jembatan ambruk, empat korban"
    article.save()
    response, outcome = fetch(client, "/")
    assert outcome == "MISS" and "empat korban" in response.content.decode()


def test_renaming_a_tag_shows_on_its_articles_and_lists(client):
    tag = make_tag("Banjir")
    article = make_article(headline="Air naik di Kampung Melayu", tags=[tag])
    for path in (article.get_absolute_url(), tag.get_absolute_url()):
        fetch(client, path)
    tag.name = "Banjir Jakarta"
    tag.save()
    assert "Banjir Jakarta" in client.get(article.get_absolute_url()).content.decode()
    assert "Banjir Jakarta" in client.get(tag.get_absolute_url()).content.decode()


def test_deleting_an_article_removes_its_page(client):
    article = make_article(headline="Berita yang dihapus")
    url = article.get_absolute_url()
    fetch(client, url)
    fetch(client, "/")
    article.delete()
    assert client.get(url).status_code == 404
    assert "Berita yang dihapus" not in client.get("/").content.decode()


# Slow: it waits on the real clock (about 1.4 s) for the scheduled moment.
@pytest.mark.slow
def test_scheduled_story_appears_on_its_second(client, editor):
    """On the real clock: no rewrite of the row, no cron, cached pages know the moment."""
    section = make_section("Olahraga", slug="olahraga")
    make_article(section=section, headline="Berita sebelumnya")
    moment = timezone.now() + timedelta(seconds=1.5)
    article = make_article("draft", section=section, headline="Timnas diumumkan pagi ini")
    article.schedule(editor, moment)
    pages = ["/", "/rubrik/olahraga/", "/rss/", "/sitemap-news.xml", article.get_absolute_url()]
    for path in pages:
        fetch(client, path)
        response, outcome = fetch(client, path)
        assert outcome == "HIT", path
        assert "Timnas diumumkan" not in response.content.decode(), path
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    for path in pages:
        response, outcome = fetch(client, path)
        assert outcome == "MISS", path
        assert "Timnas diumumkan" in response.content.decode(), path


def test_conditional_get_answers_304(client):
    make_article(headline="Berita untuk diperiksa ulang")
    first, _ = fetch(client, "/")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    changed = client.get("/", headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


# Slow: it waits on the real clock (about 1.5 s) for the story to turn 48 hours old.
@pytest.mark.slow
def test_story_leaves_the_cached_news_sitemap_on_its_second(client):
    """Nobody saves anything when a story turns 48 hours old: the cached news files and index know the moment."""
    moment = timezone.now() + timedelta(seconds=1.5)
    make_article(headline="Berita yang masih baru")
    make_article(headline="Berita yang segera lewat", publish_at=moment - timedelta(hours=48))
    for path in ["/sitemap-news.xml", "/sitemap.xml"]:
        fetch(client, path)
        assert fetch(client, path)[1] == "HIT", path
    assert "Berita yang segera lewat" in client.get("/sitemap-news.xml").content.decode()
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    response, outcome = fetch(client, "/sitemap-news.xml")
    assert outcome == "MISS"
    assert "Berita yang segera lewat" not in response.content.decode()
    assert "Berita yang masih baru" in response.content.decode()
    assert fetch(client, "/sitemap.xml")[1] == "MISS"


def test_news_sitemap_tells_caches_in_front_when_its_oldest_story_leaves(client, settings):
    settings.PAGE_CACHE_PURGE_URL = "http://127.0.0.1:9/"
    make_article(headline="Berita yang masih baru")
    make_article(headline="Berita yang segera lewat", publish_at=timezone.now() - timedelta(hours=48) + timedelta(seconds=90))
    for path in ["/sitemap-news.xml", "/sitemap.xml"]:
        response, outcome = fetch(client, path)
        assert outcome == "MISS", path
        directives = dict(part.partition("=")[::2] for part in response.headers["Cache-Control"].split(", "))
        # Without the story about to leave, a sitemap is kept for its policy's
        # full time (minutes); here only until the story is 48 hours old.
        assert int(directives["s-maxage"]) <= 90, path


def test_headers_for_caches_in_front(client, settings):
    article = make_article()
    response, _ = fetch(client, article.get_absolute_url())
    # Nothing in front can be purged: it must revalidate every time.
    assert response.headers["Cache-Control"] == "public, no-cache"
    assert "lists" in response.headers["Surrogate-Key"].split()
    settings.PAGE_CACHE_PURGE_URL = "http://127.0.0.1:9/"
    article.save()
    response, _ = fetch(client, article.get_absolute_url())
    directives = dict(part.partition("=")[::2] for part in response.headers["Cache-Control"].split(", "))
    assert directives.keys() == {"public", "max-age", "s-maxage", "stale-while-revalidate"}
    assert directives["max-age"] == "0" and directives["stale-while-revalidate"] == "60"
    # 300 s for an article (capped by the next scheduled change, if any).
    assert 0 < int(directives["s-maxage"]) <= 300


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "messages"])
def test_requests_with_private_cookies_never_meet_the_cache(client, cookie):
    make_article()
    fetch(client, "/")
    assert fetch(client, "/")[1] == "HIT"
    client.cookies[cookie] = "x"
    assert fetch(client, "/")[1] is None


def test_staff_pages_are_never_stored_or_served(client):
    editor = make_user("pemred", "Chief editor")
    draft = make_article("draft", headline="Naskah belum terbit")
    public = make_article(headline="Naskah sudah terbit")
    client.force_login(editor)
    assert "Naskah belum terbit" in client.get(draft.get_absolute_url()).content.decode()
    client.get(public.get_absolute_url())
    client.logout()
    client.cookies.clear()
    response, outcome = fetch(client, draft.get_absolute_url())
    assert response.status_code == 404 and outcome == "MISS"
    assert fetch(client, public.get_absolute_url())[1] == "MISS"


def test_leak_crawl_with_the_cache_on_after_staff_browsed(client, planted):  # noqa: F811
    visible, hidden = planted
    staff = make_user("redaktur", "Chief editor")
    client.force_login(staff)
    for article in [visible, *hidden]:
        assert client.get(article.get_absolute_url()).status_code == 200
    client.get("/")
    client.logout()
    client.cookies.clear()
    crawl_for_leaks(client, visible, hidden)


def test_tracking_parameters_share_the_page(client):
    make_article()
    fetch(client, "/?utm_source=wa")
    assert fetch(client, "/?fbclid=abc123&utm_medium=social")[1] == "HIT"
    assert fetch(client, "/?page=2")[1] == "MISS"


def test_head_requests_share_the_entry(client):
    make_article()
    fetch(client, "/")
    assert client.head("/").headers["X-Page-Cache"] == "HIT"


def test_unreachable_cache_serves_pages_uncached(client, settings):
    article = make_article(headline="Berita saat Redis mati")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    for path in ("/", article.get_absolute_url(), "/rss/"):
        response, outcome = fetch(client, path)
        assert response.status_code == 200 and outcome == "BYPASS", path
    assert "Berita saat Redis mati" in client.get("/").content.decode()
    # Editors can still save: the bump that cannot reach the cache is logged, not raised.
    article.headline = "Berita saat Redis mati, diperbarui"
    article.save()
    assert Article.objects.get(pk=article.pk).headline.endswith("diperbarui")
