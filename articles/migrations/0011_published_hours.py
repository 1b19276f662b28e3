"""
PublishedHour: the published stories counted by the UTC hour, kept by
triggers on the articles table so that every write, also QuerySet.update(),
bulk_create(), deletes and the importers, recounts the hours it touches in
its own statement and transaction.

A trigger recounts an hour from the articles themselves (a range of the
index article_sitemap_idx, about 14 stories an hour on 100,000 over 300
days) rather than adding and subtracting: a withdrawn story must take its
hour's newest change with it. On PostgreSQL two transactions recounting the
same hour take turns on an advisory lock, so the second recount, run after
the first commits, sees both stories (Django's READ COMMITTED).

SQLite drops a table's triggers when a migration rebuilds the table (as
migration 0003_search notes): a later migration that alters
articles_article on SQLite must create them again
(tests/test_sitemap_pages.py notices if it does not).

The last step counts the stories that already exist.
"""

from django.db import migrations, models

# An hour's first moment, as Django writes datetimes to SQLite (UTC text).
SQLITE_HOUR = "substr({0}.publish_at, 1, 13) || ':00:00'"
SQLITE_RECOUNT = f"""
    DELETE FROM articles_publishedhour WHERE hour = {SQLITE_HOUR};
    INSERT INTO articles_publishedhour (hour, count, latest_change, latest_publish)
        SELECT {SQLITE_HOUR}, COUNT(*), MAX(MAX(publish_at, updated_at)), MAX(publish_at)
        FROM articles_article
        WHERE status = 'published' AND publish_at >= {SQLITE_HOUR} AND publish_at < datetime({SQLITE_HOUR}, '+1 hour')
        HAVING COUNT(*) > 0;
"""
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER articles_publishedhour_insert AFTER INSERT ON articles_article
    WHEN new.status = 'published' BEGIN {SQLITE_RECOUNT.format("new")} END
    """,
    f"""
    CREATE TRIGGER articles_publishedhour_update AFTER UPDATE OF status, publish_at, updated_at ON articles_article
    WHEN old.status = 'published' OR new.status = 'published' BEGIN {SQLITE_RECOUNT.format("old")} {SQLITE_RECOUNT.format("new")} END
    """,
    f"""
    CREATE TRIGGER articles_publishedhour_delete AFTER DELETE ON articles_article
    WHEN old.status = 'published' BEGIN {SQLITE_RECOUNT.format("old")} END
    """,
    f"""
    INSERT INTO articles_publishedhour (hour, count, latest_change, latest_publish)
    SELECT {SQLITE_HOUR.format("articles_article")} AS start, COUNT(*), MAX(MAX(publish_at, updated_at)), MAX(publish_at)
    FROM articles_article WHERE status = 'published' AND publish_at IS NOT NULL GROUP BY start
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_publishedhour_insert",
    "DROP TRIGGER IF EXISTS articles_publishedhour_update",
    "DROP TRIGGER IF EXISTS articles_publishedhour_delete",
]

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION articles_publishedhour_recount(moment timestamptz) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        start timestamptz := date_trunc('hour', moment AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    BEGIN
        IF moment IS NULL THEN
            RETURN;
        END IF;
        PERFORM pg_advisory_xact_lock(14011, (extract(epoch FROM start) / 3600)::integer);
        DELETE FROM articles_publishedhour WHERE hour = start;
        INSERT INTO articles_publishedhour (hour, count, latest_change, latest_publish)
            SELECT start, count(*), max(greatest(publish_at, updated_at)), max(publish_at)
            FROM articles_article
            WHERE status = 'published' AND publish_at >= start AND publish_at < start + interval '1 hour'
            HAVING count(*) > 0;
    END
    $$
    """,
    """
    CREATE FUNCTION articles_publishedhour_follow_article() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
            PERFORM articles_publishedhour_recount(OLD.publish_at);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
            PERFORM articles_publishedhour_recount(NEW.publish_at);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_publishedhour_follow_article
    AFTER INSERT OR DELETE OR UPDATE OF status, publish_at, updated_at ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_publishedhour_follow_article()
    """,
    """
    INSERT INTO articles_publishedhour (hour, count, latest_change, latest_publish)
    SELECT date_trunc('hour', publish_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start,
           count(*), max(greatest(publish_at, updated_at)), max(publish_at)
    FROM articles_article WHERE status = 'published' AND publish_at IS NOT NULL GROUP BY start
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_publishedhour_follow_article ON articles_article",
    "DROP FUNCTION IF EXISTS articles_publishedhour_follow_article()",
    "DROP FUNCTION IF EXISTS articles_publishedhour_recount(timestamptz)",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Newsroom's sitemaps support PostgreSQL and SQLite, not {vendor}.")
    _run(schema_editor, POSTGRES_FORWARD if vendor == "postgresql" else SQLITE_FORWARD)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_sitemap_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedHour",
            fields=[
                ("hour", models.DateTimeField(help_text="The hour's first moment, in UTC.", primary_key=True, serialize=False, verbose_name="hour")),
                ("count", models.PositiveIntegerField(verbose_name="published articles")),
                (
                    "latest_change",
                    models.DateTimeField(help_text="The newest of its articles' publish and update times.", verbose_name="latest change"),
                ),
                ("latest_publish", models.DateTimeField(verbose_name="latest publish time")),
            ],
            options={
                "verbose_name": "published hour",
                "verbose_name_plural": "published hours",
                "db_table": "articles_publishedhour",
                "indexes": [models.Index(fields=["hour", "count", "latest_change", "latest_publish"], name="publishedhour_figures_idx")],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
