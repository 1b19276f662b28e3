"""
PostgreSQL full-text search over the generated, GIN-indexed tsvector column
of articles_searchdocument (migration 0003_search).

The query is built with to_tsquery('simple', ...) from the parsed query,
every term quoted: the terms are already stemmed and contain only letters
and digits, and 'simple' adds no stemming of its own, so a stored word and
a searched word meet exactly when their stems do.
"""

from django.db import connection, transaction

from ..document import RECENCY_DAYS, WEIGHTS

# ts_rank takes weights in the order D, C, B, A.
RANK_WEIGHTS = [WEIGHTS["names"], WEIGHTS["body"], WEIGHTS["standfirst"], WEIGHTS["headline"]]

# The candidates are found from the GIN index and the narrow table alone;
# only the newest `limit` have their tsvector unpacked for ts_rank (the
# expensive part). One candidate more than that tells there are more: the
# matches are not counted beyond it, so the sort keeps the newest few
# (a top-N heap) instead of ordering and counting them all.
# numnode() > 0 folds to false at planning time when the parser found no
# word at all in the terms, instead of testing every row against nothing.
RANKED = """
    WITH candidates AS MATERIALIZED (
        SELECT article_id, publish_at, vector
        FROM articles_searchdocument
        WHERE {where} AND vector @@ to_tsquery('simple', %s) AND numnode(to_tsquery('simple', %s)) > 0
        ORDER BY publish_at DESC, article_id DESC
        LIMIT %s
    ),
    ranked AS (
        SELECT * FROM candidates ORDER BY publish_at DESC, article_id DESC LIMIT %s
    )
    SELECT article_id, (SELECT count(*) FROM candidates)
    FROM ranked, to_tsquery('simple', %s) AS q
    ORDER BY ts_rank(%s::float4[], vector, q)
             * (1 + 1 / (1 + GREATEST(EXTRACT(EPOCH FROM now() - publish_at), 0) / 86400 / %s)) DESC,
             publish_at DESC, article_id DESC
    LIMIT %s OFFSET %s
"""

# The number of matches alone, for a page past the last (whose query
# returns no row to carry the count).
COUNTED = """
    SELECT count(*) FROM (
        SELECT 1 FROM articles_searchdocument
        WHERE {where} AND vector @@ to_tsquery('simple', %s) AND numnode(to_tsquery('simple', %s)) > 0
        LIMIT %s
    ) AS matches
"""


def _phrase(terms):
    quoted = [f"'{term}'" for term in terms]
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def tsquery(query):
    """`query` (a ParsedQuery) in to_tsquery syntax."""
    groups = [[_phrase(phrase) for phrase in group] for group in query.groups]
    required = [phrases[0] if len(phrases) == 1 else "(" + " | ".join(phrases) + ")" for phrases in groups]
    return " & ".join(required + ["!" + _phrase(phrase) for phrase in query.excluded])


def ranked(query, where, params, limit, newest=None, oldest=None, offset=0, count=None, published=False, filtered=True):
    """
    (number of matches counted up to `limit` + 1, ids of the newest `limit`
    of them in rank order, from the `offset`th, `count` of them or all).
    The WHERE clause already bounds the publish times and says what is
    published: PostgreSQL needs no `newest`, `oldest`, `published` or
    `filtered` (see the SQLite backend).
    """
    expression = tsquery(query)
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner does not count the cost of unpacking a tsvector stored
        # out of line, so on this narrow table it may prefer reading every
        # row and testing each vector, which for a word in a quarter of the
        # articles takes twenty times as long as the GIN index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            RANKED.format(where=where),
            [*params, expression, expression, limit + 1, limit, expression, RANK_WEIGHTS, RECENCY_DAYS, count, offset],
        )
        rows = cursor.fetchall()
        if rows or not offset:
            return (rows[0][1] if rows else 0), [row[0] for row in rows]
        cursor.execute(COUNTED.format(where=where), [*params, expression, expression, limit + 1])
        return cursor.fetchone()[0], []


def optimize():
    """Fresh planner statistics after the index was rebuilt."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_searchdocument")
