from django import forms
from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.admin import RedirectAdmin as ContribRedirectAdmin
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.admin_input import HandMadeInputMixin
from articles.sanitize import clean_body_html

from . import redirects
from .actions import take_down
from .models import Takedown


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
class RedirectAdmin(HandMadeInputMixin, ContribRedirectAdmin):
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


# --- Flat pages -------------------------------------------------------------


class CleanFlatpageForm(FlatpageForm):
    """Editors write page HTML; it is cleaned against the article body allow-list, like article bodies."""

    def clean_content(self):
        return clean_body_html(self.cleaned_data["content"])


admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class PageAdmin(HandMadeInputMixin, FlatPageAdmin):
    form = CleanFlatpageForm

    def get_changeform_initial_data(self, request):
        # One site: the page belongs to it unless the editor says otherwise.
        return {"sites": [redirects.current_site().pk], **super().get_changeform_initial_data(request)}


# --- Takedowns --------------------------------------------------------------


class TakedownForm(forms.ModelForm):
    class Meta:
        model = Takedown
        fields = ["article", "reason", "other_reason", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 4}), "other_reason": forms.Textarea(attrs={"rows": 2})}

    def clean_article(self):
        article = self.cleaned_data["article"]
        if article.first_published_at is None or article.first_published_at > timezone.now():
            raise ValidationError(_("Only a story readers have seen can be taken down; withdraw it instead."), code="never_published")
        return article


@admin.register(Takedown)
class TakedownAdmin(HandMadeInputMixin, admin.ModelAdmin):
    """
    Takedowns are made here, by the chief editor only, and never changed or
    deleted afterwards: they are the public record of point 5.
    """

    form = TakedownForm
    list_display = ["headline", "reason", "taken_down_at", "taken_down_by"]
    list_filter = ["reason"]
    search_fields = ["headline", "statement"]
    date_hierarchy = "taken_down_at"
    autocomplete_fields = ["article"]
    readonly_fields = ["headline", "taken_down_at", "taken_down_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = take_down(
            data["article"],
            request.user,
            reason=data["reason"],
            other_reason=data.get("other_reason", ""),
            statement=data["statement"],
            request=request,
        )
        obj.pk, obj.headline, obj.taken_down_at = saved.pk, saved.headline, saved.taken_down_at
