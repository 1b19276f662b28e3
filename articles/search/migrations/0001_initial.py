"""
SearchDocument, taken over from the articles app without touching the
database: the table articles_searchdocument, its generated tsvector and GIN
index (PostgreSQL), its FTS5 table and triggers (SQLite) were made by
articles' 0003_search and stay as they are. The content type follows the
model, so permissions granted on it keep working.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="articles", new="search"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label=old, model="searchdocument").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="search", new="articles")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0005_searchdocument_moves_to_search"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
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
                        "db_table": "articles_searchdocument",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
