"""Form pieces for version-checked editing, mixed into the article admin form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .conflicts import build_conflict


class VersionedFormMixin:
    """
    Adds the hidden `base_version` (the version the form was opened at) and
    refuses a save based on an older one with a form that says who changed
    what, keeping everything the user typed (articles/editorial/conflicts.py).
    The database makes the final check in Article.save(); this one gives the
    merged form in the common case.
    """

    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["base_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=self.instance.version)

    def based_on(self):
        """The version this form's save is based on."""
        return self.cleaned_data.get("base_version")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        base = cleaned.get("base_version")
        if base is None:
            self.add_error(None, forms.ValidationError(_("This form is missing the version it was opened at; reload the page."), code="no_version"))
        elif base != self.instance.version:
            from .versioning import StaleArticle

            refusal = StaleArticle(self.instance.pk, base)
            self.conflict = build_conflict(self, self.instance, base, refusal.messages[0])
            self.add_error(None, forms.ValidationError(refusal.messages[0], code="stale"))
        return cleaned


class WithdrawForm(forms.Form):
    """“Tarik”: the reason is required and goes into the audit log."""

    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log, e.g. “legal request from the source's lawyer”."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that readers will no longer see these articles at their address."),
        required=True,
    )
