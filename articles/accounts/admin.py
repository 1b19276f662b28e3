"""
The user and group admin, limited by accounts.rules.

Django's own UserAdmin lets anyone with "change user" set any account's
password, which made a chief editor able to take over a superuser. Here
every view that acts on one account (change, password, delete, the bulk
delete action) asks may_manage_account(); accounts the actor may not manage
stay visible, read-only. Groups can only be granted, and group permissions
only edited, by someone holding all of them.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ..admin_input import HandMadeInputMixin
from . import rules

User = get_user_model()

GROUP_NOT_GRANTABLE = _("You can only grant groups whose every permission you hold yourself.")
PERMISSION_NOT_GRANTABLE = _("You can only grant permissions you hold yourself.")


def limit_choices(form, field_name, queryset, message):
    """Offer only `queryset` in a many-to-many field; a posted other id fails with `message`."""
    field = form.base_fields.get(field_name)
    if field is not None:
        field.queryset = queryset
        field.error_messages = {**field.error_messages, "invalid_choice": message}


class NewsroomUserAdmin(HandMadeInputMixin, UserAdmin):
    """Chief editors manage accounts no stronger than their own; only a superuser makes superusers."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        limit_choices(form, "groups", rules.grantable_groups(request.user, Group.objects.all()), GROUP_NOT_GRANTABLE)
        return form

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.may_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.may_manage_account(request.user, obj))

    def delete_queryset(self, request, queryset):
        # The bulk action already lists such accounts as lacking permission;
        # this keeps the rule should another path call it.
        if not all(rules.may_manage_account(request.user, account) for account in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class NewsroomGroupAdmin(HandMadeInputMixin, GroupAdmin):
    """Groups editable only by someone who holds every permission in them."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser:
            held = rules.held_permissions(request.user)
            ids = [
                pk
                for pk, app, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
                if f"{app}.{codename}" in held
            ]
            permissions = Permission.objects.filter(pk__in=ids).select_related("content_type")
            limit_choices(form, "permissions", permissions, PERMISSION_NOT_GRANTABLE)
        return form

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.may_manage_group(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.may_manage_group(request.user, obj))


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, NewsroomGroupAdmin)
from . import lockouts  # noqa: E402,F401  (registers the lockout admin)
from . import devices  # noqa: E402,F401  (two-factor devices, after django-otp's admins)
