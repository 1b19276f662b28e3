"""
PublishedHour: the archive's published stories counted by the hour, for the
sitemap index, which would otherwise read every story's index entry on each
request (about 20 ms on 100,000 stories in SQLite). PublishedDay: the same
figures by the UTC day, summed from the hours, so that a month is about 30
rows rather than 720 (0.8 ms of SQLite's time for 10 months of hours).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedFigures(models.Model):
    """What an hour's and a day's row hold about their published stories."""

    count = models.PositiveIntegerField(_("published articles"))
    latest_change = models.DateTimeField(_("latest change"), help_text=_("The newest of its articles' publish and update times."))
    latest_publish = models.DateTimeField(_("latest publish time"))

    class Meta:
        abstract = True


class PublishedHour(PublishedFigures):
    """
    The published articles (status "published", scheduled ones included)
    whose publish time falls in one UTC hour. Database triggers on the
    articles table recompute an hour's row in the same statement as any
    change to a story in it, whatever wrote it: save(), QuerySet.update(),
    bulk_create(), deletes, imports (migration 0011_published_hours). No
    code of ours writes these rows.

    A row counts stories by their stored status alone, so the hours from
    the current one on also hold scheduled stories: readers of the table
    take whole hours before the current one and read the rest live
    (articles.sitemaps.month_figures).
    """

    hour = models.DateTimeField(_("hour"), primary_key=True, help_text=_("The hour's first moment, in UTC."))

    class Meta:
        db_table = "articles_publishedhour"
        verbose_name = _("published hour")
        verbose_name_plural = _("published hours")
        # The sitemap index reads a month's hours from this index alone.
        indexes = [models.Index(fields=["hour", "count", "latest_change", "latest_publish"], name="publishedhour_figures_idx")]

    def __str__(self):
        return f"{self.hour:%Y-%m-%d %H:00} UTC: {self.count}"


class PublishedDay(PublishedFigures):
    """
    PublishedHour's rows summed by the UTC day, kept by database triggers on
    PublishedHour's table in the same statement as the hour's recount
    (migration 0015_published_days). No code of ours writes these rows.
    Like an hour's row, a day's counts its scheduled stories too: readers
    take whole days before the current one.
    """

    day = models.DateTimeField(_("day"), primary_key=True, help_text=_("The day's first moment, in UTC."))

    class Meta:
        db_table = "articles_publishedday"
        verbose_name = _("published day")
        verbose_name_plural = _("published days")
        # The sitemap index reads a month's days from this index alone.
        indexes = [models.Index(fields=["day", "count", "latest_change", "latest_publish"], name="publishedday_figures_idx")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} UTC: {self.count}"
