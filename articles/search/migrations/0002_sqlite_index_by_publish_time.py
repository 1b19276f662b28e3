"""
SQLite: the FTS5 index keyed by publish time, so that a search reads the
newest matches first and stops (articles/search/backends/sqlite.py).

FTS5 hands out its matches in rowid order and can start from either end
and within a range of rowids. Keyed by article, the newest thousand
matches of a common word meant reading every match, looking up each one's
publish time and sorting them: 30 ms for 12,500 matches on 100,000
articles, and growing with the archive. Keyed by
(seconds since 1900 of the publish time) * 10^8 + article id, the newest
come first and a date range is a rowid range.

The table becomes contentless: its rowids are no longer the content
table's keys, and a search never reads its text back (bm25() needs only
the index). The triggers compute the key and, since it follows the
publish time, re-index a document when its publish time changes (which
the trigger on articles_article copies there). Article ids must stay
below 10^8; publish times before 1900 and drafts without one get the
seconds 0, ordered after every other story. PostgreSQL is unchanged.
"""

from django.db import migrations

# Seconds since 1900-01-01 UTC (Django stores UTC text on SQLite), times
# 10^8, plus the article: KEY_SECONDS and KEY_SPAN in the backend.
KEY = (
    "(MAX(COALESCE(CAST(strftime('%s', {row}.publish_at) AS INTEGER) + 2208988800, 0), 0) * 100000000 + {row}.article_id)"
)
COLUMNS = "headline, standfirst, body, names"


def _values(row):
    return f"{row}.headline, {row}.standfirst, {row}.body, {row}.names"


def _delete(row):
    return (
        f"INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', {KEY.format(row=row)}, {_values(row)});"
    )


def _insert(row):
    return f"INSERT INTO articles_searchdocument_fts (rowid, {COLUMNS}) VALUES ({KEY.format(row=row)}, {_values(row)});"


DROP_OLD = [
    "DROP TRIGGER IF EXISTS articles_searchdocument_fts_update",
    "DROP TRIGGER IF EXISTS articles_searchdocument_fts_delete",
    "DROP TRIGGER IF EXISTS articles_searchdocument_fts_insert",
    "DROP TABLE IF EXISTS articles_searchdocument_fts",
]

FORWARD = DROP_OLD + [
    f"""
    CREATE VIRTUAL TABLE articles_searchdocument_fts USING fts5(
        {COLUMNS}, content='', tokenize='unicode61 remove_diacritics 0'
    )
    """,
    f"CREATE TRIGGER articles_searchdocument_fts_insert AFTER INSERT ON articles_searchdocument BEGIN {_insert('new')} END",
    f"CREATE TRIGGER articles_searchdocument_fts_delete AFTER DELETE ON articles_searchdocument BEGIN {_delete('old')} END",
    # A change of the copied status or section alone leaves the index as it is.
    f"""
    CREATE TRIGGER articles_searchdocument_fts_update
    AFTER UPDATE OF {COLUMNS}, publish_at ON articles_searchdocument BEGIN
        {_delete('old')}
        {_insert('new')}
    END
    """,
    f"""
    INSERT INTO articles_searchdocument_fts (rowid, {COLUMNS})
    SELECT {KEY.format(row='articles_searchdocument')}, {_values('articles_searchdocument')} FROM articles_searchdocument
    """,
    "INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts) VALUES ('optimize')",
]

# As articles' 0003_search made them.
BACKWARD = DROP_OLD + [
    """
    CREATE VIRTUAL TABLE articles_searchdocument_fts USING fts5(
        headline, standfirst, body, names,
        content='articles_searchdocument', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER articles_searchdocument_fts_insert AFTER INSERT ON articles_searchdocument BEGIN
        INSERT INTO articles_searchdocument_fts (rowid, headline, standfirst, body, names)
        VALUES (new.article_id, new.headline, new.standfirst, new.body, new.names);
    END
    """,
    """
    CREATE TRIGGER articles_searchdocument_fts_delete AFTER DELETE ON articles_searchdocument BEGIN
        INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts, rowid, headline, standfirst, body, names)
        VALUES ('delete', old.article_id, old.headline, old.standfirst, old.body, old.names);
    END
    """,
    """
    CREATE TRIGGER articles_searchdocument_fts_update
    AFTER UPDATE OF headline, standfirst, body, names ON articles_searchdocument BEGIN
        INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts, rowid, headline, standfirst, body, names)
        VALUES ('delete', old.article_id, old.headline, old.standfirst, old.body, old.names);
        INSERT INTO articles_searchdocument_fts (rowid, headline, standfirst, body, names)
        VALUES (new.article_id, new.headline, new.standfirst, new.body, new.names);
    END
    """,
    "INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts) VALUES ('rebuild')",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                # No parameters: the SQL's own '%s' (strftime) stays as written.
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
