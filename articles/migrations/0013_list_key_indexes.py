"""
Indexes that let a topic's or a person's stories be listed and counted
without reading a table row (see Article.Meta.indexes and Contribution.Meta).

The topics' link table is Django's own (Article.tags has no through model),
so its index is plain SQL, the same on SQLite and PostgreSQL: the keys of a
topic's stories read from (tag_id, article_id) instead of each link's row.

SQLite picks the article's row over the narrower (id, status, publish_at)
unless its statistics say the index holds one entry per key: a database
that has statistics (ANALYZE was run on it) gets them for the new indexes
too. One that has none keeps none, and its plans stay the planner's
guesses as before.
"""

from django.conf import settings
from django.db import migrations, models


NEW_INDEXES = ("article_key_status_idx", "contribution_person_idx", "article_tags_tag_article_idx")


def analyse_new_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return  # PostgreSQL needs no statistics to see that a key is unique.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            for name in NEW_INDEXES:
                cursor.execute(f'ANALYZE "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0012_sitemap_idx_news"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["id", "status", "publish_at"], name="article_key_status_idx"),
        ),
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(fields=["person", "article"], name="contribution_person_idx"),
        ),
        migrations.RunSQL(
            'CREATE INDEX "article_tags_tag_article_idx" ON "articles_article_tags" ("tag_id", "article_id")',
            'DROP INDEX "article_tags_tag_article_idx"',
        ),
        migrations.RunPython(analyse_new_indexes, migrations.RunPython.noop),
    ]
