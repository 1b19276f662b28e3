"""
The topic page's rows (PublishedTagging: a row per topic of each published
story, with its publish time), kept by database triggers on the articles
and their tag links, and the topic page read from them: the same stories as
published().filter(tags=tag), newest first, a scheduled story on its second.
"""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, PublishedTagging, Tag
from tests.factories import make_article, make_section, make_tag
from tests.html_page import Page

pytestmark = pytest.mark.django_db

Link = Article.tags.through


def expected():
    """The rows as they should be, from the links and the articles themselves."""
    links = Link.objects.filter(article__status=Article.Status.PUBLISHED, article__publish_at__isnull=False)
    return set(links.values_list("article_id", "tag_id", "article__publish_at"))


def stored():
    return set(PublishedTagging.objects.values_list("article_id", "tag_id", "publish_at"))


def test_the_rows_follow_every_kind_of_write():
    """Links added, removed, set, cleared, bulk-written; stories published, withdrawn, moved in time, deleted; tags deleted."""
    tags = [make_tag() for _ in range(4)]
    stories = [make_article(hours=n + 1, tags=tags[:2]) for n in range(4)]
    scheduled = make_article("scheduled", tags=[tags[0]])
    draft = make_article("draft", section=make_section(), tags=tags[:3])
    assert stored() == expected() and len(stored()) == 9
    steps = [
        lambda: stories[0].tags.add(tags[2], tags[3]),
        lambda: stories[0].tags.remove(tags[0]),
        lambda: stories[1].tags.set([tags[3]]),
        lambda: stories[2].tags.clear(),
        lambda: tags[2].articles.add(stories[3], scheduled),  # From the tag's side.
        lambda: Link.objects.bulk_create([Link(article=stories[2], tag=tags[1]), Link(article=draft, tag=tags[3])]),
        lambda: Link.objects.filter(article=stories[2], tag=tags[1]).update(tag=tags[0]),
        # A status change by save(), by update(), and back.
        lambda: Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, publish_at=timezone.now()),
        lambda: Article.objects.filter(pk=stories[3].pk).update(status=Article.Status.UNPUBLISHED),
        lambda: Article.objects.filter(pk=stories[3].pk).update(status=Article.Status.PUBLISHED),
        lambda: save(stories[1], status=Article.Status.UNPUBLISHED),
        lambda: save(stories[1], status=Article.Status.PUBLISHED),
        # A new publish time, by save() and by update(); an edit of nothing the rows hold.
        lambda: save(stories[0], publish_at=timezone.now() - timedelta(days=3)),
        lambda: Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(minutes=1)),
        lambda: save(stories[0], headline="Judul baru"),
        lambda: Article.objects.bulk_create([Article(headline="Impor", slug="impor", status=Article.Status.PUBLISHED, publish_at=timezone.now(), section=make_section())]),
        lambda: Article.objects.get(slug="impor").tags.set(tags),
        lambda: tags[3].delete(),
        lambda: stories[0].delete(),
        lambda: Article.objects.filter(pk__in=[scheduled.pk, draft.pk]).delete(),
        lambda: Tag.objects.filter(pk=tags[1].pk).delete(),
    ]
    for number, step in enumerate(steps):
        step()
        assert stored() == expected(), f"after step {number}"
    assert stored()
    Article.objects.all().delete()
    assert not PublishedTagging.objects.exists()


def save(article, **fields):
    article.refresh_from_db()
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()


def test_the_rows_keep_the_articles_stored_publish_time():
    """The page filters the copied time as published() filters the article's: both must hold the same value."""
    tag = make_tag()
    story = make_article(tags=[tag], publish_at=timezone.now().replace(microsecond=123456) - timedelta(hours=2))
    row = PublishedTagging.objects.get(tag=tag)
    assert (row.article_id, row.publish_at) == (story.pk, Article.objects.get(pk=story.pk).publish_at)


def test_the_triggers_are_in_the_migrated_database():
    """A migration that rebuilds the articles or link table on SQLite drops their triggers (see 0011_published_hours)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'articles_publishedtagging_%'")
            assert len(cursor.fetchall()) == 6
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'articles_publishedtagging_%'")
            assert len(cursor.fetchall()) == 3


def topic_headlines(client, tag, page=1):
    response = client.get(tag.get_absolute_url() + (f"?page={page}" if page > 1 else ""))
    assert response.status_code == 200
    return [text for level, text in Page(response.text).headings if level == 2]


def published_order(tag):
    return list(Article.objects.published().filter(tags=tag).order_by("-publish_at", "-pk").values_list("headline", flat=True))


def test_the_topic_page_lists_the_published_stories_newest_first(client, settings):
    settings.PAGE_CACHE = False
    tag, other = make_tag(), make_tag()
    start = timezone.now() - timedelta(days=1)
    # Three stories to a publish time: the tie-break (newest key first) holds across the pages.
    for n in range(23):
        make_article(publish_at=start + timedelta(minutes=n // 3), headline=f"Cerita {n}", tags=[tag, other] if n % 2 else [tag])
    for state in ("draft", "scheduled", "unpublished", "review"):
        make_article(state, tags=[tag], headline=f"Tidak terlihat: {state}")
    make_article(tags=[other], headline="Topik lain")
    listed = published_order(tag)
    assert len(listed) == 23
    assert topic_headlines(client, tag) + topic_headlines(client, tag, 2) == listed
    assert client.get(tag.get_absolute_url() + "?page=3").status_code == 404
    assert topic_headlines(client, other) == published_order(other)
    Article.objects.filter(tags=other).update(status=Article.Status.UNPUBLISHED)
    assert client.get(other.get_absolute_url()).status_code == 404


def test_a_scheduled_story_joins_the_cached_topic_page_on_its_second(client, settings):
    settings.PAGE_CACHE = True
    tag = make_tag()
    make_article(tags=[tag], headline="Sudah terbit", hours=2)
    moment = timezone.now() + timedelta(seconds=0.8)
    make_article(tags=[tag], headline="Terjadwal", publish_at=moment)
    for _ in range(2):
        assert topic_headlines(client, tag) == ["Sudah terbit"]
    assert client.get(tag.get_absolute_url()).headers["X-Page-Cache"] == "HIT"
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    assert topic_headlines(client, tag) == ["Terjadwal", "Sudah terbit"] == published_order(tag)
