"""
The rule that keeps account management from raising anyone's powers.

An acting user may manage an account (change it, set its password,
deactivate or delete it) only when the account holds no permission the actor
lacks; a superuser account only a superuser may manage. A group may be
granted, or a group's permissions edited, only by someone who holds every
permission in it. Superusers may do anything.

Permissions are read from the account's groups and its own grants directly,
not through the authentication backend, which reports none for an inactive
account: reactivating it would hand them back.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q


def permission_names(permissions):
    """'app_label.codename' for each permission in a queryset."""
    return {f"{app}.{codename}" for app, codename in permissions.values_list("content_type__app_label", "codename")}


def held_permissions(user):
    """Every permission the actor currently holds, as 'app_label.codename'."""
    return set(user.get_all_permissions())


def account_permissions(account):
    """Every permission an account has through its groups or directly, active or not."""
    return permission_names(Permission.objects.filter(Q(user=account) | Q(group__user=account)).distinct())


def may_manage_account(actor, account):
    """Whether `actor` may change, re-password, deactivate or delete `account`."""
    if actor.is_superuser:
        return True
    if account.is_superuser:
        return False
    return account_permissions(account) <= held_permissions(actor)


def grantable_groups(actor, groups):
    """The groups among `groups` whose every permission `actor` holds."""
    if actor.is_superuser:
        return groups
    held = held_permissions(actor)
    allowed = [group.pk for group in groups if group_permissions(group) <= held]
    return groups.filter(pk__in=allowed)


def group_permissions(group):
    """A group's permissions as 'app_label.codename'."""
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def may_manage_group(actor, group):
    """Whether `actor` may edit or delete `group` (it must give nothing the actor lacks)."""
    return actor.is_superuser or group_permissions(group) <= held_permissions(actor)
