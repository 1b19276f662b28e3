"""
The article admin's editorial safety, as a mixin ArticleAdmin inherits:
version-checked saves and list actions, revisions per request, the refused
save page, the history and its views (articles/editorial/views.py).
"""

from contextvars import ContextVar

import reversion
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from . import presence, views
from .models import RevisionInfo
from .decisions import record_deletion, record_refusal, record_save
from .versioning import StaleArticle, posted_version, saved_by_line

# A save that lost the race after its form was checked is checked again:
# the second pass finds the newer version and shows the merged form.
RETRIES = 3

# Who has the rows of the list page being built open (set per request).
_page_presence = ContextVar("editorial_page_presence", default={})


class EditorialAdminMixin:
    change_form_template = "editorial/change_form.html"
    delete_confirmation_template = "editorial/delete_confirmation.html"
    delete_selected_confirmation_template = "editorial/delete_selected_confirmation.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        own = [
            path("<path:object_id>/bandingkan/", wrap(views.CompareView.as_view(model_admin=self)), name="articles_article_compare"),
            path("<path:object_id>/pulihkan/<int:revision>/", wrap(views.RestoreView.as_view(model_admin=self)), name="articles_article_restore"),
            path("<path:object_id>/tarik/", wrap(views.WithdrawView.as_view(model_admin=self)), name="articles_article_withdraw"),
            path("<path:object_id>/pratinjau/", wrap(views.UnsavedPreviewView.as_view(model_admin=self)), name="articles_article_unsaved_preview"),
            path("<path:object_id>/kehadiran/", wrap(views.PresenceView.as_view(model_admin=self)), name="articles_article_presence"),
            path("<path:object_id>/tautan-pratinjau/", wrap(views.PreviewLinkView.as_view(model_admin=self)), name="articles_article_preview_link"),
            path("terhapus/", wrap(views.DeletedArticlesView.as_view(model_admin=self)), name="articles_article_deleted"),
        ]
        return own + super().get_urls()

    # --- The change form -----------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is not None and "_saveasnew" not in request.POST:
            refused = self._refuse_left_hands(request, object_id)
            if refused is not None:
                return refused
        for _attempt in range(RETRIES):
            try:
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    response = super().changeform_view(request, object_id, form_url, extra_context)
            except StaleArticle:
                continue
            return self._mark_conflict(request, response)
        raise PermissionDenied(_("This article is being saved by others right now; try again."))

    def _mark_conflict(self, request, response):
        form = getattr(response, "context_data", {}).get("adminform")
        conflict = getattr(getattr(form, "form", None), "conflict", None)
        if conflict is not None:
            response.status_code = 409
            with transaction.atomic():
                record_refusal(request, form.form.instance, conflict.message)
        return response

    def _refuse_left_hands(self, request, object_id):
        """
        A reporter saving an article that has left their hands (submitted,
        published): their text comes back with the reason, not a 403.
        """
        if not request.user.has_perm("articles.change_article"):
            return None
        obj = self.get_object(request, object_id)
        if obj is None:
            if not str(object_id).isdigit() or not RevisionInfo.objects.filter(article_id=object_id).exists():
                return None
            reason = _("This article was deleted after you opened it.")
        elif self.has_change_permission(request, obj) or not self.has_view_permission(request, obj):
            return None
        else:
            reason = _("This article is now “%(state)s” and only editors can change it. %(line)s.") % {
                "state": obj.state_label,
                "line": saved_by_line(obj),
            }
        fields = ["headline", "standfirst", "body", "dateline"]
        typed = [(views.field_label(name), request.POST.get(name, "")) for name in fields]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Your changes were not saved"),
            "opts": self.opts,
            "original": obj,
            "typed": typed,
            "reason": reason,
        }
        if obj is not None:
            with transaction.atomic():
                record_refusal(request, obj, reason)
        return TemplateResponse(request, "editorial/refused.html", context, status=409)

    def save_model(self, request, obj, form, change):
        based_on = form.based_on() if change else None
        old_status = form.initial.get("status") if change else None
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        # Indexed once, in save_related(), when tags and byline are saved too.
        obj.save(reindex=False, base_version=based_on)
        record_save(request, obj, not change, old_status, form.changed_data)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            from articles.audit.log import actor_label

            if request.method == "GET":
                presence.ping(obj.pk, request.user, actor_label(request.user))
            context["presence_lines"] = views.presence_lines(presence.present(obj.pk, exclude_user=request.user))
            context["presence_ping_seconds"] = presence.PING_SECONDS
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def history_view(self, request, object_id, extra_context=None):
        return views.HistoryView.as_view(model_admin=self)(request, object_id=object_id)

    # --- The list ------------------------------------------------------------

    def get_list_display(self, request):
        return [*super().get_list_display(request), "open_now"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Who has which row open, for the whole page in two cache calls.
        _page_presence.set(presence.present_on_many([a.pk for a in changelist.result_list], exclude_user=request.user))
        return changelist

    @admin.display(description=gettext_lazy("open now"))
    def open_now(self, obj):
        people = _page_presence.get().get(obj.pk)
        if not people:
            return ""
        return format_html('<span class="editorial-open-now">{}</span>', "; ".join(views.presence_lines(people)))

    def action_checkbox(self, obj):
        # The version each row showed travels with the selection, so an
        # action is refused for an article changed since the list loaded.
        return super().action_checkbox(obj) + format_html('<input type="hidden" name="_version_{}" value="{}">', obj.pk, obj.version)


    def apply_versioned(self, request, queryset, move, done_message):
        """
        Run `move(article, base_version)` for each selected article in its
        own transaction, with the version the list showed for it; a refusal
        (role, rule or a newer version) is reported and the others go on.
        """
        moved = 0
        for article in queryset:
            base = posted_version(request.POST, article.pk)
            try:
                if base is None:
                    raise ValidationError(_("Reload the list: it does not say which version you saw."), code="no_version")
                with transaction.atomic():
                    move(article, base)
            except (PermissionDenied, ValidationError) as exc:
                reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"“{article.headline}”: {reason}", messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(request, done_message(moved), messages.SUCCESS)
        return moved

    def with_posted_versions(self, request, queryset):
        """The selected articles, each with the version the list showed (for pages in between)."""
        articles = list(queryset)
        for article in articles:
            article.posted_version = posted_version(request.POST, article.pk)
        return articles

    def withdraw_selected(self, request, queryset):
        """“Tarik”: confirm, give a reason, then withdraw each article (version-checked)."""
        from .forms import WithdrawForm

        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self.apply_versioned(
                request,
                queryset,
                lambda a, base: a.unpublish(request.user, base, reason=reason),
                lambda n: ngettext("%d article withdrawn.", "%d articles withdrawn.", n) % n,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw articles"),
            "opts": self.opts,
            "form": form,
            "articles": self.with_posted_versions(request, queryset),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action": "unpublish",
        }
        return TemplateResponse(request, "editorial/withdraw.html", context)

    # --- Deleting ------------------------------------------------------------

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        if obj.first_published_at and not request.user.has_perm("editorial.delete_published_article"):
            # Readers may have it bookmarked: editors withdraw ("Tarik") instead.
            return False
        return True

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Deleting is the last choice in the menu, never the first.
        if "delete_selected" in actions:
            actions["delete_selected"] = actions.pop("delete_selected")
        return actions

    def delete_queryset(self, request, queryset):
        refused = [a for a in queryset if not self.has_delete_permission(request, a)]
        if refused:
            raise PermissionDenied(_("Only the chief editor can delete an article that was ever published; withdraw it instead."))
        for article in queryset:
            self.delete_model(request, article)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_deletion(request, obj)
            obj.delete()
