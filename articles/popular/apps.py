from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PopularConfig(AppConfig):
    name = "articles.popular"
    label = "popular"
    verbose_name = _("Most read")
    default_auto_field = "django.db.models.BigAutoField"
