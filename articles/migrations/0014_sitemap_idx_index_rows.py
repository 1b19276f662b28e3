"""
The sitemaps' index also holds each story's section and picture keys, so
that a page of the news index reads it alone (see Article.Meta.indexes).

A re-created index loses its SQLite statistics: analyzed again where the
database keeps them, as in migration 0012.
"""

from django.conf import settings
from django.db import migrations, models


def analyze_where_analyzed(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE article_sitemap_idx")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0013_list_key_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_sitemap_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "publish_at", "updated_at", "slug", "paid_kind", "headline", "section", "lead_image"],
                name="article_sitemap_idx",
            ),
        ),
        migrations.RunPython(analyze_where_analyzed, migrations.RunPython.noop, elidable=False),
    ]
