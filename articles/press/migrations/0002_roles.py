from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    """Give the roles their press, flat page and redirect permissions (articles/roles.py)."""

    dependencies = [
        ("press", "0001_press_records"),
        ("articles", "0008_article_paid_kind"),
        ("audit", "0002_append_only"),
        ("flatpages", "0001_initial"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
