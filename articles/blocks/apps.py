from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocksConfig(AppConfig):
    """No models: the editor widget, its JSON endpoints, block rendering and their templates."""

    name = "articles.blocks"
    label = "blocks"
    verbose_name = _("Body editor")
