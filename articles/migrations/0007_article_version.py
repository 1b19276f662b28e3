from django.db import migrations, models

# SQLite rebuilds articles_article to add the column, which drops the
# trigger that copies status, publish time and section to the search
# document (0003_search); it is made again here.
SQLITE_FOLLOW_TRIGGER = [
    "DROP TRIGGER IF EXISTS articles_searchdocument_follow_article",
    """
    CREATE TRIGGER articles_searchdocument_follow_article
    AFTER UPDATE OF status, publish_at, section_id ON articles_article BEGIN
        UPDATE articles_searchdocument
        SET status = new.status, publish_at = new.publish_at, section_id = new.section_id
        WHERE article_id = new.id;
    END
    """,
]


def restore_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FOLLOW_TRIGGER:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_image_focal_point_renditions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Raised by every save; a save based on an older version is refused.",
                verbose_name="version",
            ),
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
