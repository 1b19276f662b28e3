"""
Full-text search: the stemmed search document of each article, and the
database's own index over it.

PostgreSQL gets a generated tsvector column (weights A headline, B
standfirst, C body, D names) with a GIN index; the `simple` configuration
because the text is already stemmed. Long values are moved out of the row
(toast_tuple_target) so that a search, which reads every matching row's
status and publish time, reads a narrow table. There is deliberately no
index on publish_at or section_id: with one, the planner walks those rows
and unpacks every tsvector to test it, which is far slower than the GIN
index for common words.

SQLite gets an FTS5 table over the same columns, with the search documents
as its external content and triggers that keep the two in step.

On both, a trigger copies an article's status, publish time and section to
its search document whenever they change, also through QuerySet.update().
SQLite drops a table's triggers when a migration rebuilds the table: a
later migration that alters articles_article or articles_searchdocument on
SQLite must create them again (tests/test_search.py notices if it does not).

The last step indexes the articles that already exist.
"""

import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = [
    "ALTER TABLE articles_searchdocument SET (toast_tuple_target = 128)",
    """
    ALTER TABLE articles_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, headline), 'A')
        || setweight(to_tsvector('simple'::regconfig, standfirst), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
        || setweight(to_tsvector('simple'::regconfig, names), 'D')
    ) STORED
    """,
    "CREATE INDEX articles_searchdocument_vector ON articles_searchdocument USING gin (vector)",
    """
    CREATE FUNCTION articles_searchdocument_follow_article() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE articles_searchdocument
        SET status = NEW.status, publish_at = NEW.publish_at, section_id = NEW.section_id
        WHERE article_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_searchdocument_follow_article
    AFTER UPDATE OF status, publish_at, section_id ON articles_article
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.publish_at IS DISTINCT FROM NEW.publish_at
          OR OLD.section_id IS DISTINCT FROM NEW.section_id)
    EXECUTE FUNCTION articles_searchdocument_follow_article()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_searchdocument_follow_article ON articles_article",
    "DROP FUNCTION IF EXISTS articles_searchdocument_follow_article()",
    "DROP INDEX IF EXISTS articles_searchdocument_vector",
    "ALTER TABLE articles_searchdocument DROP COLUMN IF EXISTS vector",
]

SQLITE_FORWARD = [
    # A search looks up each match's copies by article; SQLite then reads
    # them from this index alone instead of the row behind the key.
    "CREATE INDEX articles_searchdocument_copies ON articles_searchdocument (article_id, status, publish_at, section_id)",
    # The text is already folded to lower case without accents; the
    # tokenizer only has to split it on spaces.
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
    # Only a change of text re-indexes; the copied columns change alone.
    """
    CREATE TRIGGER articles_searchdocument_fts_update
    AFTER UPDATE OF headline, standfirst, body, names ON articles_searchdocument BEGIN
        INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts, rowid, headline, standfirst, body, names)
        VALUES ('delete', old.article_id, old.headline, old.standfirst, old.body, old.names);
        INSERT INTO articles_searchdocument_fts (rowid, headline, standfirst, body, names)
        VALUES (new.article_id, new.headline, new.standfirst, new.body, new.names);
    END
    """,
    """
    CREATE TRIGGER articles_searchdocument_follow_article
    AFTER UPDATE OF status, publish_at, section_id ON articles_article BEGIN
        UPDATE articles_searchdocument
        SET status = new.status, publish_at = new.publish_at, section_id = new.section_id
        WHERE article_id = new.id;
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_searchdocument_follow_article",
    "DROP TRIGGER IF EXISTS articles_searchdocument_fts_update",
    "DROP TRIGGER IF EXISTS articles_searchdocument_fts_delete",
    "DROP TRIGGER IF EXISTS articles_searchdocument_fts_insert",
    "DROP TABLE IF EXISTS articles_searchdocument_fts",
    "DROP INDEX IF EXISTS articles_searchdocument_copies",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    else:
        raise RuntimeError(f"Newsroom search supports PostgreSQL and SQLite, not {vendor}.")


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


def index_existing_articles(apps, schema_editor):
    # The stemming itself is the application's (a pure function of text);
    # the rows are read through this migration's models.
    from articles.search.document import document_fields

    Article = apps.get_model("articles", "Article")
    SearchDocument = apps.get_model("articles", "SearchDocument")
    db = schema_editor.connection.alias
    articles = Article.objects.using(db).prefetch_related("tags", "contributions__person").iterator(chunk_size=500)
    batch = []
    for article in articles:
        names = [tag.name for tag in article.tags.all()]
        names += [contribution.person.name for contribution in article.contributions.all()]
        names.append(article.dateline)
        fields = document_fields(headline=article.headline, standfirst=article.standfirst, body_html=article.body, names=names)
        copies = {"status": article.status, "publish_at": article.publish_at, "section_id": article.section_id}
        batch.append(SearchDocument(article_id=article.pk, **copies, **fields))
        if len(batch) == 500:
            SearchDocument.objects.using(db).bulk_create(batch)
            batch = []
    SearchDocument.objects.using(db).bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("review", "In review"), ("published", "Published"), ("unpublished", "Unpublished")],
                        editable=False,
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("publish_at", models.DateTimeField(editable=False, null=True, verbose_name="publish time")),
                (
                    "section",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.section",
                        verbose_name="section",
                    ),
                ),
                ("headline", models.TextField(blank=True, verbose_name="headline")),
                ("standfirst", models.TextField(blank=True, verbose_name="standfirst")),
                ("body", models.TextField(blank=True, verbose_name="body")),
                ("names", models.TextField(blank=True, verbose_name="tags, people and dateline")),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(index_existing_articles, migrations.RunPython.noop),
    ]
