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


class PublishedTagging(models.Model):
    """
    One row per topic of each published story (status "published",
    scheduled ones included) with the story's publish time, kept by
    database triggers on the articles and their tag links in the same
    statement as any write to either, whatever wrote it: save(), tags.set()
    and clear(), QuerySet.update(), deletes and their cascades (migration
    0016_published_taggings). No code of ours writes these rows.

    The topic page reads a page's keys and the topic's length from one
    range of its index, with publish_at <= now as published() has it: on
    100,000 stories the link table alone made it look up the status and
    time of each of a big topic's 1,200 stories in the articles' index.
    The keys are not foreign keys for Django or the database: the triggers
    keep them, and Django's deletes need not look here.
    """

    pk = models.CompositePrimaryKey("article_id", "tag_id")
    article = models.ForeignKey(
        "articles.Article", models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+", verbose_name=_("article")
    )
    tag = models.ForeignKey("articles.Tag", models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+", verbose_name=_("tag"))
    publish_at = models.DateTimeField(_("publish time"))

    class Meta:
        db_table = "articles_publishedtagging"
        verbose_name = _("published tagging")
        verbose_name_plural = _("published taggings")
        # A topic's page of keys, newest first, and its length: one range of this index.
        indexes = [models.Index(fields=["tag", "-publish_at", "-article"], name="publishedtagging_topic_idx")]

    def __str__(self):
        return f"{self.tag_id}: {self.article_id} ({self.publish_at:%Y-%m-%d %H:%M} UTC)"
