"""
What the Dewan Pers guideline asks a newsroom to keep on record: takedowns,
corrections, rights of reply and verification notes. Each belongs to an
article; readers see them on the article page and on /ralat/ and
/pencabutan/. Paid content is a field of the article itself
(Article.paid_kind), because every card shows it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Takedown(models.Model):
    """
    A published story removed for one of the guideline's reasons (point 5).
    Its address answers 410 with this record; the article itself stays
    withdrawn and out of every public list.
    """

    class Reason(models.TextChoices):
        SARA = "sara", _("Ethnic, religious, racial or inter-group issues (SARA)")
        DECENCY = "decency", _("Decency")
        CHILD = "child", _("The future of a child")
        VICTIM = "victim", _("The trauma of a victim")
        DEWAN_PERS = "dewan_pers", _("Another reason set by Dewan Pers")

    article = models.OneToOneField(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="takedown")
    headline = models.CharField(
        _("headline"), max_length=200, help_text=_("The headline as readers knew it; shown on the removal notice.")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    other_reason = models.TextField(
        _("reason set by Dewan Pers"),
        blank=True,
        help_text=_("Required for “another reason set by Dewan Pers”: the reason, with the decision it comes from."),
    )
    statement = models.TextField(
        _("public statement"),
        help_text=_("Shown to readers at the story's address and on the list of takedowns. Say what was removed and why, without repeating it."),
    )
    taken_down_at = models.DateTimeField(_("taken down at"), default=timezone.now, editable=False)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken down by"), on_delete=models.SET_NULL, null=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["-taken_down_at", "-pk"]
        verbose_name = _("takedown")
        verbose_name_plural = _("takedowns")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason="dewan_pers") | ~Q(other_reason=""),
                name="takedown_other_reason_stated",
                violation_error_message=_("State the reason set by Dewan Pers."),
            ),
        ]

    def __str__(self):
        return self.headline

    @property
    def reason_text(self):
        """The reason as readers read it."""
        if self.reason == self.Reason.DEWAN_PERS:
            return f"{self.get_reason_display()}: {self.other_reason}"
        return self.get_reason_display()

    def clean(self):
        super().clean()
        if self.reason == self.Reason.DEWAN_PERS and not self.other_reason.strip():
            raise ValidationError(
                {"other_reason": ValidationError(_("State the reason set by Dewan Pers."), code="other_reason_required")}
            )
        if not self.statement.strip():
            raise ValidationError({"statement": ValidationError(_("Write the public statement."), code="statement_required")})


class Correction(models.Model):
    """A ralat, koreksi or klarifikasi published at the end of a story (point 4)."""

    class Kind(models.TextChoices):
        RALAT = "ralat", _("Ralat (correction of a fact)")
        KOREKSI = "koreksi", _("Koreksi (correction)")
        KLARIFIKASI = "klarifikasi", _("Klarifikasi (clarification)")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RALAT)
    text = models.TextField(
        _("text"), help_text=_("What was wrong and what is right, e.g. “Sebelumnya tertulis 12 korban; yang benar 21 korban.”")
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.SET_NULL, null=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [models.Index(fields=["-published_at"], name="correction_published_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def kind_label(self):
        """The bare name readers see: Ralat, Koreksi, Klarifikasi."""
        return self.kind.capitalize()

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#ralat-{self.pk}"


class RightOfReply(models.Model):
    """A hak jawab: an article of its own that answers another (point 4), linked both ways."""

    reply = models.OneToOneField(
        Article, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="reply_to", help_text=_("The article that is the right of reply.")
    )
    original = models.ForeignKey(
        Article,
        verbose_name=_("story answered"),
        on_delete=models.PROTECT,
        related_name="replies",
        help_text=_("The story this right of reply answers."),
    )
    respondent = models.CharField(
        _("from"), max_length=200, help_text=_("Who replies, as readers should read it, e.g. “PT Maju Jaya” or “Kuasa hukum Budi Santoso”.")
    )

    class Meta:
        verbose_name = _("right of reply")
        verbose_name_plural = _("rights of reply")
        constraints = [
            models.CheckConstraint(condition=~Q(reply=models.F("original")), name="reply_answers_another_article"),
        ]

    def __str__(self):
        return self.respondent

    def clean(self):
        super().clean()
        if self.reply_id and self.reply_id == self.original_id:
            raise ValidationError({"original": ValidationError(_("An article cannot answer itself."), code="reply_to_self")})


class Verification(models.Model):
    """
    A story that ran before it was fully verified (point 2): readers see a
    note until it is marked verified, with the follow-up story or a dated note.
    """

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Not yet verified")
        VERIFIED = "verified", _("Verified")

    article = models.OneToOneField(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="verification")
    status = models.CharField(_("verification"), max_length=16, choices=Status.choices, default=Status.UNVERIFIED)
    follow_up = models.ForeignKey(
        Article,
        verbose_name=_("verification story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The published update with the result of the verification."),
    )
    note = models.TextField(
        _("verification note"), blank=True, help_text=_("Or, instead of a story: what was verified and how. Shown with the date.")
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verification")

    def __str__(self):
        return self.get_status_display()

    @property
    def is_unverified(self):
        return self.status == self.Status.UNVERIFIED

    def clean(self):
        super().clean()
        if self.status == self.Status.VERIFIED and self.follow_up_id is None and not self.note.strip():
            raise ValidationError(
                ValidationError(_("To mark the story verified, link the follow-up story or write a note."), code="verification_source_required")
            )
        if self.follow_up_id and self.follow_up_id == self.article_id:
            raise ValidationError({"follow_up": ValidationError(_("Link another story, not this one."), code="follow_up_self")})

    def save(self, *args, **kwargs):
        if self.status == self.Status.VERIFIED and self.verified_at is None:
            self.verified_at = timezone.now()
        elif self.status == self.Status.UNVERIFIED:
            self.verified_at = None
        super().save(*args, **kwargs)
