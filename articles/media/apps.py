from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Owns no models (Image stays in articles, table and all): the processing, admin, tags and commands."""

    name = "articles.media"
    label = "media"
    verbose_name = _("Pictures")
