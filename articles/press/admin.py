from django import forms
from django.contrib import admin
from django.contrib.redirects.admin import RedirectAdmin as ContribRedirectAdmin
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import redirects


class RedirectForm(forms.ModelForm):
    """Hand-made redirects obey the same rules as automatic ones: no loops, no chains."""

    class Meta:
        model = Redirect
        fields = ["site", "old_path", "new_path"]

    def clean(self):
        cleaned = super().clean()
        old_path, new_path = cleaned.get("old_path"), cleaned.get("new_path")
        if not old_path:
            return cleaned
        try:
            cleaned["old_path"] = redirects.normalize_path(old_path)
            if new_path:
                cleaned["new_path"] = redirects.normalize_path(new_path)
                if redirects.final_target(cleaned["new_path"]) == cleaned["old_path"]:
                    raise ValidationError(
                        _("This redirect would lead back to itself."), code="redirect_loop"
                    )
        except ValidationError as error:
            raise ValidationError({"new_path" if error.code == "redirect_loop" else "old_path": error})
        return cleaned


admin.site.unregister(Redirect)


@admin.register(Redirect)
class RedirectAdmin(ContribRedirectAdmin):
    form = RedirectForm

    def save_model(self, request, obj, form, change):
        if obj.new_path:
            if change and form.initial.get("old_path") not in (None, obj.old_path):
                Redirect.objects.filter(pk=obj.pk).delete()
            saved = redirects.add_redirect(obj.old_path, obj.new_path)
            obj.pk = saved.pk
        else:
            # An empty target means "gone" (410), as in contrib.redirects.
            super().save_model(request, obj, form, change)
