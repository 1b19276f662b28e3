"""
The audit log in the admin: the chief editor browses and filters it; nobody,
superusers included, adds, changes or deletes an entry here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..admin_input import HandMadeInputMixin
from .models import Action, AuditEntry


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return Action.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action=self.value())
        return queryset


class ActorFilter(admin.SimpleListFilter):
    """People who appear in the log, by the name recorded with their entries."""

    title = _("person")
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        rows = AuditEntry.objects.exclude(actor=None).values_list("actor_id", "actor_name").order_by("actor_name").distinct()
        seen = {}
        for pk, name in rows:
            seen.setdefault(pk, name)
        return [(str(pk), name) for pk, name in seen.items()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(actor_id=self.value())
        return queryset


class KindFilter(admin.SimpleListFilter):
    """Kinds of object the log has entries about (articles, accounts, ...), not every model there is."""

    title = _("kind of object")
    parameter_name = "content_type__id__exact"

    def lookups(self, request, model_admin):
        from django.contrib.contenttypes.models import ContentType

        used = AuditEntry.objects.exclude(content_type=None).values_list("content_type_id", flat=True).distinct()
        kinds = ContentType.objects.filter(pk__in=list(used))
        return sorted(((str(kind.pk), str(kind.model_class()._meta.verbose_name_plural).capitalize() if kind.model_class() else kind.model) for kind in kinds), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(content_type_id=self.value())
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(HandMadeInputMixin, admin.ModelAdmin):
    list_display = ["at", "actor_name", "action_display", "object_repr", "summary", "request_id"]
    list_filter = [ActionFilter, ActorFilter, KindFilter, "at"]
    search_fields = ["object_repr", "summary", "actor_name", "request_id", "=object_id"]
    date_hierarchy = "at"
    list_per_page = 100
    readonly_fields = [
        "at",
        "action_display",
        "actor_name",
        "content_type",
        "object_id",
        "object_repr",
        "summary",
        "details",
        "request_id",
        "ip_address",
    ]
    fields = readonly_fields
    actions = None
    # No add, change or delete screens for anyone (tests/admin_screens.py skips them).
    append_only = True

    @admin.display(description=_("action"), ordering="action")
    def action_display(self, obj):
        return obj.action_label

    def lookup_allowed(self, lookup, value, request=None):
        # The article history links here filtered to one object.
        if lookup in ("object_id", "object_id__exact", "content_type__id__exact"):
            return True
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
