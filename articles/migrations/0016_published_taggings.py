"""
PublishedTagging: a row per topic of each published story, with its publish
time, for the topic page (articles.queries.TopicPaginator), kept by
triggers on the articles and on their tag links (articles_article_tags), so
that every write follows in its own statement and transaction: tags.add(),
remove(), set() and clear(), a tag's or an article's delete (Django deletes
their links with SQL), a change of status or publish time by save() or
QuerySet.update(), imports.

A change to an article's other columns leaves the rows alone: the trigger
fires only when the status or the publish time differs (save() writes
every column).

On PostgreSQL a link's trigger first takes a share lock on the link's
article: an article's update and a tag link written at the same time would
otherwise each miss the other's uncommitted row (READ COMMITTED), and a
story published while it gained a topic would be missing from it. With the
lock the second waits for the first to commit, and its next statement sees
it.

SQLite drops a table's triggers when a migration rebuilds the table (see
0011_published_hours): a later migration that alters articles_article or
the link table on SQLite must create them again
(tests/test_topic_rows.py notices if it does not).

The last step copies the links of the stories already published.
"""

from django.db import migrations, models

PUBLISHED = "'published'"
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER articles_publishedtagging_link_insert AFTER INSERT ON articles_article_tags BEGIN
        INSERT OR IGNORE INTO articles_publishedtagging (article_id, tag_id, publish_at)
            SELECT id, new.tag_id, publish_at FROM articles_article
            WHERE id = new.article_id AND status = {PUBLISHED} AND publish_at IS NOT NULL;
    END
    """,
    """
    CREATE TRIGGER articles_publishedtagging_link_delete AFTER DELETE ON articles_article_tags BEGIN
        DELETE FROM articles_publishedtagging WHERE article_id = old.article_id AND tag_id = old.tag_id;
    END
    """,
    f"""
    CREATE TRIGGER articles_publishedtagging_link_update AFTER UPDATE ON articles_article_tags BEGIN
        DELETE FROM articles_publishedtagging WHERE article_id = old.article_id AND tag_id = old.tag_id;
        INSERT OR IGNORE INTO articles_publishedtagging (article_id, tag_id, publish_at)
            SELECT id, new.tag_id, publish_at FROM articles_article
            WHERE id = new.article_id AND status = {PUBLISHED} AND publish_at IS NOT NULL;
    END
    """,
    # A new article has no links yet, unless an import wrote them first.
    f"""
    CREATE TRIGGER articles_publishedtagging_article_insert AFTER INSERT ON articles_article
    WHEN new.status = {PUBLISHED} AND new.publish_at IS NOT NULL BEGIN
        INSERT OR IGNORE INTO articles_publishedtagging (article_id, tag_id, publish_at)
            SELECT new.id, tag_id, new.publish_at FROM articles_article_tags WHERE article_id = new.id;
    END
    """,
    f"""
    CREATE TRIGGER articles_publishedtagging_article_update AFTER UPDATE OF id, status, publish_at ON articles_article
    WHEN old.id IS NOT new.id OR old.status IS NOT new.status OR old.publish_at IS NOT new.publish_at BEGIN
        DELETE FROM articles_publishedtagging WHERE article_id = old.id;
        INSERT OR IGNORE INTO articles_publishedtagging (article_id, tag_id, publish_at)
            SELECT new.id, tag_id, new.publish_at FROM articles_article_tags
            WHERE article_id = new.id AND new.status = {PUBLISHED} AND new.publish_at IS NOT NULL;
    END
    """,
    """
    CREATE TRIGGER articles_publishedtagging_article_delete AFTER DELETE ON articles_article BEGIN
        DELETE FROM articles_publishedtagging WHERE article_id = old.id;
    END
    """,
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS articles_publishedtagging_{name}"
    for name in ("link_insert", "link_delete", "link_update", "article_insert", "article_update", "article_delete")
]

POSTGRES_FORWARD = [
    f"""
    CREATE FUNCTION articles_publishedtagging_follow_link() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            PERFORM 1 FROM articles_article WHERE id = OLD.article_id FOR SHARE;
            DELETE FROM articles_publishedtagging WHERE article_id = OLD.article_id AND tag_id = OLD.tag_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM 1 FROM articles_article WHERE id = NEW.article_id FOR SHARE;
            INSERT INTO articles_publishedtagging (article_id, tag_id, publish_at)
                SELECT id, NEW.tag_id, publish_at FROM articles_article
                WHERE id = NEW.article_id AND status = {PUBLISHED} AND publish_at IS NOT NULL
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_publishedtagging_follow_link
    AFTER INSERT OR DELETE OR UPDATE ON articles_article_tags
    FOR EACH ROW EXECUTE FUNCTION articles_publishedtagging_follow_link()
    """,
    f"""
    CREATE FUNCTION articles_publishedtagging_follow_article() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM articles_publishedtagging WHERE article_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = {PUBLISHED} AND NEW.publish_at IS NOT NULL THEN
            INSERT INTO articles_publishedtagging (article_id, tag_id, publish_at)
                SELECT NEW.id, tag_id, NEW.publish_at FROM articles_article_tags WHERE article_id = NEW.id
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_publishedtagging_follow_article
    AFTER INSERT OR DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_publishedtagging_follow_article()
    """,
    """
    CREATE TRIGGER articles_publishedtagging_follow_article_change
    AFTER UPDATE OF id, status, publish_at ON articles_article
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.publish_at IS DISTINCT FROM NEW.publish_at)
    EXECUTE FUNCTION articles_publishedtagging_follow_article()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_publishedtagging_follow_article_change ON articles_article",
    "DROP TRIGGER IF EXISTS articles_publishedtagging_follow_article ON articles_article",
    "DROP TRIGGER IF EXISTS articles_publishedtagging_follow_link ON articles_article_tags",
    "DROP FUNCTION IF EXISTS articles_publishedtagging_follow_article()",
    "DROP FUNCTION IF EXISTS articles_publishedtagging_follow_link()",
]

BACKFILL = f"""
    INSERT INTO articles_publishedtagging (article_id, tag_id, publish_at)
    SELECT link.article_id, link.tag_id, article.publish_at
    FROM articles_article_tags link JOIN articles_article article ON article.id = link.article_id
    WHERE article.status = {PUBLISHED} AND article.publish_at IS NOT NULL
"""


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        _run(schema_editor, [*POSTGRES_FORWARD, BACKFILL])
        return
    _run(schema_editor, [*SQLITE_FORWARD, BACKFILL])
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE articles_publishedtagging")


def drop_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_published_days"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedTagging",
            fields=[
                ("pk", models.CompositePrimaryKey("article_id", "tag_id", blank=True, editable=False, primary_key=True, serialize=False)),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False, db_index=False, on_delete=models.deletion.DO_NOTHING, related_name="+",
                        to="articles.article", verbose_name="article",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        db_constraint=False, db_index=False, on_delete=models.deletion.DO_NOTHING, related_name="+",
                        to="articles.tag", verbose_name="tag",
                    ),
                ),
                ("publish_at", models.DateTimeField(verbose_name="publish time")),
            ],
            options={
                "verbose_name": "published tagging",
                "verbose_name_plural": "published taggings",
                "db_table": "articles_publishedtagging",
                "indexes": [models.Index(fields=["tag", "-publish_at", "-article"], name="publishedtagging_topic_idx")],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
