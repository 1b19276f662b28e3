"""
SearchDocument now belongs to the search app (articles.search). Only
Django's record of the model moves: the table, its triggers and its
indexes, made by 0003_search, stay exactly as they are; search's own
0001_initial takes the model over under the same table name.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_section_publish_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchDocument")],
            database_operations=[],
        ),
    ]
