"""
SQLite full-text search through the FTS5 table articles_searchdocument_fts
(articles' migration 0003_search, keyed by publish time since search's
0002), ranked with bm25().

The MATCH expression is built from the parsed query with every term in
double quotes, so FTS5 operators a reader types (NEAR, AND, *, ^, column
filters) are never syntax: the terms contain only letters and digits.
"""

from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone

from ..document import RECENCY_DAYS, WEIGHTS

# bm25() takes one weight per column, in column order.
BM25_WEIGHTS = [WEIGHTS[column] * 10 for column in ("headline", "standfirst", "body", "names")]
# FTS5's bm25() weighs columns before it saturates term frequency, which
# flattens even a tenfold column weight to about 1.6 times: a headline match
# would lose to any fresher story that mentions the word once. Matches in
# the headline are therefore multiplied once more, which gives the headline
# > standfirst > body order PostgreSQL's ts_rank gives with the same weights.
HEADLINE_FACTOR = 3

# The index's rowid orders documents by publish time (migration
# search/0002): (seconds since 1900) * KEY_SPAN + article id.
KEY_SPAN = 100_000_000
EPOCH_1900 = datetime(1900, 1, 1, tzinfo=UTC)
LOWEST_KEY, HIGHEST_KEY = 0, 2**63 - 1

# Five steps, each materialized so SQLite's planner cannot turn them
# inside out (probing the FTS5 index once per candidate is a hundred times
# slower than one pass over it):
#   candidates  the matches from the newest down, within the rowid range of
#               the dates asked for, each checked against its copies (read
#               from the covering index) until `limit` + 1 are found: the
#               index is read newest first, so this costs what the newest
#               matches cost, however many older ones there are;
#   ranked      the newest `limit` of them (one more only says "more");
#   span        the rowids they span;
#   scored      bm25() for them, in a second pass over that part of the
#               index (bm25 is negative, lower is better);
#   headline    the matches in that part with every word in the headline.
# The key holds the article and its publish second, so the recency boost
# and the final order need no other table. Multiplying by the boosts
# makes a better match more negative, so the final order is ascending.
# Needs SQLite 3.35 or newer (MATERIALIZED).
RANKED = """
    WITH candidates AS MATERIALIZED (
        SELECT articles_searchdocument_fts.rowid AS key
        FROM articles_searchdocument_fts
        CROSS JOIN articles_searchdocument ON articles_searchdocument.article_id = articles_searchdocument_fts.rowid %% {span}
        WHERE articles_searchdocument_fts MATCH %s AND articles_searchdocument_fts.rowid BETWEEN %s AND %s AND {where}
        ORDER BY articles_searchdocument_fts.rowid DESC
        LIMIT %s
    ),
    ranked AS MATERIALIZED (
        SELECT key FROM candidates ORDER BY key DESC LIMIT %s
    ),
    span AS MATERIALIZED (
        SELECT min(key) AS oldest, max(key) AS newest FROM ranked
    ),
    scored AS MATERIALIZED (
        SELECT rowid AS key, bm25(articles_searchdocument_fts, %s, %s, %s, %s) AS relevance
        FROM articles_searchdocument_fts
        WHERE articles_searchdocument_fts MATCH %s
          AND rowid BETWEEN (SELECT oldest FROM span) AND (SELECT newest FROM span)
          AND +rowid IN (SELECT key FROM ranked)
    ),
    headline AS MATERIALIZED (
        SELECT rowid AS key FROM articles_searchdocument_fts
        WHERE articles_searchdocument_fts MATCH %s
          AND rowid BETWEEN (SELECT oldest FROM span) AND (SELECT newest FROM span)
    )
    SELECT key %% {span}, (SELECT count(*) FROM candidates)
    FROM scored
    ORDER BY relevance
             * (1 + 1.0 / (1 + max(%s - key / {span}, 0) / 86400.0 / %s))
             * CASE WHEN key IN (SELECT key FROM headline) THEN %s ELSE 1 END,
             key DESC
"""


def key(moment, article=0):
    """The index's rowid for an article published at `moment` (aware)."""
    return max(int((moment - EPOCH_1900).total_seconds() // 1), 0) * KEY_SPAN + article


def _phrase(terms):
    return '"' + " ".join(terms) + '"'


def _required(query):
    return " AND ".join("(" + " OR ".join(_phrase(p) for p in group) + ")" for group in query.groups)


def match_expression(query):
    """`query` (a ParsedQuery) in FTS5 query syntax."""
    expression = _required(query)
    for phrase in query.excluded:
        expression = f"({expression}) NOT {_phrase(phrase)}"
    return expression


def headline_expression(query):
    """The words of `query` all in the headline."""
    return f"headline : ({_required(query)})"


def ranked(query, where, params, limit, newest=None, oldest=None):
    """
    (number of matches counted up to `limit` + 1, ids of the newest `limit`
    of them in rank order); `newest` and `oldest` (aware datetimes), when
    given, bound the publish times the WHERE clause allows.
    """
    expression = match_expression(query)
    high = key(newest, KEY_SPAN - 1) if newest else HIGHEST_KEY
    low = key(oldest) if oldest else LOWEST_KEY
    now = key(timezone.now()) // KEY_SPAN
    with connection.cursor() as cursor:
        cursor.execute(
            RANKED.format(where=where, span=KEY_SPAN),
            [expression, low, high, *params, limit + 1, limit, *BM25_WEIGHTS, expression, headline_expression(query),
             now, RECENCY_DAYS, HEADLINE_FACTOR],
        )
        rows = cursor.fetchall()
    return (rows[0][1] if rows else 0), [row[0] for row in rows]


def optimize():
    """Merge the FTS5 index into one b-tree after a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts) VALUES ('optimize')")
