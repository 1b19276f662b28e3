"""
The press records on the editors' article form: verification, right of
reply, corrections, the paid-content choice and the takedown link.
articles/admin.py adds these to ArticleAdmin.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles.admin_input import HandMadeInputMixin
from articles.dates import short_date

from .actions import add_correction
from .models import Correction, RightOfReply, Takedown, Verification


class VerificationInline(HandMadeInputMixin, admin.StackedInline):
    model = Verification
    fk_name = "article"
    max_num = 1
    extra = 0
    autocomplete_fields = ["follow_up"]
    fields = ["status", "follow_up", "note", "verified_at"]
    readonly_fields = ["verified_at"]
    verbose_name = _("verification (Dewan Pers guideline, point 2)")
    verbose_name_plural = _("verification (Dewan Pers guideline, point 2)")


class RightOfReplyInline(HandMadeInputMixin, admin.StackedInline):
    model = RightOfReply
    fk_name = "reply"
    max_num = 1
    extra = 0
    autocomplete_fields = ["original"]
    fields = ["original", "respondent"]
    verbose_name = _("this article is a right of reply (hak jawab)")
    verbose_name_plural = _("this article is a right of reply (hak jawab)")


class CorrectionFormSet(BaseInlineFormSet):
    """New corrections go through add_correction(): stamped now, the story marked updated, the audit log told."""

    request = None

    def save_new(self, form, commit=True):
        return add_correction(
            self.instance, self.request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"], request=self.request
        )


class CorrectionInline(HandMadeInputMixin, admin.TabularInline):
    """Corrections are a public record: added on live stories, never edited or deleted afterwards."""

    model = Correction
    formset = CorrectionFormSet
    extra = 0
    fields = ["kind", "text", "published_at", "created_by"]
    readonly_fields = ["published_at", "created_by"]
    verbose_name = _("correction (ralat, koreksi, klarifikasi)")
    verbose_name_plural = _("corrections (Dewan Pers guideline, point 4)")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.is_live and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


PRESS_INLINES = [VerificationInline, RightOfReplyInline, CorrectionInline]


@admin.display(description=_("takedown"))
def takedown_link(model_admin, article):
    """The takedown record, or the way to make one (the form refuses anyone but the chief editor)."""
    if article is None or article.pk is None or article.first_published_at is None:
        return "–"
    takedown = Takedown.objects.filter(article=article).first()
    if takedown is not None:
        return format_html(
            "{} ({}, {})",
            _("Taken down"),
            takedown.get_reason_display(),
            short_date(takedown.taken_down_at),
        )
    url = reverse("admin:press_takedown_add") + "?" + urlencode({"article": article.pk})
    return format_html(
        '<a href="{}">{}</a><div class="help">{}</div>',
        url,
        _("Take this story down…"),
        _(
            "Chief editor only, and only for the reasons in the Dewan Pers guideline (SARA, decency, a child's future, "
            "a victim's trauma, or another reason set by Dewan Pers); its address then tells readers why. "
            "To withdraw a story for any other reason, unpublish it."
        ),
    )
