from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from .plaintext import strip_controls_before_save

        pre_save.connect(strip_controls_before_save, dispatch_uid="articles.strip_controls")
