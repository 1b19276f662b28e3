from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article

from .checks import prepublish_warnings
from .moves import MOVES, PUBLISH, RETURN, SCHEDULE, available_moves, inferred_move

# Django's formset management fields cap a form count; so do we.
MAX_BYLINE_FORMS = 1000


def posted_byline(data, instance, prefix="contributions"):
    """True when the byline posted with the form (or, without one, the stored byline) names someone."""
    total = data.get(f"{prefix}-TOTAL_FORMS")
    if total is None:
        return instance.pk is not None and instance.contributions.exists()
    try:
        count = min(int(total), MAX_BYLINE_FORMS)
    except ValueError:
        return False
    return any(data.get(f"{prefix}-{i}-person") and not data.get(f"{prefix}-{i}-DELETE") for i in range(count))


class WorkflowFormMixin(forms.Form):
    """
    Added to the article admin form: the move buttons ("_workflow" names the
    move, "_override" repeats it past the pre-publish check), the note to
    the writer, and the check itself.
    """

    note_to_writer = forms.CharField(
        label=gettext_lazy("Note to the writer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you return the article to its writer; it joins the editorial notes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workflow_move = None
        # The buttons follow the stored state, also when a refused form comes back.
        self.stored_state = {"status": self.instance.status, "publish_at": self.instance.publish_at}
        self.prepublish_warnings = []
        self.overridden_warnings = []
        if self.user is not None and "status" in self.fields and not self.user.has_perm("articles.publish_article"):
            # A reporter has one move, and a button for it.
            self.fields["status"].widget = forms.HiddenInput()

    def _chosen_move(self):
        name = self.data.get("_override") or self.data.get("_workflow")
        if not name:
            return None
        move = MOVES.get(name)
        if move is None or self.user is None or move not in available_moves(self.instance, self.user):
            raise ValidationError(_("That step is not open to you for this article."), code="move_denied")
        return move

    def clean(self):
        try:
            move = self._chosen_move()
        except ValidationError as error:
            self.add_error(None, error)
            return self.cleaned_data
        now = timezone.now()
        if move is not None:
            self.cleaned_data["status"] = move.target
            at = self.cleaned_data.get("publish_at")
            if move == PUBLISH and (at is None or at > now):
                # "Publish" means now; only a time in the past (a backdate) is kept.
                self.cleaned_data["publish_at"] = now
            if move == SCHEDULE and (at is None or at <= now):
                self.add_error(
                    "publish_at" if "publish_at" in self.fields else None,
                    ValidationError(_("Set the publish time to a moment in the future, then press “Schedule…” again."), code="schedule_time"),
                )
        cleaned = super().clean()
        status = cleaned.get("status", self.instance.status)
        self.workflow_move = move or inferred_move(
            self.instance.status, status, cleaned.get("publish_at"), now, time_changed="publish_at" in self.changed_data
        )
        if self.workflow_move == RETURN and not cleaned.get("note_to_writer", "").strip():
            self.add_error(
                "note_to_writer" if "note_to_writer" in self.fields else None,
                ValidationError(_("Write a note telling the writer what to change before returning the article."), code="note_required"),
            )
        if self.workflow_move in (PUBLISH, SCHEDULE) and not self.errors:
            self._check_before_publishing(cleaned)
        return cleaned

    def _check_before_publishing(self, cleaned):
        field = lambda name: cleaned.get(name, getattr(self.instance, name))  # noqa: E731 (readonly fields are not posted)
        warnings = prepublish_warnings(
            headline=field("headline"),
            body=field("body"),
            section=field("section"),
            lead_image=field("lead_image"),
            publish_at=cleaned.get("publish_at") if "publish_at" in self.changed_data else None,
            has_byline=posted_byline(self.data, self.instance),
            first_publish=self.instance.first_published_at is None,
        )
        if not warnings:
            return
        if self.data.get("_override") == self.workflow_move.name:
            self.overridden_warnings = warnings
            return
        self.prepublish_warnings = warnings
        self.add_error(
            None,
            ValidationError(
                [_("Check before publishing:")] + warnings + [_("Fix these, or press “%(button)s” to go ahead.") % {"button": self.override_label}],
                code="prepublish_check",
            ),
        )

    @property
    def override_label(self):
        if self.workflow_move == SCHEDULE:
            return _("Schedule anyway")
        return _("Publish anyway")
