from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "articles.editorial"
    label = "editorial"
    verbose_name = _("Editorial history")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import revisions

        revisions.register()
