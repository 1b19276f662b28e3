from importlib import import_module

from django.db import migrations, models

# SQLite rebuilds articles_article to add the column, which drops the search
# document's follow trigger; 0007 knows how to make it again.
restore_sqlite_trigger = import_module("articles.migrations.0007_article_version").restore_sqlite_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="paid_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Not paid content"),
                    ("advertorial", "Advertorial"),
                    ("advertisement", "Advertisement"),
                    ("sponsored", "Sponsored content"),
                ],
                default="",
                help_text="Paid content carries this label on every card and on the page (Dewan Pers guideline, point 6).",
                max_length=16,
                verbose_name="paid content",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                allow_unicode=True,
                blank=True,
                help_text="The last part of the article's address. Made from the headline when empty. Changing it after publication moves the article: the old address redirects to the new one.",
                max_length=200,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
