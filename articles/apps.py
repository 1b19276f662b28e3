from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from .plaintext import strip_controls_before_save

        pre_save.connect(strip_controls_before_save, dispatch_uid="articles.strip_controls")
        # The roles exist whenever the schema does: a migration makes them, and
        # this remakes them after a flush (which empties every table, as
        # transactional tests and `manage.py flush` do), as Django remakes
        # permissions and the default site.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="articles.ensure_roles")


def ensure_roles(sender, apps=None, verbosity=0, **kwargs):
    from django.apps import apps as installed_apps

    from .roles import sync_roles

    # migrate passes the migrated state; flush passes no registry at all.
    sync_roles(apps or installed_apps, verbosity=max(0, verbosity - 1))
