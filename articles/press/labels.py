"""Choices shared by articles.models and the press app (no models here, so articles.models may import it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaidKind(models.TextChoices):
    """
    Paid content and the label readers see on it (guideline point 6). The
    empty value is ordinary journalism.
    """

    NONE = "", _("Not paid content")
    ADVERTORIAL = "advertorial", _("Advertorial")
    ADVERTISEMENT = "advertisement", _("Advertisement")
    SPONSORED = "sponsored", _("Sponsored content")


# Texts of fields articles.models.Article holds for the press app; here so
# they are translated in this app's catalogue.
PAID_KIND_NAME = _("paid content")
PAID_KIND_HELP = _("Paid content carries this label on every card and on the page (Dewan Pers guideline, point 6).")
SLUG_HELP = _(
    "The last part of the article's address. Made from the headline when empty. "
    "Changing it after publication moves the article: the old address redirects to the new one."
)
