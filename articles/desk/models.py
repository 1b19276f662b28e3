from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

# How long a breaking-news bar stays up unless the editor says otherwise.
BREAKING_NEWS_HOURS = 2
# How many "Pilihan Editor" slots the front page has.
PICK_SLOTS = 6


def running_at(now):
    """Rows whose start (if any) has come and whose expiry (if any) has not."""
    return (Q(starts_at__isnull=True) | Q(starts_at__lte=now)) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class PlacementQuerySet(models.QuerySet):
    def live(self, now=None):
        """
        Placements readers see now: running, and of an article readers may
        see (Article.objects.published(), the one truth). A withdrawn or
        not-yet-live article keeps its row but leaves its slot.
        """
        now = now or timezone.now()
        return self.filter(running_at(now), Article.objects.published_exists("article_id", now))

    def front_page(self):
        return self.filter(slot__in=[Placement.Slot.HEADLINE, Placement.Slot.PICK])


class Placement(models.Model):
    """An editor's decision to show an article in a slot, for a time."""

    class Slot(models.TextChoices):
        HEADLINE = "headline", _("Headline")
        PICK = "pick", _("Editor's pick")
        SECTION = "section", _("Pinned in its section")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="placements",
        limit_choices_to={"status": Article.Status.PUBLISHED},
        help_text=_("Only published (or scheduled) articles can be placed."),
    )
    slot = models.CharField(_("slot"), max_length=16, choices=Slot.choices, default=Slot.PICK)
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Editor's picks are shown from the lowest number up.")
    )
    starts_at = models.DateTimeField(
        _("shown from"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the article is live. A scheduled article starts in its slot when it goes live."),
    )
    expires_at = models.DateTimeField(
        _("shown until"), null=True, blank=True, help_text=_("Empty: until an editor removes it.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "position", "-starts_at", "-pk"]
        verbose_name = _("front page placement")
        verbose_name_plural = _("front page")
        constraints = [
            models.UniqueConstraint(fields=["article", "slot"], name="placement_unique_article_slot"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("starts_at")),
                name="placement_expires_after_start",
                violation_error_message=_("The end of a placement must come after its start."),
            ),
        ]
        indexes = [models.Index(fields=["slot", "position"], name="placement_slot_position_idx")]

    def __str__(self):
        return f"{self.get_slot_display()}: {self.article}"

    def clean(self):
        super().clean()
        article = getattr(self, "article", None)
        if article is not None and article.status != Article.Status.PUBLISHED:
            raise ValidationError(
                _("Only published or scheduled articles can go on the front page; publish or schedule this one first."),
                code="not_published",
            )
        if self.slot == self.Slot.SECTION and article is not None and article.section_id is None:
            raise ValidationError(_("This article has no section to be pinned in."), code="no_section")
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": ValidationError(_("The end of a placement must come after its start."), code="ends_before_start")})


class BreakingNewsQuerySet(models.QuerySet):
    def live(self, now=None):
        now = now or timezone.now()
        return self.filter(running_at(now), Article.objects.published_exists("article_id", now))


def default_expiry():
    return timezone.now() + timedelta(hours=BREAKING_NEWS_HOURS)


class BreakingNews(models.Model):
    """One line above every reader page, linking to the story, until it expires or is cleared."""

    text = models.CharField(
        _("text"), max_length=160, help_text=_("One short line, e.g. “Gempa M 6,2 guncang Lombok, tidak berpotensi tsunami”.")
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"status": Article.Status.PUBLISHED},
        help_text=_("The story the line links to. The bar hides while the story is not live."),
    )
    starts_at = models.DateTimeField(_("shown from"), null=True, blank=True, default=timezone.now)
    expires_at = models.DateTimeField(
        _("shown until"), default=default_expiry, help_text=_("Two hours from now unless you choose otherwise.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(expires_at__gt=models.F("starts_at")),
                name="breaking_news_expires_after_start",
                violation_error_message=_("The bar must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_live(self):
        now = timezone.now()
        return (self.starts_at is None or self.starts_at <= now) and self.expires_at > now and self.article.is_live

    def clean(self):
        super().clean()
        article = getattr(self, "article", None)
        if article is not None and article.status != Article.Status.PUBLISHED:
            raise ValidationError({"article": ValidationError(_("Link the bar to a published article."), code="not_published")})
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": ValidationError(_("The bar must end after it starts."), code="ends_before_start")})

    def clear(self):
        """Take the bar down now: one that ran stays as a record, one that never started goes."""
        now = timezone.now()
        if self.starts_at is not None and self.starts_at >= now:
            self.delete()
            return
        self.expires_at = now
        self.save(update_fields=["expires_at"])
