"""
The ranking shown as "Terpopuler": the stories with the most views in the
last 24 hours. The order is recomputed at most every RANKING_SECONDS; a new order bumps
the ``popular`` page-cache generation, so the pages showing the block are
re-rendered. Stories are always filtered through published() when shown. The process that flushes
counts recomputes it when it is due, so no reader's page waits for it.
"""

import functools
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import router
from django.db.models import Sum
from django.utils import timezone

from ..models import Article, Section
from ..pagecache.generations import POPULAR, bump
from ..prepared_queries import PreparedQuery
from ..queries import ListedStory, card_queryset
from .models import HourlyViews

RANKING_SECONDS = 300
SHOWN = 5
CANDIDATES = 20  # Enough to fill the block when some have been withdrawn since.
KEY = "popular:ranking"
# What the block's lines show of a story's section (story_links()), loaded whole.
SECTION_FIELDS = tuple(field.attname for field in Section._meta.concrete_fields)


def ranked_pks():
    """
    The ranking as last computed, without touching the database: pages pay
    one query for the stories themselves, and none when nobody has read any.
    """
    try:
        memo = cache.get(KEY)
    except Exception:
        return []
    return memo[1] if memo else []


def refresh(now=None, *, force=False):
    """Recompute the ranking when the current one is older than its five minutes (counting.flush() asks)."""
    now = now or timezone.now()
    memo = cache.get(KEY)
    if memo is not None and now < memo[0] and not force:
        return memo[1]
    since = (now - timedelta(hours=24)).replace(minute=0, second=0, microsecond=0)
    pks = list(
        HourlyViews.objects.filter(hour__gte=since)
        .values("article")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article")
        .values_list("article", flat=True)[:CANDIDATES]
    )
    # Kept past its refresh time, so a quiet site still shows its last ranking.
    cache.set(KEY, (next_refresh(now), pks), 24 * 3600)
    if memo is None or memo[1] != pks:
        bump(POPULAR)
    return pks


def next_refresh(now):
    """The next multiple of RANKING_SECONDS: every process agrees on when the ranking changes."""
    seconds = int(now.timestamp())
    return now + timedelta(seconds=RANKING_SECONDS - seconds % RANKING_SECONDS, microseconds=-now.microsecond)


def most_read(limit=SHOWN):
    """
    The ranked stories readers may see, with what the block shows of them
    (articles.article_page.story_links); the SQL is prepared once per
    process for each number of ranked stories.
    """
    pks = ranked_pks()
    if not pks:
        return []
    rows = _cards_among(len(pks)).fetch(now=timezone.now(), **dict(zip(_names(len(pks)), pks)))
    db = router.db_for_read(Section)
    # Rows of values, not model instances: a deferred article per story cost more than the query.
    found = {
        pk: ListedStory(pk, slug, headline, None, publish_at, paid_kind, Section.from_db(db, SECTION_FIELDS, section) if section[0] else None, None)
        for pk, slug, headline, publish_at, paid_kind, *section in rows
    }
    return [found[pk] for pk in pks if pk in found][:limit]


def _names(count):
    return [f"pk{n}" for n in range(count)]


@functools.cache
def _cards_among(count):
    names = _names(count)
    return PreparedQuery(
        Article,
        lambda now, **pks: card_queryset(now)
        .filter(pk__in=[pks[name] for name in names])
        .select_related(None)
        .values_list("pk", "slug", "headline", "publish_at", "paid_kind", *(f"section__{name}" for name in SECTION_FIELDS)),
        now=datetime,
        **dict.fromkeys(names, int),
    )
