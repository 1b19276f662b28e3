from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    """How often readers opened one article in one hour; no more than that is known about them."""

    article = models.ForeignKey("articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour, in UTC."))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="popular_one_row_per_article_hour")]
        indexes = [models.Index(fields=["hour"], name="popular_hour_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.views}"
