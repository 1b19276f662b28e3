"""The reader's search form: the words, and the section and date filters."""

from datetime import date
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from ..models import Section
from .query import parse_query
from .results import MAX_QUERY_LENGTH, search

# Dates outside these years are typing mistakes; they would also overflow
# the conversion to UTC at the ends of the calendar.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
DATE_OUT_OF_RANGE = _("Choose a date between 1900 and 2999.")
DATE_RANGE = [
    MinValueValidator(EARLIEST_DATE, message=DATE_OUT_OF_RANGE),
    MaxValueValidator(LATEST_DATE, message=DATE_OUT_OF_RANGE),
]


def shorten(text, limit=MAX_QUERY_LENGTH):
    """`text` cut to `limit` characters, at a space when there is one near the end."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


class SectionChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("There is no such section; choose one from the list.")}

    def to_python(self, value):
        # A slug never contains NUL, and PostgreSQL rejects it in a query.
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False)
    rubrik = SectionChoiceField(
        label=_("Section"), queryset=Section.objects.all(), to_field_name="slug", required=False, empty_label=_("All sections")
    )
    dari = forms.DateField(label=_("Published from"), required=False, widget=DateInput(), validators=DATE_RANGE)
    sampai = forms.DateField(label=_("Published until"), required=False, widget=DateInput(), validators=DATE_RANGE)

    max_query_length = MAX_QUERY_LENGTH
    shortened = False
    label_suffix = ""

    def clean_q(self):
        text = " ".join(self.cleaned_data["q"].split())
        self.shortened = len(text) > MAX_QUERY_LENGTH
        return shorten(text)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if start and end and start > end:
            raise ValidationError(_("The start date is after the end date."), code="date_order")
        return cleaned

    @cached_property
    def query(self):
        """The parsed words, or None when the form has nothing to search."""
        if not self.is_valid() or not self.cleaned_data["q"]:
            return None
        return parse_query(self.cleaned_data["q"])

    @property
    def has_filters(self):
        return self.is_valid() and any(self.cleaned_data[name] for name in ("rubrik", "dari", "sampai"))

    def results(self):
        """The ranked results (an empty list when there is nothing to search for)."""
        query = self.query
        if not query:
            return []
        return search(
            query,
            section=self.cleaned_data["rubrik"],
            published_from=self.cleaned_data["dari"],
            published_until=self.cleaned_data["sampai"],
        )
