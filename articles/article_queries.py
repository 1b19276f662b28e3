"""
What the article page asks the database, each question compiled once per
process (articles/prepared_queries.py): the article with its section,
picture and press records, then its byline, topics and sources (in one
query, articles/article_lists.py). Building these querysets cost more
than 3 ms of CPU a page; running the prepared SQL costs a fraction of a
millisecond.
"""

import datetime
from collections import namedtuple

from django.utils import timezone

from .article_lists import lists_of
from .models import Article, Section
from .prepared_queries import PreparedQuery
from .press.queries import with_press_relations
from .queries import RELATED_RECENT, ListedStory, recent_is_complete, related_queryset


def page_queryset(queryset, now=None):
    """`queryset` (articles) with what the article page shows of each, besides the lists below."""
    return with_press_relations(queryset.select_related("section", "lead_image"), now)


# A slug is unique: two rows would be a broken database, and get() says so.
_PUBLISHED_BY_SLUG = PreparedQuery(
    Article,
    lambda slug, now: page_queryset(Article.objects.published(now), now).filter(slug=slug)[:2],
    slug=str,
    now=datetime.datetime,
)


# What a "Read also" line shows (articles/article_page.py story_links()), and
# what recent_is_complete() asks of a row: values, not model instances. Ten
# instances (five stories, their five sections) cost more than the query.
_RELATED_COLUMNS = ("pk", "slug", "headline", "publish_at", "paid_kind", "section_id", "relation")
_RelatedRow = namedtuple("_RelatedRow", [*_RELATED_COLUMNS, "window_start"])


def _related_links(article, section, now, recent=None):
    queryset = related_queryset(article, section, now, recent=recent).select_related(None)
    return queryset.values_list(*_RELATED_COLUMNS, *(("window_start",) if recent is not None else ()))


# Each first in the newest RELATED_RECENT stories (cost bounded whatever the
# archive's size), then, only if that cannot be the answer, over the whole
# archive (cheap exactly then: the article's topics are rare lately).
_RELATED_IN_SECTION = {
    recent: PreparedQuery(
        Article, lambda article, section, now, recent=recent: _related_links(article, section, now, recent),
        article=int, section=int, now=datetime.datetime,
    )
    for recent in (RELATED_RECENT, None)
}
# Only a draft may have no section.
_RELATED = {
    recent: PreparedQuery(
        Article, lambda article, now, recent=recent: _related_links(article, None, now, recent), article=int, now=datetime.datetime
    )
    for recent in (RELATED_RECENT, None)
}


def published_article(slug):
    """The live article at `slug` with what its page shows (None if there is none), in two queries."""
    found = _PUBLISHED_BY_SLUG.fetch(slug=slug, now=timezone.now())
    if len(found) > 1:
        raise Article.MultipleObjectsReturned(f"Two articles at {slug!r}")
    if not found:
        return None
    return with_lists(found[0])


def with_lists(article):
    """
    `article` with its byline, topics and sources (articles/article_lists.py,
    one query) as `article.page_lists`, which listed() reads. Nothing else
    is cached on the instance: `article.tags.all()` would still ask the
    database, and nothing on the article page does (the page's query count
    is pinned by tests); a related manager and its queryset for each list
    cost more than the query that loads them.
    """
    contributions, tags, sources = lists_of(article)
    article.page_lists = {"contributions": contributions, "tags": tags, "sources": sources}
    return article


def listed(article, name):
    """`article`'s contributions, tags or sources (`name`): with_lists()' rows if it ran, else `article.<name>.all()`."""
    lists = getattr(article, "page_lists", None)
    return lists[name] if lists is not None else getattr(article, name).all()


def related_articles(article, sections=None):
    """
    "Baca juga" for `article` (articles.queries.related_queryset), as a list
    of ListedStory rows with what story_links() shows. `sections`, every
    section (the menu's), gives theirs; without, they are fetched.
    """
    now = timezone.now()
    # Without topics (as loaded by with_lists()) the window has nothing to look for.
    topics = getattr(article, "page_lists", {}).get("tags")
    for recent in (RELATED_RECENT, None) if topics is None or len(topics) else (None,):
        if article.section_id is None:
            found = _RELATED[recent].fetch(article=article.pk, now=now)
        else:
            found = _RELATED_IN_SECTION[recent].fetch(article=article.pk, section=article.section_id, now=now)
        rows = [_RelatedRow(*row) if recent is not None else _RelatedRow(*row, None) for row in found]
        if recent is None or recent_is_complete(rows):
            return _stories(rows, sections)


def _stories(rows, sections):
    by_key = {section.pk: section for section in sections or ()}
    missing = {row.section_id for row in rows} - by_key.keys() - {None}
    if missing:  # No menu given, or a section made since it was fetched.
        by_key.update(Section.objects.in_bulk(missing))
    return [ListedStory(row.pk, row.slug, row.headline, None, row.publish_at, row.paid_kind, by_key.get(row.section_id), None) for row in rows]
