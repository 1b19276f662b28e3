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
