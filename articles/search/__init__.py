"""
Full-text search over published articles, on PostgreSQL and on SQLite.

    results = search("menyerang", section=..., published_from=..., published_until=...)
    results.total          every published article that matches
    results[0:20]          the best of them, each with search_headline and
                           search_snippet (matches in <mark>, all else escaped)

The pieces:

    stemming   Indonesian words to index terms (Sastrawi), used for both
               the stored documents and the queries
    ahead      stemming in a second process, ahead of a bulk import
    query      what a reader typed, parsed web-search style
    document   the stemmed, weighted search document of an article
    postgres   tsvector + GIN index, to_tsquery('simple'), ts_rank
    sqlite     FTS5 table kept by triggers, bm25()
    highlight  <mark>ed headlines and snippets from the original text
    forms      the reader's search form

The backend is chosen by the database in use; both see the same stemmed
text and the same parsed query, so they find the same articles.

Ranking is relevance (where and how often the words occur, headline first)
times a boost for recent stories, computed for the newest CANDIDATES
matches. Scoring every match of a very common word would cost time in
proportion to the archive; a reader who gets more matches than that sees
the best of the newest and is told to narrow the search (another word, a
section, dates), which also reaches older stories.
"""

from datetime import datetime, time

from django.db import connection
from django.utils import timezone

from ..models import Article, ArticleQuerySet, SearchDocument
from . import postgres, sqlite
from .document import body_text, copied_columns, document_for
from .highlight import highlight, snippet
from .query import ParsedQuery, parse_query

MAX_QUERY_LENGTH = 256
CANDIDATES = 1000

BACKENDS = {"postgresql": postgres, "sqlite": sqlite}


def backend():
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.") from None


def _where(documents):
    """The WHERE clause of a SearchDocument queryset, for a backend's own SQL."""
    sql, params = documents.query.get_compiler(connection=connection).compile(documents.query.where)
    return sql, list(params)


class SearchResults:
    """
    The ranked matches of a query, found with one query on first use and
    loaded a page at a time: count() and slicing are what Django's
    Paginator asks of a list.
    """

    limit = CANDIDATES

    def __init__(self, query, documents):
        self.query = query
        self.documents = documents
        self._ranked = None

    def _rank(self):
        if self._ranked is None:
            if self.query:
                self._ranked = backend().ranked(self.query, *_where(self.documents), self.limit)
            else:
                self._ranked = (0, [])
        return self._ranked

    @property
    def total(self):
        """How many published articles match, all told."""
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
        found = Article.objects.published().select_related("section").in_bulk(ids)
        page = [found[pk] for pk in ids if pk in found]
        terms = self.query.terms
        for article in page:
            article.search_headline = highlight(article.headline, terms)
            article.search_snippet = snippet(f"{article.standfirst} {body_text(article.body)}", terms)
        return page


def search(query, *, section=None, published_from=None, published_until=None):
    """
    Published articles matching `query` (text as typed, or a ParsedQuery),
    optionally only in `section` and published between the two dates
    (inclusive, in the site's time zone).
    """
    if not isinstance(query, ParsedQuery):
        query = parse_query(query[:MAX_QUERY_LENGTH])
    # The condition of Article.objects.published(), on the copies.
    documents = SearchDocument.objects.filter(ArticleQuerySet.published_condition())
    if section is not None:
        documents = documents.filter(section=section)
    if published_from is not None:
        documents = documents.filter(publish_at__gte=timezone.make_aware(datetime.combine(published_from, time.min)))
    if published_until is not None:
        documents = documents.filter(publish_at__lte=timezone.make_aware(datetime.combine(published_until, time.max)))
    return SearchResults(query, documents)


def rebuild_index(articles=None, *, batch_size=500, progress=None):
    """
    Replace the search documents of `articles` (all articles by default)
    with ones made from the articles as they are now; `progress(done,
    total)` is called after each batch. Returns the number indexed.
    """
    if articles is None:
        articles = Article.objects.all()
    articles = articles.order_by("pk").prefetch_related("tags", "contributions__person")
    total = articles.count()
    SearchDocument.objects.filter(article__in=articles.values("pk")).delete()
    done, batch = 0, []
    for article in articles.iterator(chunk_size=batch_size):
        names = [tag.name for tag in article.tags.all()]
        names += [contribution.person.name for contribution in article.contributions.all()]
        batch.append(SearchDocument(article=article, **copied_columns(article), **document_for(article, names)))
        if len(batch) >= batch_size:
            SearchDocument.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total)
    SearchDocument.objects.bulk_create(batch)
    done += len(batch)
    if progress:
        progress(done, total)
    backend().optimize()
    return done
