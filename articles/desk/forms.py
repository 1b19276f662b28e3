from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect

from .models import BreakingNews, Placement


def _use_autocomplete(form, model):
    """The admin's own autocomplete for the article field (published ones only, by the field's limit_choices_to)."""
    field = form.fields["article"]
    field.widget = AutocompleteSelect(model._meta.get_field("article"), admin.site)
    field.widget.choices = field.choices


class PlaceArticleForm(forms.ModelForm):
    """The "Halaman depan" screen's form: put a published (or scheduled) article in a slot."""

    class Meta:
        model = Placement
        fields = ["article", "slot", "starts_at", "expires_at"]
        field_classes = {"starts_at": forms.SplitDateTimeField, "expires_at": forms.SplitDateTimeField}
        widgets = {"starts_at": AdminSplitDateTime, "expires_at": AdminSplitDateTime}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="place", **kwargs)
        _use_autocomplete(self, Placement)


class BreakingNewsForm(forms.ModelForm):
    class Meta:
        model = BreakingNews
        fields = ["text", "article", "expires_at"]
        field_classes = {"expires_at": forms.SplitDateTimeField}
        widgets = {"expires_at": AdminSplitDateTime}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="breaking", **kwargs)
        _use_autocomplete(self, BreakingNews)
        self.fields["text"].widget.attrs["size"] = 60
