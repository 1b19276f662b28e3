"""
Admin pieces that keep hand-made input from turning into a 500.

A form posted by hand with "abc" where an id belongs is refused by the
form's own validation, but Django's autocomplete widget then looks the
posted value up again to redraw the form, and the database refuses "abc"
for an integer column. The same happens to an admin action run on
"selected" rows whose ids are not ids. HandMadeInputMixin gives a ModelAdmin
or inline autocomplete widgets that skip values their field cannot hold,
and refuses such a selection with Django's own "Items must be selected"
message. It also caps every inline formset at MAX_INLINE_FORMS: Django
builds as many forms as a POST declares up to 2,000, and a declared 100,000
bylines kept a worker busy for half a minute.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_INLINE_FORMS = 50


def acceptable(field, values):
    """The values among `values` that `field` (a model field) can hold."""
    kept = []
    for value in values:
        try:
            field.to_python(value)
        except ValidationError:
            continue
        kept.append(value)
    return kept


class TolerantAutocompleteMixin:
    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta
        to_field = target.get_field(getattr(self.field.remote_field, "field_name", target.pk.attname))
        return super().optgroups(name, acceptable(to_field, value), attr)


class TolerantAutocompleteSelect(TolerantAutocompleteMixin, AutocompleteSelect):
    pass


class TolerantAutocompleteSelectMultiple(TolerantAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class HandMadeInputMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_formsets_with_inlines(self, request, obj=None):
        for inline in self.get_inline_instances(request, obj):
            cap = min(inline.get_max_num(request, obj) or MAX_INLINE_FORMS, MAX_INLINE_FORMS)
            yield inline.get_formset(request, obj, max_num=cap, absolute_max=cap), inline

    def response_action(self, request, queryset, *args, **kwargs):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if len(acceptable(self.model._meta.pk, selected)) != len(selected):
            # Django's own wording, already in its Indonesian catalogue.
            self.message_user(
                request,
                _("Items must be selected in order to perform actions on them. No items have been changed."),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset, *args, **kwargs)
