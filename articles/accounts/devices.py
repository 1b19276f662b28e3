"""
Two-factor devices in the admin, for the person who resets a colleague's
second step after a lost phone: whoever may manage that account (the chief
editor, accounts.rules) sees who has an authenticator and removes it; the
user then sets up a new one at the next login. Secrets and recovery codes
are never shown, and nobody adds or edits a device here. django-otp's own
device admins (which can show a secret's QR code) are replaced.
"""

from django.contrib import admin
from django.utils.translation import gettext as _, gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import audit

from . import rules, twofactor

MANAGE_ACCOUNTS = "auth.change_user"

# Imported first so their registrations happen before they are replaced,
# whichever admin module Django's autodiscovery reaches first.
import django_otp.plugins.otp_static.admin  # noqa: E402,F401
import django_otp.plugins.otp_totp.admin  # noqa: E402,F401

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "confirmed", "created_at", "last_used_at", "recovery_codes_left"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = ["user", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    list_select_related = ["user"]
    actions = ["delete_selected"]

    @admin.display(description=gettext_lazy("recovery codes left"))
    def recovery_codes_left(self, device):
        return twofactor.recovery_codes_left(device.user)

    def has_module_permission(self, request):
        return request.user.has_perm(MANAGE_ACCOUNTS)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MANAGE_ACCOUNTS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if not request.user.has_perm(MANAGE_ACCOUNTS):
            return False
        return obj is None or rules.may_manage_account(request.user, obj.user)

    def delete_model(self, request, obj):
        self._reset(request, [obj])

    def delete_queryset(self, request, queryset):
        devices = list(queryset.select_related("user"))
        if all(rules.may_manage_account(request.user, device.user) for device in devices):
            self._reset(request, devices)

    def _reset(self, request, devices):
        for device in devices:
            twofactor.remove_all(device.user)
            audit.record(
                "two_factor_reset", obj=device.user, request=request,
                summary=_("Two-factor authentication reset; a new authenticator is needed at the next login"),
            )
