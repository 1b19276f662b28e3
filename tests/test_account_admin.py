"""
The user and group admin for every role against every kind of account.

Nobody may change, re-password, deactivate or delete an account holding a
permission they lack (a superuser above all), nor grant a group or a
permission they lack. Each view is tried with a real POST and judged by
what is stored afterwards.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import make_user

User = get_user_model()

ACTORS = ["reporter", "editor", "chief", "superuser"]
# Account kinds, and which actors may manage them.
ACCOUNTS = {
    "superuser": {"superuser"},
    "inactive superuser": {"superuser"},
    "chief editor": {"chief", "superuser"},
    "editor": {"chief", "superuser"},
    "reporter": {"chief", "superuser"},
    "staff without role": {"chief", "superuser"},
    "account with a permission chiefs lack": {"superuser"},
    "self": {"chief", "superuser"},
}
VIEWS = ["change", "password", "delete", "bulk delete"]


def make_actor(kind):
    if kind == "superuser":
        return User.objects.create_superuser("actor", password="pw-actor")
    return make_user("actor", {"reporter": "Reporter", "editor": "Editor", "chief": "Chief editor"}[kind])


def make_account(kind, actor, n):
    name = f"account{n}"
    match kind:
        case "self":
            return actor
        case "superuser":
            return User.objects.create_superuser(name, password="pw-old")
        case "inactive superuser":
            return User.objects.create_superuser(name, password="pw-old", is_active=False)
        case "chief editor" | "editor" | "reporter":
            return make_user(name, kind.capitalize())
        case "staff without role":
            return make_user(name)
        case "account with a permission chiefs lack":
            account = make_user(name, "Reporter")
            account.user_permissions.add(Permission.objects.get(codename="change_group"))
            return account


def change_data(account, **overrides):
    data = {
        "username": account.username,
        "first_name": "Nama",
        "last_name": "Baru",
        "email": "baru@example.id",
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(pk) for pk in account.groups.values_list("pk", flat=True)],
        "date_joined_0": "2026-01-05",
        "date_joined_1": "08:00:00",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def attempt(client, view, account):
    """Try `view` on `account`; return whether it took effect, judged from the database."""
    pk = account.pk
    if view == "change":
        # Deactivating (or reactivating) is a change like any other.
        flipped = None if account.is_active else "on"
        client.post(reverse("admin:auth_user_change", args=[pk]), change_data(account, is_active=flipped))
        after = User.objects.get(pk=pk)
        return after.is_active != account.is_active or after.last_name == "Baru"
    if view == "password":
        url = reverse("admin:auth_user_password_change", args=[pk])
        client.post(url, {"usable_password": "true", "password1": "Ambil-alih-2026!", "password2": "Ambil-alih-2026!"})
        return User.objects.get(pk=pk).check_password("Ambil-alih-2026!")
    if view == "delete":
        client.post(reverse("admin:auth_user_delete", args=[pk]), {"post": "yes"})
    else:
        client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "delete_selected", "_selected_action": [str(pk)], "post": "yes"},
        )
    return not User.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("actor_kind", ACTORS)
def test_user_admin_views_for_every_role_and_account(client, db, actor_kind, view):
    actor = make_actor(actor_kind)
    for n, (kind, managers) in enumerate(ACCOUNTS.items()):
        if kind == "self" and view in ("delete", "bulk delete", "change"):
            # Run these last on the actor itself, on a fresh actor each time.
            continue
        client.force_login(actor)
        account = make_account(kind, actor, n)
        assert attempt(client, view, account) == (actor_kind in managers), (actor_kind, kind, view)


@pytest.mark.parametrize("view", ["change", "delete", "bulk delete"])
@pytest.mark.parametrize("actor_kind", ACTORS)
def test_own_account(client, db, actor_kind, view):
    actor = make_actor(actor_kind)
    client.force_login(actor)
    assert attempt(client, view, actor) == (actor_kind in ACCOUNTS["self"])


def test_unmanageable_account_is_shown_read_only(client, chief):
    boss = User.objects.create_superuser("boss", password="pw-old")
    client.force_login(chief)
    page = client.get(reverse("admin:auth_user_change", args=[boss.pk]))
    assert page.status_code == 200
    assert 'name="username"' not in page.text and 'name="is_active"' not in page.text
    assert client.get(reverse("admin:auth_user_password_change", args=[boss.pk])).status_code == 403
    assert client.get(reverse("admin:auth_user_delete", args=[boss.pk])).status_code == 403


def test_bulk_delete_with_one_stronger_account_deletes_none(client, chief):
    reporter = make_user("wartawan", "Reporter")
    boss = User.objects.create_superuser("boss", password="pw-old")
    client.force_login(chief)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [str(reporter.pk), str(boss.pk)], "post": "yes"},
    )
    assert response.status_code in (200, 403)
    assert User.objects.filter(pk__in=[reporter.pk, boss.pk]).count() == 2


def test_chief_grants_only_groups_whose_permissions_they_hold(client, chief):
    wide = Group.objects.create(name="Account admins")
    wide.permissions.add(Permission.objects.get(codename="change_group"))
    account = make_user("wartawan", "Reporter")
    client.force_login(chief)
    url = reverse("admin:auth_user_change", args=[account.pk])

    form = client.get(url).context["adminform"].form
    assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == {"Reporter", "Editor", "Chief editor"}

    response = client.post(url, change_data(account, groups=[str(wide.pk)]))
    assert response.status_code == 200
    assert "You can only grant groups" in response.text or "Anda hanya dapat" in response.text
    assert list(account.groups.values_list("name", flat=True)) == ["Reporter"]
    # The same form can raise an account to any role the chief holds.
    editor_group = Group.objects.get(name="Editor")
    assert client.post(url, change_data(account, groups=[str(editor_group.pk)])).status_code == 302
    assert list(account.groups.values_list("name", flat=True)) == ["Editor"]


def test_chief_cannot_grant_a_stronger_group_to_themselves(client, chief):
    wide = Group.objects.create(name="Account admins")
    wide.permissions.add(Permission.objects.get(codename="change_group"))
    client.force_login(chief)
    groups = [str(pk) for pk in chief.groups.values_list("pk", flat=True)] + [str(wide.pk)]
    client.post(reverse("admin:auth_user_change", args=[chief.pk]), change_data(chief, groups=groups))
    assert not chief.groups.filter(pk=wide.pk).exists()


def test_chief_cannot_make_superuser_or_grant_single_permissions(client, chief):
    account = make_user("wartawan", "Reporter")
    client.force_login(chief)
    publish = Permission.objects.get(codename="publish_article")
    response = client.post(
        reverse("admin:auth_user_change", args=[account.pk]),
        change_data(account, is_superuser="on", user_permissions=[str(publish.pk)]),
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert not account.is_superuser and not account.user_permissions.exists()


def group_data(group, permissions):
    return {"name": group.name, "permissions": [str(p.pk) for p in permissions]}


@pytest.fixture
def group_manager(db):
    """Staff who may edit groups but hold only a reporter's article permissions."""
    manager = make_user("pengelola", "Reporter")
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_group", "change_group", "delete_group"]))
    return manager


@pytest.mark.parametrize("actor_kind", ACTORS)
def test_group_edit_for_every_role(client, db, actor_kind):
    actor = make_actor(actor_kind)
    reporter_group = Group.objects.get(name="Reporter")
    publish = Permission.objects.get(codename="publish_article")
    client.force_login(actor)
    before = set(reporter_group.permissions.all())
    client.post(reverse("admin:auth_group_change", args=[reporter_group.pk]), group_data(reporter_group, [*before, publish]))
    assert reporter_group.permissions.filter(pk=publish.pk).exists() == (actor_kind == "superuser")


def test_group_manager_cannot_grant_what_they_lack(client, group_manager):
    reporter_group = Group.objects.get(name="Reporter")
    editor_group = Group.objects.get(name="Editor")
    publish = Permission.objects.get(codename="publish_article")
    client.force_login(group_manager)
    before = set(reporter_group.permissions.all())

    response = client.post(
        reverse("admin:auth_group_change", args=[reporter_group.pk]), group_data(reporter_group, [*before, publish])
    )
    assert response.status_code == 200
    assert "You can only grant permissions" in response.text or "Anda hanya dapat" in response.text
    assert set(reporter_group.permissions.all()) == before
    # A group holding more than the manager may be neither edited nor deleted.
    url = reverse("admin:auth_group_change", args=[editor_group.pk])
    assert client.post(url, group_data(editor_group, [])).status_code == 403
    assert client.post(reverse("admin:auth_group_delete", args=[editor_group.pk]), {"post": "yes"}).status_code == 403
    assert editor_group.permissions.exists()
