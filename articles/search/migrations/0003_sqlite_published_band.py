"""
SQLite: published documents and the rest in two bands of the FTS5 index's
keys, so that a reader's search no longer looks up each match's copied
status (articles/search/backends/sqlite.py).

Since search/0002 the key is (seconds since 1900 of the publish time) *
10^8 + article id. A reader's search walked the newest matches and looked
each one up in the copies' index to skip the unpublished ones: for
"harga" on 100,000 stories, 1,001 lookups, about 0.8 ms of the search's
2.5 ms of SQL, and growing with the archive. Now a published document keeps
that key and every other one gets it minus 2^62 (below zero; keys stay
under 2^62 until the year 3300): the keys from 0 up are the published
stories by publish time, and the rest keep their own order below them, so
the admin's search over every status still reads one range. The update
trigger re-keys a document when its copied status changes too. PostgreSQL
is unchanged.
"""

from django.db import migrations

OLD_KEY = (
    "(MAX(COALESCE(CAST(strftime('%s', {row}.publish_at) AS INTEGER) + 2208988800, 0), 0) * 100000000 + {row}.article_id)"
)
# BAND in the backend.
NEW_KEY = f"({OLD_KEY} - CASE WHEN {{row}}.status = 'published' THEN 0 ELSE 4611686018427387904 END)"
COLUMNS = "headline, standfirst, body, names"
DOCUMENTS = "articles_searchdocument"
NOT_PUBLISHED = f"FROM {DOCUMENTS} WHERE {DOCUMENTS}.status <> 'published'"


def _values(row):
    return f"{row}.headline, {row}.standfirst, {row}.body, {row}.names"


def _delete(key, row):
    return (
        f"INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', {key.format(row=row)}, {_values(row)});"
    )


def _insert(key, row):
    return f"INSERT INTO articles_searchdocument_fts (rowid, {COLUMNS}) VALUES ({key.format(row=row)}, {_values(row)});"


def _rekey(old, new):
    """Moves the documents that are not published from key `old` to key `new`."""
    return [
        f"INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts, rowid, {COLUMNS}) "
        f"SELECT 'delete', {old.format(row=DOCUMENTS)}, {_values(DOCUMENTS)} {NOT_PUBLISHED}",
        f"INSERT INTO articles_searchdocument_fts (rowid, {COLUMNS}) SELECT {new.format(row=DOCUMENTS)}, {_values(DOCUMENTS)} {NOT_PUBLISHED}",
    ]


def _triggers(key, watched):
    return [
        "DROP TRIGGER IF EXISTS articles_searchdocument_fts_update",
        "DROP TRIGGER IF EXISTS articles_searchdocument_fts_delete",
        "DROP TRIGGER IF EXISTS articles_searchdocument_fts_insert",
        f"CREATE TRIGGER articles_searchdocument_fts_insert AFTER INSERT ON {DOCUMENTS} BEGIN {_insert(key, 'new')} END",
        f"CREATE TRIGGER articles_searchdocument_fts_delete AFTER DELETE ON {DOCUMENTS} BEGIN {_delete(key, 'old')} END",
        f"""
    CREATE TRIGGER articles_searchdocument_fts_update
    AFTER UPDATE OF {watched} ON {DOCUMENTS} BEGIN
        {_delete(key, 'old')}
        {_insert(key, 'new')}
    END
    """,
    ]


FORWARD = _rekey(OLD_KEY, NEW_KEY) + _triggers(NEW_KEY, f"{COLUMNS}, publish_at, status")
# As search/0002 made them.
BACKWARD = _rekey(NEW_KEY, OLD_KEY) + _triggers(OLD_KEY, f"{COLUMNS}, publish_at")


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                # No parameters: the SQL's own '%s' (strftime) stays as written.
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_sqlite_index_by_publish_time"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
