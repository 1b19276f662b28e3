"""
What the front page and section pages show, from the editors' placements
with the newest stories filling any slot they left open.

The readers' views and the admin's "Halaman depan" screen both call these,
so the screen shows the slots exactly as readers will get them.

For a page cache: every change here is a model save or delete (Placement,
BreakingNews, Article), and the only other moments the result changes are
the times in `next_change_at()`: a placement or bar starting or expiring,
or a picked article going live at its scheduled time.
"""

import functools
from dataclasses import dataclass, field
from datetime import datetime

from django.db import router
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles import queries
from articles.models import Article, Section
from articles.prepared_queries import PreparedQuery

from .models import PICK_SLOTS, BreakingNews, Placement, running_at

# Of two placements in one slot the one that started last wins; no start means "from when it was made".
LATEST_STARTED = Coalesce(F("starts_at"), F("created_at")).desc()


@dataclass
class FrontPage:
    headline: Article | None = None
    headline_picked: bool = False
    picks: list = field(default_factory=list)  # [(article, picked?)] in slot order
    latest: list = field(default_factory=list)
    cards: dict = field(default_factory=dict)  # every card fetched, by key

    @property
    def shown(self):
        articles = [self.headline] if self.headline else []
        return articles + [article for article, _picked in self.picks]


def newest_needed(latest_count):
    """
    How many of the newest stories front_page() may need: one for the
    Headline and every pick slot, `latest_count`, and as many again as
    placed stories can take out of the running.
    """
    return 2 * (1 + PICK_SLOTS) + latest_count


def front_page(latest_count, now=None, newest=None, more=None, sections=None):
    """
    The Headline, the PICK_SLOTS "Pilihan Editor" slots and `latest_count`
    latest stories. A slot without a live pick takes the newest story.

    `newest` is the keys of the newest published stories, newest first (at
    least newest_needed() of them, or all there are), when the caller has
    them; else they are asked for. Then one query fetches the cards of the
    placed stories and of those newest: that a placed story is live is
    its card's being among the published() cards at `now`. Placements and
    their articles in one query cost three times as much CPU to build.
    Both queries are prepared once per process (articles/prepared_queries.py):
    building and compiling them cost more than a third of the view.

    `more(taken)`, if given, names the keys of other stories the caller
    wants cards of, knowing that the slots may take those in `taken`; they
    come in the same query, and every card fetched is in `page.cards`.
    `sections`, if given, is every section: the cards take theirs from it.
    """
    now = now or timezone.now()
    placed = _PLACED.fetch(now=now)
    if newest is None:
        newest = queries.card_queryset(now).values_list("pk", flat=True)[: newest_needed(latest_count)]
    candidates = list(newest[: newest_needed(latest_count)])
    wanted_keys = {pk for _slot, pk in placed} | set(candidates)
    if more is not None:
        wanted_keys.update(more(frozenset(wanted_keys)))
    found = cards_by_keys(wanted_keys, now, sections)
    live = [(slot, found[pk]) for slot, pk in placed if pk in found]
    headline = next((article for slot, article in live if slot == Placement.Slot.HEADLINE), None)
    picked, seen = [], {headline.pk} if headline else set()
    for slot, article in live:
        if slot == Placement.Slot.PICK and article.pk not in seen and len(picked) < PICK_SLOTS:
            picked.append(article)
            seen.add(article.pk)
    wanted = (0 if headline else 1) + (PICK_SLOTS - len(picked)) + latest_count
    newest = [found[pk] for pk in candidates if pk not in seen and pk in found][:wanted]
    page = FrontPage(headline=headline, headline_picked=headline is not None, cards=found)
    if page.headline is None and newest:
        page.headline = newest.pop(0)
    page.picks = [(article, True) for article in picked]
    while len(page.picks) < PICK_SLOTS and newest:
        page.picks.append((newest.pop(0), False))
    page.latest = newest[:latest_count]
    return page


def newest_keys(count, now):
    """(key, section key) of the `count` newest stories published at `now`, newest first: one prepared query."""
    return _newest(count).fetch(now=now)


@functools.cache
def _newest(count):
    # The LIMIT is written into the SQL: one query per count (the number of sections decides it).
    return PreparedQuery(
        Article,
        lambda now: Article.objects.published(now).order_by("-publish_at", "-pk").values_list("pk", "section_id")[:count],
        now=datetime,
    )


def cards_by_keys(keys, now, sections=None):
    """
    {key: card} for those of `keys` published at `now`, in one prepared
    query. With `sections` (all of them, as the menu has them) each card's
    section is taken from there instead of being joined and made anew for
    every card, and the cards are ListedStory rows (articles/queries.py),
    not model instances: what the readers' front page shows of them, at a
    third of the cost. Without, they are articles (the desk's screen).
    """
    keys = sorted(keys)
    if not keys:
        return {}
    values = dict(zip(_key_names(len(keys)), keys))
    if sections is None:
        return {article.pk: article for article in _cards_among(len(keys)).fetch(now=now, **values)}
    rows = _card_rows_among(len(keys)).fetch(now=now, **values)
    by_key = {section.pk: section for section in sections}
    missing = {row[6] for row in rows} - by_key.keys() - {None}
    if missing:  # A section created since the menu was fetched.
        by_key.update(Section.objects.in_bulk(missing))
    return {card.pk: card for card in queries.cards_from_rows(rows, by_key, router.db_for_read(Article))}


def _key_names(count):
    return [f"pk{n}" for n in range(count)]


@functools.cache
def _card_rows_among(count):
    # As _cards_among(), without the sections (the menu has them), as rows of values for queries.cards_from_rows().
    names = _key_names(count)
    return PreparedQuery(
        Article,
        lambda now, **keys: queries.card_queryset(now)
        .filter(pk__in=[keys[name] for name in names])
        .values_list(*queries.LISTED_COLUMNS, *queries.PICTURE_COLUMNS),
        now=datetime,
        **dict.fromkeys(names, int),
    )


@functools.cache
def _cards_among(count):
    # An IN list is prepared per length; the front page asks for a few lengths only.
    names = _key_names(count)
    return PreparedQuery(
        Article,
        lambda now, **keys: queries.card_queryset(now).filter(pk__in=[keys[name] for name in names]),
        now=datetime,
        **dict.fromkeys(names, int),
    )


_PLACED = PreparedQuery(
    Placement,
    lambda now: Placement.objects.front_page()
    .filter(running_at(now))
    .order_by("position", LATEST_STARTED, "-pk")
    .values_list("slot", "article_id"),
    now=datetime,
)


def section_pin(section, now=None):
    """
    The article an editor pinned at the top of `section`, if it is live
    there: one query, two when something is pinned (its placements as keys,
    then the first live one's card, as on the front page).
    """
    now = now or timezone.now()
    placed = list(
        Placement.objects.filter(running_at(now), slot=Placement.Slot.SECTION, article__section=section)
        .order_by(LATEST_STARTED, "-pk")
        .values_list("article_id", flat=True)
    )
    if not placed:
        return None
    found = {article.pk: article for article in queries.card_queryset().filter(pk__in=placed)}
    return next((found[pk] for pk in placed if pk in found), None)


def breaking_news(now=None):
    """The bar readers see now (the latest started of the live ones), or None; one query."""
    found = _LIVE_BREAKING_NEWS.fetch(now=now or timezone.now())
    if not found:
        return None
    bar = found[0]
    # The bar links to its story: only the slug is needed for the address.
    story = Article.from_db(router.db_for_read(Article), ("id", "slug"), (bar.article_id, bar.article_slug))
    BreakingNews.article.field.set_cached_value(bar, story)
    return bar


# Every reader page asks this: its SQL is compiled once per process (articles/prepared_queries.py).
# The story's slug comes as a subquery, not a join: joining made SQLite start
# from the articles table (a second query cost a page about 60 µs).
_LIVE_BREAKING_NEWS = PreparedQuery(
    BreakingNews,
    lambda now: BreakingNews.objects.live(now)
    .annotate(article_slug=Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("slug")[:1]))
    .order_by(LATEST_STARTED, "-pk")[:1],
    now=datetime,
)


def next_change_at(now=None):
    """
    The next moment the desk's output changes without anyone saving
    anything: a placement or bar starting or expiring, or a placed
    article's scheduled publish time. A page cache caps lifetimes by it.
    """
    now = now or timezone.now()
    moments = []
    for model in (Placement, BreakingNews):
        found = model.objects.aggregate(
            starts=Min("starts_at", filter=Q(starts_at__gt=now)), expires=Min("expires_at", filter=Q(expires_at__gt=now))
        )
        moments += [value for value in found.values() if value]
    scheduled = Article.objects.scheduled().filter(placements__isnull=False).aggregate(at=Min("publish_at"))["at"]
    if scheduled:
        moments.append(scheduled)
    return min(moments, default=None)
