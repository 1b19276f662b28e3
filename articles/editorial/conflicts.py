"""
What a refused save shows: who saved what and when, the stored article
against the user's form field by field, and the form merged so that
nothing the user typed is lost.

The merge is three-way when the revision the user started from is known:
a field only the other person changed takes their value (so a stale form
does not silently undo their correction, nor re-publish a withdrawn
story); a field only the user changed keeps the user's value; a field both
changed keeps the user's value and is shown side by side for merging by
hand. Without that revision every differing field is shown, and status
and publish time follow the stored article: a stale form never changes
them by accident.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from .diffs import word_diff
from .history import base_snapshot, comparable, field_label, value_text

# Form fields a conflict compares, in reading order.
COMPARED = [
    "headline",
    "slug",
    "standfirst",
    "body",
    "section",
    "tags",
    "dateline",
    "lead_image",
    "related_articles",
    "status",
    "publish_at",
    "updated_substantively_at",
]
# Fields a stale form may never change unless the user changed them on purpose.
GUARDED = {"status", "publish_at"}
TEXT_FIELDS = {"headline", "standfirst", "body"}


@dataclass
class FieldDifference:
    name: str
    label: str
    theirs: str
    yours: str
    diff: str = ""


@dataclass
class Conflict:
    message: str
    current_version: int
    differences: list = field(default_factory=list)
    taken_over: list = field(default_factory=list)


def _stored_value(article, name):
    if name in ("tags", "related_articles"):
        return list(getattr(article, name).all())
    return getattr(article, name)


def _post_items(form, name, value):
    """The POST keys and values that make `form` show `value` in field `name`."""
    form_field = form.fields[name]
    key = form.add_prefix(name)
    if isinstance(form_field, forms.SplitDateTimeField):
        if value is None:
            return {f"{key}_0": [""], f"{key}_1": [""]}
        local = timezone.localtime(value)
        return {f"{key}_0": [local.strftime("%Y-%m-%d")], f"{key}_1": [local.strftime("%H:%M:%S.%f")]}
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return {key: [str(v.pk) for v in value]}
    if isinstance(form_field, forms.ModelChoiceField):
        return {key: [str(value.pk) if value is not None else ""]}
    if hasattr(value, "isoformat"):
        return {key: [timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")]}
    return {key: ["" if value is None else str(value)]}


def build_conflict(form, current, base_version, message):
    """Compare the user's form with the stored article; merge the form's data in place."""
    base = base_snapshot(current.pk, base_version)
    data = form.data.copy()
    conflict = Conflict(message=message, current_version=current.version)
    for name in COMPARED:
        if name not in form.fields:
            continue
        theirs_value = _stored_value(current, name)
        theirs = comparable(name, theirs_value)
        yours = comparable(name, form.cleaned_data.get(name)) if name in form.cleaned_data else None
        if yours == theirs:
            continue
        started = base.get(name) if base is not None else None
        user_changed = base is not None and yours != started
        they_changed = base is None or theirs != started
        if not they_changed:
            continue
        if not user_changed and (base is not None or name in GUARDED):
            for key, values in _post_items(form, name, theirs_value).items():
                data.setlist(key, values)
            conflict.taken_over.append(field_label(name))
            continue
        difference = FieldDifference(
            name=name,
            label=field_label(name),
            theirs=value_text(name, theirs_value),
            yours=value_text(name, form.cleaned_data.get(name)),
        )
        if name in TEXT_FIELDS:
            difference.diff = word_diff(difference.theirs, difference.yours)
        conflict.differences.append(difference)
    if base is not None:
        _note_inline_changes(conflict, current, base)
    data[form.add_prefix("base_version")] = str(current.version)
    form.data = data
    return conflict


def _note_inline_changes(conflict, current, base):
    """Byline and sources are kept as the user typed them; say when the other person changed them."""
    stored = {
        "byline": [[c.position, c.person_id, c.role] for c in current.contributions.all()],
        "sources": [[s.position, s.name, s.url] for s in current.sources.all()],
    }
    for name, value in stored.items():
        value = sorted(value)
        if comparable(name, value) != base.get(name):
            conflict.differences.append(
                FieldDifference(name=name, label=field_label(name), theirs=value_text(name, value), yours=_("as in your form below"))
            )
