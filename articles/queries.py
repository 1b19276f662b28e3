"""
The reader pages' queries that are more than a filter: cards for several
lists in one query, and the "Baca juga" block.
"""

import datetime
import operator
from functools import reduce

from django.core.paginator import Paginator
from django.db import connection, connections
from django.db.models import Case, Count, DateTimeField, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import Article, Image
from .paths import slug_path

RELATED_LIMIT = 5
# How many of the newest published stories the first try at "Baca juga"
# looks through for stories sharing a topic (related_queryset(recent=...)).
RELATED_RECENT = 1000
# Earlier than any story: the window's bound when there are fewer stories than it holds.
_BEFORE_ANY_STORY = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


# What a card or a list row shows (articles/cards.py, the index, "Most read",
# "Baca juga", the desk's screen); with its section and lead image. Loading
# no more than this halves the cost of turning rows into objects.
CARD_FIELDS = ("headline", "slug", "standfirst", "section", "lead_image", "status", "publish_at", "paid_kind")


def cards(queryset):
    """`queryset` loading what cards show, and no more."""
    return queryset.select_related("section", "lead_image").only(*CARD_FIELDS)


def card_queryset(now=None):
    """Published articles (at `now`, by default the current time) with what a card shows."""
    return cards(Article.objects.published(now))


def cards_by_key(keys):
    """
    Cards for `keys` (a list, or a query of keys), in the list order. Keys
    come from a list's own query, which every story in it passed: asking
    the list's filters again would have SQLite walk the whole topic or
    section for the twenty rows it can look up by key.
    """
    return cards(Article.objects.filter(pk__in=keys))


class KeysFirstPaginator(Paginator):
    """
    A page of a long list in two steps inside one query: the page's keys
    from the index alone (the OFFSET walks index entries, not rows), then
    those rows, by `rows(keys)` (by default the list filtered to the keys).
    A plain OFFSET read every skipped row: the last of 568 pages of a
    section cost 35 ms more than the first on 100,000 stories. A page past
    the middle walks in from the list's other end (the list reversed, the
    page's keys counted back from its length): the last page reads its own
    few entries instead of the 11,000 before it.
    """

    # The list's column holding the story's key.
    key = "pk"

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, rows=None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.rows = rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self._rows(self._keys(bottom, top)), number, self)

    def _keys(self, bottom, top):
        if bottom > self.count - top and self.object_list.ordered:
            # reverse() turns every term of the ordering, its tie-break too: the same list, backwards.
            return self.object_list.reverse().values(self.key)[self.count - top : self.count - bottom]
        return self.object_list.values(self.key)[bottom:top]

    def _rows(self, keys):
        return self.rows(keys) if self.rows else self.object_list.filter(pk__in=keys)


class CountedKeysPaginator(KeysFirstPaginator):
    """
    For lists no index counts (a topic's or a person's stories, found
    through link tables, each one's status and time read from an index on
    the key): the page's keys come with the length of the whole list, a
    subquery that the database runs once for the query. COUNT(*) OVER ()
    did the same in one walk, but SQLite kept every row of the list for the
    window, 6 ms for a topic of 1,200 stories against 2.3 for the two walks.
    Only a page past the end, or an empty list, is counted on its own. Not
    for sections: an index counts those without reading a row.
    """

    def page(self, number):
        keys = self._keys_and_count(number)
        if keys is None:
            return super().page(number)
        return self._get_page(self._rows(keys), self.validate_number(number), self)

    def _keys_and_count(self, number):
        if "count" in self.__dict__ or self.orphans:
            return None
        try:
            number = int(number)
        except (TypeError, ValueError):
            return None  # validate_number() says what is wrong with it.
        if number < 1:
            return None
        rows = self._keys_with_count((number - 1) * self.per_page)
        if not rows:
            return None
        self.count = rows[0][1]  # Paginator.count is a cached_property: this is its value.
        return [pk for pk, _total in rows]

    def _keys_with_count(self, bottom):
        """(key, length of the list) for the page's stories from `bottom` on."""
        # Value() groups nothing: one COUNT over the whole list.
        total = self.object_list.order_by().values(everything=Value(1)).annotate(n=Count("pk")).values("n")
        return list(self.object_list.annotate(total=Subquery(total)).values_list("pk", "total")[bottom : bottom + self.per_page])


class TopicPaginator(CountedKeysPaginator):
    """
    CountedKeysPaginator for a topic's stories, from its PublishedTagging
    rows published by now, newest first by publish time, then key (as
    Article's own ordering, which the page's rows by key come in): the
    page's keys and the topic's length are two walks of one range of the
    table's index, reading no article. From the link table, the database
    looked up each of the topic's stories in the articles' index for its
    status and time, 1,200 look-ups for the biggest topic on 100,000
    stories (1.35 ms of SQLite's time a request).
    """

    key = "article_id"

    def _keys_with_count(self, bottom):
        # Written around the range's own SQL: the ORM took 0.4 ms to build
        # and compile a query with the count as a subquery, the database
        # 0.04 ms to answer it (the biggest topic, 100,000 stories, SQLite).
        # NOT MATERIALIZED: both uses read the index range itself.
        sql, params = self.object_list.order_by().values_list(self.key, "publish_at").query.sql_with_params()
        with connections[self.object_list.db].cursor() as cursor:
            cursor.execute(
                f"WITH listed (article_id, publish_at) AS NOT MATERIALIZED ({sql}) "
                "SELECT article_id, (SELECT COUNT(*) FROM listed) FROM listed ORDER BY publish_at DESC, article_id DESC LIMIT %s OFFSET %s",
                [*params, self.per_page, bottom],
            )
            return cursor.fetchall()


class ListedStory:
    """
    A story as a list row shows it (cards.index_entries), made from a row of
    values: a model instance with its section and picture cost some 20 µs a
    row to build, and the news index lists up to 200 stories a page.
    """

    __slots__ = ("pk", "slug", "headline", "standfirst", "publish_at", "paid_kind", "section", "lead_image")

    def __init__(self, pk, slug, headline, standfirst, publish_at, paid_kind, section, lead_image):
        self.pk, self.slug, self.headline, self.standfirst = pk, slug, headline, standfirst
        self.publish_at, self.paid_kind, self.section, self.lead_image = publish_at, paid_kind, section, lead_image

    def get_absolute_url(self):
        return slug_path("articles:detail", self.slug)

    def get_paid_kind_display(self):
        return dict(Article._meta.get_field("paid_kind").flatchoices).get(self.paid_kind, self.paid_kind)


# A ListedStory's columns as values_list() names them, then (for cards)
# every column of its picture, so that the picture is a whole Image.
LISTED_COLUMNS = ("pk", "slug", "headline", "standfirst", "publish_at", "paid_kind", "section_id", "lead_image_id")
PICTURE_FIELDS = tuple(field.attname for field in Image._meta.concrete_fields)
PICTURE_COLUMNS = tuple(f"lead_image__{name}" for name in PICTURE_FIELDS)


def cards_from_rows(rows, sections, db, story=ListedStory):
    """
    ListedStory (or `story`, a subclass) cards from values_list(*LISTED_COLUMNS, *PICTURE_COLUMNS)
    rows, their sections from `sections` ({key: section}). Made from values
    they cost a third of the model instances with their joined pictures
    they replace (about 0.3 ms on the front page's forty cards).
    """
    width = len(LISTED_COLUMNS)
    return [
        story(
            *row[:6],
            sections.get(row[6]),
            Image.from_db(db, PICTURE_FIELDS, row[width:]) if row[7] is not None else None,
        )
        for row in rows
    ]


class ShortListPaginator(Paginator):
    """
    A page of a short list (a day of the news index, a few hundred stories
    at most) in one query, straight from the list with LIMIT and OFFSET,
    its rows made by `rows(the page of the list)`. At this length the
    OFFSET costs nothing, and an index can hold every column of the page
    (article_sitemap_idx, for the news index): KeysFirstPaginator's rows by
    key read each story's row, and on 100,000 stories the columns behind
    the body are in its overflow pages, two or three pages a story.
    """

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, rows=None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.rows = rows

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(self.rows(object_list) if self.rows else object_list, number, paginator)


# What a news index row shows (cards.index_entries): no standfirst, and of
# the picture only what {% picture %} reads. Python's sqlite3 module lets go
# of the GIL and takes it back for every column of every row, and a busy day
# lists 200 rows a page: twelve columns instead of twenty.
INDEX_COLUMNS = ("pk", "slug", "headline", "publish_at", "paid_kind", "section_id", "lead_image_id")
INDEX_PICTURE_FIELDS = ("id", "file", "width", "height", "alt_text", "renditions")


def index_rows(articles, sections):
    """
    ListedStory rows, without a standfirst, for `articles` (a page of the
    news index's list), their sections from `sections` ({key: section}).
    Their pictures are Images holding only the fields a picture shows (the
    others are deferred: reading one would cost a query).
    """
    rows = articles.values_list(*INDEX_COLUMNS, *(f"lead_image__{name}" for name in INDEX_PICTURE_FIELDS[1:]))
    return [
        ListedStory(
            pk, slug, headline, "", publish_at, paid_kind, sections.get(section),
            Image.from_db(rows.db, INDEX_PICTURE_FIELDS, (image, *picture)) if image is not None else None,
        )
        for pk, slug, headline, publish_at, paid_kind, section, image, *picture in rows
    ]


def listed_stories(queryset, sections):
    """
    The stories of `queryset` as ListedStory rows, in its order; `sections`
    (the menu's, already loaded) give their sections, and their pictures
    come in one more query, only if some have one.
    """
    rows = list(queryset.values_list("pk", "slug", "headline", "standfirst", "publish_at", "paid_kind", "section_id", "lead_image_id"))
    by_key = {section.pk: section for section in sections}
    images = Image.objects.in_bulk({row[7] for row in rows if row[7] is not None}) if any(row[7] for row in rows) else {}
    return [ListedStory(*row[:6], by_key.get(row[6]), images.get(row[7])) for row in rows]


def cards_among(groups):
    """
    Cards for the articles in any of `groups`: each a published() query of
    keys, ordered and LIMITed. The rows are fetched by key alone. Every key
    already passed published(); repeating its filter out here would lead
    SQLite to walk the whole archive by date instead of looking keys up.

    PostgreSQL cannot use the primary key for an OR of IN-subqueries (it
    scans the table), but turns an IN over their UNION ALL into key lookups.
    SQLite allows no LIMIT inside a UNION, and does plan the OR as lookups.
    """
    if len(groups) > 1 and connection.features.supports_slicing_ordering_in_compound:
        among = Q(pk__in=groups[0].union(*groups[1:], all=True))
    else:
        among = reduce(operator.or_, (Q(pk__in=group) for group in groups))
    return cards(Article.objects.filter(among))


def related_queryset(article, section, now, limit=RELATED_LIMIT, recent=None):
    """
    "Baca juga" for the article with key `article` in `section` (a key, or
    None): the editor's picks first, then stories sharing a topic, then
    stories from the same section; newest first within each group, and only
    ever published ones at `now`. The topic and section groups each offer
    only their newest `limit` (a story in two groups is ranked by the first,
    and any overlap is made up by that earlier group), and the ranking looks
    only at those few rows. The article's topics are a subquery, so the SQL
    is the same for every article and can be prepared once
    (articles/article_queries.py).

    No index orders a topic's stories by time (they are found through the
    link table), so the topic group is found one of two ways. By default it
    reads every story of the article's topics and sorts them: 46 ms of
    SQLite time on 100,000 stories when each of four topics holds about
    1,200, cheap when they are rare. With `recent` (a count), it walks the
    publish-time index from `now` down, no further than the `recent`-th
    newest published story, and asks of each whether it shares a topic,
    stopping at the `limit`-th: bounded by `recent` whatever the archive's
    size. Every story outside that window is older than every story in it,
    so when this finds `limit` stories they are the group's; when it finds
    fewer, recent_is_complete() tells whether the block is still the one
    the whole archive gives (if not, articles/article_queries.py asks again
    without `recent`).
    """
    candidates = Article.objects.published(now).exclude(pk=article)
    picked = Article.related_articles.through.objects.filter(from_article_id=article)
    # Editors pick a handful; sorting them inside the subquery would make
    # SQLite walk the whole archive by date to find them.
    groups = [candidates.filter(pk__in=picked.values("to_article_id")).values("pk")]
    ranks = [When(Exists(picked.filter(to_article_id=OuterRef("pk"))), then=Value(0))]
    topics = Article.tags.through.objects.filter(article_id=article).values("tag_id")
    tagged = Article.tags.through.objects.filter(tag_id__in=topics)
    if recent is None:
        # Ordered by an expression no index holds, so that PostgreSQL too
        # reads the topics' stories rather than walking the archive by time
        # (127 ms on 20,000 stories for an article without topics).
        newest = Coalesce("publish_at", "publish_at").desc()
        groups.append(candidates.filter(pk__in=tagged.values("article_id")).order_by(newest, "-pk").values("pk")[:limit])
    else:
        # The `recent`-th newest time, whatever the order among equal times:
        # no tie-break, so the index is read without a sort (0.03 ms, not
        # 0.35, and SQLite may run it more than once in this query).
        oldest = Article.objects.published(now).order_by("-publish_at").values("publish_at")[recent - 1 : recent]
        bound = Coalesce(Subquery(oldest), Value(_BEFORE_ANY_STORY), output_field=DateTimeField())
        recently = candidates.filter(publish_at__gte=bound).filter(Exists(tagged.filter(article_id=OuterRef("pk"))))
        groups.append(recently.order_by("-publish_at", "-pk").values("pk")[:limit])
    ranks.append(When(Exists(tagged.filter(article_id=OuterRef("pk"))), then=Value(1)))
    if section is not None:
        groups.append(candidates.filter(section_id=section).order_by("-publish_at", "-pk").values("pk")[:limit])
    found = cards_among(groups).annotate(relation=Case(*ranks, default=Value(2), output_field=IntegerField()))
    if recent is not None:
        found = found.annotate(window_start=bound)
    return found.order_by("relation", "-publish_at", "-pk")[:limit]


def recent_is_complete(rows, limit=RELATED_LIMIT):
    """
    Whether `rows`, from related_queryset(recent=...), are what it gives
    without `recent`. Yes when the window held every story (an archive
    smaller than it), or when they are `limit` stories, each a pick or a
    story sharing a topic from inside the window: those are the newest of
    the topic group, in the same order. When they run out before the list
    is full (a story of the section shows, even one sharing a topic from
    before the window, or the list is short), an older topic story might
    belong there.
    """
    if rows and rows[0].window_start == _BEFORE_ANY_STORY:
        return True
    return len(rows) == limit and all(row.relation == 0 or (row.relation == 1 and row.publish_at >= row.window_start) for row in rows)
