"""
SQLite full-text search through the FTS5 table articles_searchdocument_fts
(articles' migration 0003_search, keyed by publish time since search's
0002, published documents apart from the rest since 0003), ranked with
bm25().

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
# search/0002): (seconds since 1900) * KEY_SPAN + article id, for a
# document that is not published less BAND (search/0003): the published
# ones from 0 up, the rest below 0 in the same order.
KEY_SPAN = 100_000_000
BAND = 2**62
EPOCH_1900 = datetime(1900, 1, 1, tzinfo=UTC)
LOWEST_KEY, HIGHEST_KEY = -BAND, 2**63 - 1
# A key with its band taken off, in SQL: its publish second * KEY_SPAN + id.
TIME_KEY = f"({{key}} + ({{key}} < 0) * {BAND})"

# Three steps, each materialized so SQLite's planner cannot turn them
# inside out (probing the FTS5 index once per candidate is a hundred times
# slower than one pass over it):
#   candidates  the matches from the newest down, within the rowid range of
#               the dates asked for, each one checked against the WHERE
#               clause ({matches}, below) until `limit` + 1 are found, with
#               bm25() for each one found (bm25 is negative, lower is
#               better): the index is read newest first, so this costs what
#               the newest matches cost, however many older ones there are;
#   span        the rowids they span, and how many there are;
#   headline    the matches in that span with every word in the headline.
# The newest `limit` are ranked: the one more, the oldest, only says "more".
# bm25() in the walk itself rather than in a second pass over the span
# restricted to the candidates (IN), ranking only the rows of the page
# asked for (LIMIT, a top-N sort) rather than sorting all of them, and no
# sort of the candidates to drop the one more.
# The key holds the article and its publish second, so the recency boost
# and the final order need no other table. Multiplying by the boosts
# makes a better match more negative, so the final order is ascending.
# Needs SQLite 3.35 or newer (MATERIALIZED).
RANKED = """
    WITH candidates AS MATERIALIZED (
        SELECT articles_searchdocument_fts.rowid AS key,
               bm25(articles_searchdocument_fts, %s, %s, %s, %s) AS relevance
        {matches}
        ORDER BY articles_searchdocument_fts.rowid DESC
        LIMIT %s
    ),
    span AS MATERIALIZED (
        SELECT min(key) AS oldest, max(key) AS newest, count(*) AS found FROM candidates
    ),
    headline AS MATERIALIZED (
        SELECT rowid AS key FROM articles_searchdocument_fts
        WHERE articles_searchdocument_fts MATCH %s
          AND rowid BETWEEN (SELECT oldest FROM span) AND (SELECT newest FROM span)
    )
    SELECT {time_key} %% {span}, (SELECT found FROM span)
    FROM candidates
    WHERE key > (SELECT oldest FROM span) OR (SELECT found FROM span) <= %s
    ORDER BY relevance
             * (1 + 1.0 / (1 + max(%s - {time_key} / {span}, 0) / 86400.0 / %s))
             * CASE WHEN key IN (SELECT key FROM headline) THEN %s ELSE 1 END,
             key DESC
    LIMIT %s OFFSET %s
"""

# The matches within a rowid range that pass the WHERE clause. For the
# published stories a reader may see, the range is the published band up
# to now, which is the WHERE clause but for the last second's stories
# (published at 06:00:00.7, not yet at 06:00:00.4): only they are looked up
# in the copies, rather than each of the thousand a search walks (0.8 ms
# for "harga" on 100,000 stories). Any other condition (a section, the
# admin's every status) is checked on each match from the copies' index.
MATCHES_WITHIN = """
        FROM articles_searchdocument_fts
        WHERE articles_searchdocument_fts MATCH %s AND articles_searchdocument_fts.rowid BETWEEN %s AND %s
          AND (articles_searchdocument_fts.rowid < %s OR EXISTS (
              SELECT 1 FROM articles_searchdocument
              WHERE articles_searchdocument.article_id = articles_searchdocument_fts.rowid %% {span} AND {where}))
"""
MATCHES_CHECKED = """
        FROM articles_searchdocument_fts
        CROSS JOIN articles_searchdocument ON articles_searchdocument.article_id = {time_key} %% {span}
        WHERE articles_searchdocument_fts MATCH %s AND articles_searchdocument_fts.rowid BETWEEN %s AND %s AND {where}
"""

# The number of matches alone, for a page past the last (whose query
# returns no row to carry the count).
COUNTED = """
    SELECT count(*) FROM (
        SELECT 1 {matches}
        ORDER BY articles_searchdocument_fts.rowid DESC
        LIMIT %s
    )
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


def _matches(expression, where, params, newest, oldest, published, filtered):
    """The FROM and WHERE of the candidates (see MATCHES_WITHIN), and their parameters."""
    if published:
        # The published band from the first second of a publish time (0 is
        # a story without one or from before 1900, never published) to the end of the second of
        # `newest`.
        low = max(key(oldest) if oldest else 0, KEY_SPAN)
        high = key(newest, KEY_SPAN - 1) if newest else BAND - 1
    else:
        low = key(oldest) if oldest else LOWEST_KEY
        high = key(newest, KEY_SPAN - 1) if newest else HIGHEST_KEY
    if published and not filtered:
        sql = MATCHES_WITHIN.format(where=where, span=KEY_SPAN)
        return sql, [expression, low, high, key(newest) if newest else BAND, *params]
    sql = MATCHES_CHECKED.format(where=where, span=KEY_SPAN, time_key=TIME_KEY.format(key="articles_searchdocument_fts.rowid"))
    return sql, [expression, low, high, *params]


def ranked(query, where, params, limit, newest=None, oldest=None, offset=0, count=None, published=False, filtered=True):
    """
    (number of matches counted up to `limit` + 1, ids of the newest `limit`
    of them in rank order, from the `offset`th, `count` of them or all);
    `newest` and `oldest` (aware datetimes), when given, bound the publish
    times the WHERE clause allows. `published` says the WHERE clause is
    Article's published condition at `newest`, `filtered` that it has other
    conditions than that and the publish times.
    """
    expression = match_expression(query)
    matches, matches_params = _matches(expression, where, params, newest, oldest, published, filtered)
    now = key(timezone.now()) // KEY_SPAN
    with connection.cursor() as cursor:
        cursor.execute(
            RANKED.format(matches=matches, span=KEY_SPAN, time_key=TIME_KEY.format(key="key")),
            [*BM25_WEIGHTS, *matches_params, limit + 1, headline_expression(query), limit,
             now, RECENCY_DAYS, HEADLINE_FACTOR, -1 if count is None else count, offset],
        )
        rows = cursor.fetchall()
        if rows or not offset:
            return (rows[0][1] if rows else 0), [row[0] for row in rows]
        cursor.execute(COUNTED.format(matches=matches), [*matches_params, limit + 1])
        return cursor.fetchone()[0], []


def optimize():
    """Merge the FTS5 index into one b-tree after a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts) VALUES ('optimize')")
