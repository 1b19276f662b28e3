"""
Login lockouts in the admin: whoever may manage user accounts (the chief
editor) sees the locked user names and addresses and lifts a lock by
deleting it. Lifting is recorded in the audit log.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext as _

from articles import audit

MANAGE_ACCOUNTS = "auth.change_user"


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    # Form data is never shown: it may hold what someone typed by mistake.
    fieldsets = ((None, {"fields": ("username", "ip_address", "path_info", "failures_since_start", "attempt_time", "user_agent")}),)
    actions = ["delete_selected"]

    def has_module_permission(self, request):
        return request.user.has_perm(MANAGE_ACCOUNTS)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MANAGE_ACCOUNTS)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(MANAGE_ACCOUNTS)

    def delete_model(self, request, obj):
        self._record_lifted(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._record_lifted(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _record_lifted(self, request, attempts):
        for attempt in attempts:
            audit.record(
                "lockout_lifted",
                actor=request.user,
                object_repr=f"{attempt.username or '-'} @ {attempt.ip_address or '-'}",
                summary=_("Login lock lifted for user name “%(name)s”, address %(ip)s") % {"name": attempt.username, "ip": attempt.ip_address},
                request=request,
                details={"username": attempt.username, "ip_address": attempt.ip_address},
            )
