from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .blocks.removals import removal_notes
from .blocks.widgets import BODY_HELP_TEXT, BodyEditorWidget
from .dates import zone_name
from .editorial.forms import VersionedFormMixin
from .models import Article
from .press import forms as press_forms


class ArticleAdminForm(VersionedFormMixin, forms.ModelForm):
    """
    The editors' article form. The admin hands it the requesting user, and
    the status choices and the checks in clean() follow that user's role, so
    a status posted by hand is refused just like one picked from the menu.
    """

    mark_updated = forms.BooleanField(
        label=_("Substantive update"),
        required=False,
        help_text=_("Tick when this edit adds facts or corrects an error: readers see “Diperbarui” with the time."),
    )

    # Dewan Pers guideline duties live in articles/press.
    confirm_address_change = press_forms.confirm_address_field()

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "standfirst": forms.Textarea(attrs={"rows": 2}),
            "body": BodyEditorWidget,
        }
        help_texts = {"body": BODY_HELP_TEXT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and "status" in self.fields:
            allowed = self.instance.allowed_statuses(user)
            self.fields["status"].choices = [(value, label) for value, label in Article.Status.choices if value in allowed]

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        # The sanitizer has the last word on save; the editor is told what it took out.
        self.body_removal_notes = removal_notes(body)
        return body

    def clean_tags(self):
        tags = self.cleaned_data.get("tags")
        if tags is not None and len(tags) > Article.MAX_TAGS:
            raise ValidationError(
                _("An article can have at most %(max)d tags; this one has %(count)d. Remove some."),
                code="too_many_tags",
                params={"max": Article.MAX_TAGS, "count": len(tags)},
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        # self.instance still holds the stored status here: construct_instance
        # runs after clean().
        if self.user is not None and status and status != self.instance.status:
            try:
                self.instance.check_transition(self.user, status)
            except PermissionDenied as exc:
                self.add_error("status", ValidationError(str(exc), code="transition_denied"))
        if status == Article.Status.PUBLISHED and not cleaned.get("section"):
            self.add_error("section", ValidationError(_("Choose a section before publishing."), code="section_required"))
        press_forms.check_address_change(self)
        return cleaned

    def save(self, commit=True):
        if self.cleaned_data.get("mark_updated") and self.instance.first_published_at:
            self.instance.updated_substantively_at = timezone.now()
        return super().save(commit=commit)


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        help_text=lazy(lambda: _("Date and time in %(zone)s, e.g. 2026-12-01 06:00.") % {"zone": zone_name()}, str)(),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise ValidationError(_("Choose a time in the future to schedule an article."), code="not_future")
        return value


# Before this the index has nothing to show, and date arithmetic near year 1 overflows.
INDEX_FIRST_DAY = date(1900, 1, 1)


class IsoDateField(forms.Field):
    """
    A day as <input type="date"> sends it (YYYY-MM-DD, or another ISO 8601
    form). Not DateField: it would also take the locale's formats, and its
    message cannot repeat what was typed.
    """

    default_error_messages = {"invalid": _("“%(value)s” is not a date. Use the date picker or the form YYYY-MM-DD.")}

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value[:40]}) from None


class IndexForm(forms.Form):
    """
    The news index's GET fields: `tanggal`, the day, and `rubrik`, a
    section's slug. The index is shown whatever they hold: a field that is
    wrong falls back to today or to all sections, and its message is shown.
    Fields, not CharFields: a NUL gets the same message as any other junk.
    """

    tanggal = IsoDateField(required=False)
    rubrik = forms.Field(required=False)

    def __init__(self, data, *, sections, today):
        super().__init__(data)
        self.sections = sections
        self.today = today

    def clean_tanggal(self):
        day = self.cleaned_data["tanggal"]
        if day is None:
            return self.today
        if day > self.today:
            raise ValidationError(_("Choose today or an earlier day: the index lists published news only."), code="future")
        if day < INDEX_FIRST_DAY:
            raise ValidationError(_("Choose a day from 1 January 1900 on."), code="too_early")
        return day

    def clean_rubrik(self):
        slug = (self.cleaned_data["rubrik"] or "").strip()
        if not slug:
            return None
        section = next((section for section in self.sections if section.slug == slug), None)
        if section is None:
            raise ValidationError(
                _("There is no section “%(value)s”; all sections are shown."), code="unknown_section", params={"value": slug[:80]}
            )
        return section

    @property
    def day(self):
        """The day to show: the one asked for, or today."""
        return self.cleaned_data.get("tanggal") or self.today

    @property
    def section(self):
        """The section to show, or None for all."""
        return self.cleaned_data.get("rubrik")

    @property
    def messages(self):
        """What was wrong, field by field, as the page shows it."""
        return [message for errors in self.errors.as_data().values() for error in errors for message in error]
