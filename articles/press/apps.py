from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    """
    The Dewan Pers guideline (Pedoman Pemberitaan Media Siber) as features:
    verification notes, corrections, right of reply, takedowns, paid-content
    labels, and addresses that never break.
    """

    name = "articles.press"
    label = "press"
    verbose_name = _("Press council duties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .footer import connect_signals

        connect_signals()
