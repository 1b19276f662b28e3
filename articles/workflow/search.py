"""
The article admin's search box through the site's own Indonesian search
(stemmed: `menyerang` finds `serangan`), over articles in every status,
instead of Django's LIKE over joined tables.
"""

from articles.search.backends import backend
from articles.search.models import SearchDocument
from articles.search.query import parse_query
from articles.search.results import MAX_QUERY_LENGTH, _where

# Editors look for a story they know; the best thousand matches are plenty.
ADMIN_CANDIDATES = 1000


def matching_article_ids(text):
    """Ids of the articles (any status) matching `text`, best first; [] when the text holds no searchable word."""
    query = parse_query(text[:MAX_QUERY_LENGTH])
    if not query:
        return []
    # Every document; a condition is needed for the backends' WHERE clause.
    documents = SearchDocument.objects.filter(article_id__isnull=False)
    _total, ids = backend().ranked(query, *_where(documents), ADMIN_CANDIDATES)
    return ids
