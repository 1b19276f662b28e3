"""
SQLite full-text search through the FTS5 table articles_searchdocument_fts
(migration 0003_search), ranked with bm25().

The MATCH expression is built from the parsed query with every term in
double quotes, so FTS5 operators a reader types (NEAR, AND, *, ^, column
filters) are never syntax: the terms contain only letters and digits.
"""

from django.db import connection

from ..document import RECENCY_DAYS, WEIGHTS

# bm25() takes one weight per column, in column order.
BM25_WEIGHTS = [WEIGHTS[column] * 10 for column in ("headline", "standfirst", "body", "names")]
# FTS5's bm25() weighs columns before it saturates term frequency, which
# flattens even a tenfold column weight to about 1.6 times: a headline match
# would lose to any fresher story that mentions the word once. Matches in
# the headline are therefore multiplied once more, which gives the headline
# > standfirst > body order PostgreSQL's ts_rank gives with the same weights.
HEADLINE_FACTOR = 3

# Three steps, each materialized so SQLite's planner cannot turn them
# inside out (probing the FTS5 index once per candidate is a hundred times
# slower than one pass over it):
#   candidates  every match, with its copies from the covering index, the
#               newest `limit` kept and all of them counted;
#   scored      bm25() for the candidates only, in a second pass over the
#               index (bm25 is negative, lower is better);
#   headline    the matches with every word in the headline.
# Multiplying by the boosts makes a better match more negative, so the
# final order is ascending. Needs SQLite 3.35 or newer (MATERIALIZED).
RANKED = """
    WITH candidates AS MATERIALIZED (
        SELECT articles_searchdocument.article_id, articles_searchdocument.publish_at, count(*) OVER () AS total
        FROM articles_searchdocument_fts
        CROSS JOIN articles_searchdocument ON articles_searchdocument.article_id = articles_searchdocument_fts.rowid
        WHERE articles_searchdocument_fts MATCH %s AND {where}
        ORDER BY articles_searchdocument.publish_at DESC, articles_searchdocument.article_id DESC
        LIMIT %s
    ),
    scored AS MATERIALIZED (
        SELECT rowid AS article_id, bm25(articles_searchdocument_fts, %s, %s, %s, %s) AS relevance
        FROM articles_searchdocument_fts
        WHERE articles_searchdocument_fts MATCH %s AND +rowid IN (SELECT article_id FROM candidates)
    ),
    headline AS MATERIALIZED (
        SELECT rowid AS article_id FROM articles_searchdocument_fts WHERE articles_searchdocument_fts MATCH %s
    )
    SELECT scored.article_id, candidates.total
    FROM scored CROSS JOIN candidates ON candidates.article_id = scored.article_id
    ORDER BY relevance
             * (1 + 1.0 / (1 + max(julianday('now') - julianday(candidates.publish_at), 0) / %s))
             * CASE WHEN scored.article_id IN (SELECT article_id FROM headline) THEN %s ELSE 1 END,
             candidates.publish_at DESC, scored.article_id DESC
"""


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


def ranked(query, where, params, limit):
    """(number of matches, ids of the newest `limit` of them in rank order)."""
    expression = match_expression(query)
    with connection.cursor() as cursor:
        cursor.execute(
            RANKED.format(where=where),
            [expression, *params, limit, *BM25_WEIGHTS, expression, headline_expression(query), RECENCY_DAYS, HEADLINE_FACTOR],
        )
        rows = cursor.fetchall()
    return (rows[0][1] if rows else 0), [row[0] for row in rows]


def optimize():
    """Merge the FTS5 index into one b-tree after a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts) VALUES ('optimize')")
