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


from datetime import datetime, time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ..models import Article, ArticleQuerySet
from ..queries import CARD_FIELDS, cards
from .backends import backend
from .document import body_text
from .highlight import highlight, snippet
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
    the backend to skip the rest of its index.
    """

    def __init__(self, query, documents, *, newest=None, oldest=None):
        self.query = query
        self.documents = documents
        self.newest, self.oldest = newest, oldest
        self.limit = getattr(settings, "SEARCH_CANDIDATES", CANDIDATES)
        self._ranked = None

    def _rank(self):
        if self._ranked is None:
            if self.query:
                where = _where(self.documents)
                self._ranked = backend().ranked(self.query, *where, self.limit, newest=self.newest, oldest=self.oldest)
            else:
                self._ranked = (0, [])
        return self._ranked

    @property
    def total(self):
        """How many published articles match, counted up to one more than `limit`."""
        return self._rank()[0]

    @property
    def capped(self):
        """True when there are more matches than can be ranked and paged."""
        return self.total > len(self)

    def count(self):
        return len(self._rank()[1])

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self._rank()[1][index]
        # The search read copies of the articles' status and publish time;
        # loading through published() keeps the one truth of what readers
        # may see in charge.
        # Card fields, the body for the snippet, and the stored (stemmed)
        # standfirst and body, which tell whether the snippet has a match to
        # look for at all.
        found = (
            cards(Article.objects.published())
            .select_related("search_document")
            .only(*CARD_FIELDS, "body", "search_document__standfirst", "search_document__body")
            .in_bulk(ids)
        )
        page = [found[pk] for pk in ids if pk in found]
        terms = self.query.terms
        for article in page:
            article.search_headline = highlight(article.headline, terms)
            text = f"{article.standfirst} {body_text(article.body)}"
            article.search_snippet = snippet(text, terms, matches=_mentions(article, terms))
        return page


def _mentions(article, terms):
    """Whether the stored standfirst or body of `article` holds one of `terms` (True when unknown)."""
    document = getattr(article, "search_document", None)
    if document is None:
        return True
    stored = f" {document.standfirst} {document.body} "
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
    return SearchResults(query, documents, newest=newest, oldest=oldest)
