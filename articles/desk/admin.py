"""
The desk in the admin: the "Halaman depan" screen (the Placement list),
the placements inline in the article form, and the breaking-news bars.
Curating is an editor's job: it follows the right to publish.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin_input import HandMadeInputMixin
from articles.workflow.inlines import OptionalInlineFormSet

from . import records
from .models import BreakingNews, Placement
from .screen import front_page_screen


class EditorOnlyMixin:
    def _may_curate(self, request):
        return request.user.is_active and request.user.has_perm("articles.publish_article")

    def has_module_permission(self, request):
        return self._may_curate(request)

    def has_view_permission(self, request, obj=None):
        return self._may_curate(request)

    def has_add_permission(self, request, obj=None):
        return self._may_curate(request)

    def has_change_permission(self, request, obj=None):
        return self._may_curate(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_curate(request)


class PlacementInline(HandMadeInputMixin, EditorOnlyMixin, admin.TabularInline):
    """In the article form: this article as Headline, editor's pick or pinned in its section, with times."""

    model = Placement
    formset = OptionalInlineFormSet
    fields = ["slot", "position", "starts_at", "expires_at"]
    extra = 0
    verbose_name = _("front page placement")
    verbose_name_plural = _("front page and section placements")


class ArticlePlacementsMixin:
    """For ArticleAdmin: placements saved from the article form are stamped and go into the audit log."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Placement:
            return super().save_formset(request, form, formset, change)
        for placement in formset.save(commit=False):
            if placement.pk is None:
                placement.created_by = request.user
            placement.save()
            records.placement_changed(request, placement, "placed")
        for placement in formset.deleted_objects:
            records.placement_changed(request, placement, "removed")


@admin.register(Placement)
class PlacementAdmin(HandMadeInputMixin, EditorOnlyMixin, admin.ModelAdmin):
    list_display = ["article", "slot", "position", "starts_at", "expires_at"]
    autocomplete_fields = ["article"]
    fields = ["article", "slot", "position", "starts_at", "expires_at"]

    class Media:
        css = {"all": ["css/desk-admin.css"]}

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)
        return front_page_screen(self, request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        records.placement_changed(request, obj, "placed")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        records.placement_changed(request, obj, "removed")


@admin.register(BreakingNews)
class BreakingNewsAdmin(HandMadeInputMixin, EditorOnlyMixin, admin.ModelAdmin):
    list_display = ["text", "article_link", "starts_at", "expires_at"]
    autocomplete_fields = ["article"]
    fields = ["text", "article", "starts_at", "expires_at"]
    actions = ["clear"]

    @admin.display(description=_("article"))
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.article_id]), obj.article)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.action(description=_("Clear the selected bars now"))
    def clear(self, request, queryset):
        for bar in queryset:
            bar.clear()
            records.bar_changed(request, bar, "cleared")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        records.bar_changed(request, obj, "up")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        records.bar_changed(request, obj, "cleared")

    def delete_queryset(self, request, queryset):
        for bar in queryset.select_related("article"):
            self.delete_model(request, bar)
