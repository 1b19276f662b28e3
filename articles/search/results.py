"""
The ranked matches of a reader's query, among published articles only.

Ranking is relevance (where and how often the words occur, headline first)
times a boost for recent stories, computed for the newest CANDIDATES
matches (settings.SEARCH_CANDIDATES, when set). Scoring, or even counting,
every match of a very common word would cost time in proportion to the
archive; as news sites do, the matches are counted only up to that
number, and a reader who gets more sees "more than 1000", the best of the
newest, and is told to narrow the search (another word, a section,
dates), which also reaches older stories.
"""


import functools
from datetime import datetime, time

from django.conf import settings
from django.db import connection, router
from django.utils import timezone

from ..models import Article, ArticleQuerySet, Section
from ..prepared_queries import PreparedQuery
from ..queries import LISTED_COLUMNS, PICTURE_COLUMNS, ListedStory, cards_from_rows
from .backends import backend
from .document import body_text
from .highlight import OPENING_WORDS_HTML_CHARACTERS, highlight, opening_html, snippet
from .models import SearchDocument
from .query import ParsedQuery, parse_query

MAX_QUERY_LENGTH = 256
CANDIDATES = 1000


def _where(documents):
    """The WHERE clause of a SearchDocument queryset, for a backend's own SQL."""
    sql, params = documents.query.get_compiler(connection=connection).compile(documents.query.where)
    return sql, list(params)


class SearchResults:
    """
    The ranked matches of a query, found with one query on first use and
    loaded a page at a time: count() and slicing are what Django's
    Paginator asks of a list, so pages stop at the `limit` ranked.
    `newest` and `oldest` bound the publish times `documents` allow, for
    the backend to skip the rest of its index; `published` says that
    `documents` are the published ones at `newest`, `filtered` that they
    are filtered on more than that and the publish times (a section).
    """

    def __init__(self, query, documents, *, newest=None, oldest=None, published=False, filtered=True):
        self.query = query
        self.documents = documents
        self.newest, self.oldest = newest, oldest
        self.published, self.filtered = published, filtered
        self.limit = getattr(settings, "SEARCH_CANDIDATES", CANDIDATES)
        # The sections as the menu has them (the view sets these): results
        # take theirs from here rather than from a join.
        self.sections = None
        # The ranks (start, stop) the caller will ask for (the view: its
        # page), None for all: only those are put in order and returned.
        self.window = None
        self._ranked = None

    def _rank(self, window=None):
        """(matches counted up to `limit` + 1, ids of the ranks in `window` or self.window, all when None)."""
        if window is None and self._ranked is not None:
            return self._ranked
        if not self.query:
            found = (0, [])
        else:
            start, stop = window or self.window or (0, None)
            stop = self.limit if stop is None else min(stop, self.limit)
            start = min(start, stop)
            found = backend().ranked(
                self.query, *_where(self.documents), self.limit, newest=self.newest, oldest=self.oldest,
                offset=start, count=max(stop - start, 0), published=self.published, filtered=self.filtered,
            )
        if window is None:
            self._ranked = found
        return found

    def _ids(self, index):
        """The ids of the ranks in `index` (a slice): from the window's query when it holds them."""
        start, stop, step = index.indices(self.count())
        if self.window is None:
            return self._rank()[1][index]
        if step != 1:
            return self._rank((0, self.limit))[1][index]
        first, last = self.window
        if first <= start and stop <= last:
            return self._rank()[1][start - first : stop - first]
        return self._rank((start, stop))[1] if start < stop else []

    @property
    def total(self):
        """How many published articles match, counted up to one more than `limit`."""
        return self._rank()[0]

    @property
    def capped(self):
        """True when there are more matches than can be ranked and paged."""
        return self.total > len(self)

    def count(self):
        return min(self.total, self.limit)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self._ids(index)
        if not ids:
            return []
        # The search read copies of the articles' status and publish time;
        # loading through published() keeps the one truth of what readers
        # may see in charge. One prepared query of values (_found_rows).
        rows = _found_rows(len(ids)).fetch(now=timezone.now(), **dict(zip(_key_names(len(ids)), ids)))
        width = len(LISTED_COLUMNS) + len(PICTURE_COLUMNS)
        by_key = {row[0]: row for row in rows}
        found = cards_from_rows(
            [row[:width] for row in rows], self._sections(row[6] for row in rows), router.db_for_read(Article), FoundStory
        )
        stories = {story.pk: story for story in found}
        terms = self.query.terms
        page = []
        for pk in ids:
            story = stories.get(pk)
            if story is None:
                continue
            body, stored_standfirst, stored_body = by_key[pk][width:]
            story.search_headline = highlight(story.headline, terms)
            matches = _mentions(stored_standfirst, stored_body, terms)
            # Most snippets come from the body's start: its whole text only when that does not do.
            found_snippet = None
            if not matches:
                # The opening words: from less of the body first.
                opening = opening_html(body or "", OPENING_WORDS_HTML_CHARACTERS)
                if opening is not body:
                    found_snippet = snippet(f"{story.standfirst} {body_text(opening)}", terms, matches=False, start_only=True)
            if found_snippet is None:
                opening = opening_html(body or "")
                if opening is not body:
                    found_snippet = snippet(f"{story.standfirst} {body_text(opening)}", terms, matches=matches, start_only=True)
            if found_snippet is None:
                found_snippet = snippet(f"{story.standfirst} {body_text(body)}", terms, matches=matches)
            story.search_snippet = found_snippet
            page.append(story)
        return page

    def _sections(self, keys):
        """{key: section} for the sections of `keys`: the menu's (`sections`), any others in one query."""
        by_key = {section.pk: section for section in self.sections or ()}
        missing = set(keys) - by_key.keys() - {None}
        if missing:
            by_key.update(Section.objects.in_bulk(missing))
        return by_key


def _key_names(count):
    return [f"pk{n}" for n in range(count)]


@functools.cache
def _found_rows(count):
    """
    The prepared query (one per page length) of what a page of `count`
    results shows: a card's columns with every column of its picture
    (queries.cards_from_rows), the body for the snippet, and the stored
    (stemmed) standfirst and body, which tell whether the snippet has a
    match to look for at all. Model instances with their pictures joined
    cost twice as much, and building the query each time a third of that.
    """
    names = _key_names(count)
    return PreparedQuery(
        Article,
        lambda now, **keys: Article.objects.published(now)
        .filter(pk__in=[keys[name] for name in names])
        .order_by()
        .values_list(*LISTED_COLUMNS, *PICTURE_COLUMNS, "body", "search_document__standfirst", "search_document__body"),
        now=datetime,
        **dict.fromkeys(names, int),
    )


class FoundStory(ListedStory):
    """A search result: a card's story with its headline and snippet marked (articles.search.highlight)."""

    __slots__ = ("search_headline", "search_snippet")


def _mentions(standfirst, body, terms):
    """Whether the stored `standfirst` or `body` holds one of `terms` (True when unknown: no document)."""
    if standfirst is None and body is None:
        return True
    stored = f" {standfirst} {body} "
    return any(f" {term} " in stored for term in terms)


def search(query, *, section=None, published_from=None, published_until=None):
    """
    Published articles matching `query` (text as typed, or a ParsedQuery),
    optionally only in `section` and published between the two dates
    (inclusive, in the site's time zone).
    """
    if not isinstance(query, ParsedQuery):
        query = parse_query(query[:MAX_QUERY_LENGTH])
    # The condition of Article.objects.published(), on the copies.
    newest, oldest = timezone.now(), None
    documents = SearchDocument.objects.filter(ArticleQuerySet.published_condition(newest))
    if section is not None:
        documents = documents.filter(section=section)
    if published_from is not None:
        oldest = timezone.make_aware(datetime.combine(published_from, time.min))
        documents = documents.filter(publish_at__gte=oldest)
    if published_until is not None:
        until = timezone.make_aware(datetime.combine(published_until, time.max))
        documents = documents.filter(publish_at__lte=until)
        newest = min(newest, until)
    return SearchResults(query, documents, newest=newest, oldest=oldest, published=True, filtered=section is not None)
