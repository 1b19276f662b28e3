"""
The press-council actions editors take, each one call, one transaction and
one audit-log entry: take_down(), add_correction().
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import audit
from articles.models import Article

from .models import Correction, Takedown

TAKEDOWN_PERMISSION = "press.add_takedown"


def take_down(article, user, *, reason, statement, other_reason="", request=None):
    """
    Remove a published story for one of the guideline's reasons (point 5):
    withdraw it, keep the reason and public statement, and log it. Only the
    chief editor may (TAKEDOWN_PERMISSION). Returns the Takedown.
    """
    if not user.has_perm(TAKEDOWN_PERMISSION):
        raise PermissionDenied(_("Only the chief editor may take a story down."))
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.first_published_at is None or article.first_published_at > timezone.now():
            raise ValidationError(_("Only a story readers have seen can be taken down; withdraw it instead."), code="never_published")
        if Takedown.objects.filter(article=article).exists():
            raise ValidationError(_("This story has already been taken down."), code="already_taken_down")
        takedown = Takedown(
            article=article,
            headline=article.headline,
            reason=reason,
            other_reason=other_reason.strip() if reason == Takedown.Reason.DEWAN_PERS else "",
            statement=statement.strip(),
            taken_down_by=user,
        )
        takedown.full_clean()
        takedown.save()
        if article.status == Article.Status.PUBLISHED:
            article.unpublish(user, reason=_("Taken down: %(reason)s") % {"reason": takedown.reason_text})
        audit.record(
            "takedown",
            actor=user,
            obj=article,
            summary=_("Taken down: %(reason)s") % {"reason": takedown.reason_text},
            request=request,
            details={"reason": takedown.reason, "other_reason": takedown.other_reason},
        )
    return takedown


def add_correction(article, user, *, kind, text, request=None):
    """
    Publish a ralat, koreksi or klarifikasi at the end of a live story
    (point 4), stamped now; the story counts as updated ("Diperbarui").
    """
    if not user.has_perm("press.add_correction"):
        raise PermissionDenied(_("Only editors may publish corrections."))
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if not article.is_live:
            raise ValidationError(_("Corrections are published on live stories only."), code="not_live")
        correction = Correction(article=article, kind=kind, text=text.strip(), created_by=user)
        correction.full_clean()
        correction.save()
        article.updated_substantively_at = correction.published_at
        article.save(update_fields=["updated_substantively_at", "updated_at"], reindex=False)
        audit.record(
            "correction",
            actor=user,
            obj=article,
            summary=f"{correction.kind_label}: {correction.text[:200]}",
            request=request,
            details={"correction": correction.pk, "kind": correction.kind},
        )
    return correction
