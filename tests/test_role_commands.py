"""setup_roles and load_demo: safe to run blind, twice, and refused where they must be."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from articles.models import Article, Section


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def perms(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


@pytest.mark.django_db(transaction=True)
def test_the_roles_come_back_after_a_flush():
    # A flush empties every table (manage.py flush, transactional tests); the
    # roles are remade with Django's own rows, on the post_migrate signal.
    Group.objects.all().delete()
    call_command("flush", interactive=False, verbosity=0)
    assert {"publish_article", "edit_others_article"} <= perms("Editor")
    assert "publish_article" not in perms("Reporter")


def test_migration_created_the_three_roles(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Reporter", "Editor", "Chief editor"}
    assert "publish_article" not in perms("Reporter")
    assert {"publish_article", "edit_others_article", "add_tag"} <= perms("Editor")
    assert "add_section" not in perms("Editor")
    assert {"publish_article", "add_section", "add_person", "change_user"} <= perms("Chief editor")


def test_setup_roles_repairs_hand_edited_groups_and_is_idempotent(db):
    reporter = Group.objects.get(name="Reporter")
    reporter.permissions.add(Permission.objects.get(codename="publish_article"))
    Group.objects.get(name="Editor").delete()

    assert "Updated 2 of 3 roles" in run("setup_roles")
    assert "publish_article" not in perms("Reporter")
    assert "publish_article" in perms("Editor")
    assert "All 3 roles are up to date." in run("setup_roles")


def test_setup_roles_dry_run_writes_nothing(db):
    Group.objects.get(name="Editor").permissions.clear()
    assert "Would update 1 of 3 roles: Editor" in run("setup_roles", "--dry-run")
    assert perms("Editor") == set()


def test_load_demo_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Article.objects.exists()


def test_load_demo_fills_the_site_once(db, settings):
    settings.DEBUG = True
    output = run("load_demo")
    assert "reporter" in output and "editor" in output and "pemred" in output
    published = Article.objects.published().count()
    assert published >= 30
    assert Article.objects.drafts().exists()
    assert Article.objects.in_review().exists()
    assert Article.objects.scheduled().count() == 1
    assert Section.objects.filter(name__in=["Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi"]).count() == 5
    users = get_user_model().objects.filter(username__in=["reporter", "editor", "pemred"])
    assert {u.groups.get().name for u in users} == {"Reporter", "Editor", "Chief editor"}
    assert all(u.check_password("wartakum-demo") for u in users)

    # The front page shows an editor's Headline and picks, not only the newest stories.
    from articles.desk.models import Placement

    assert Placement.objects.filter(slot="headline").count() == 1 and Placement.objects.filter(slot="pick").count() == 2
    total = Article.objects.count()
    assert "already loaded" in run("load_demo")
    assert Placement.objects.count() == 3
    assert Article.objects.count() == total


def test_load_demo_force_and_dry_run(db, settings):
    settings.DEBUG = False
    output = run("load_demo", "--force", "--dry-run")
    assert "Would create" in output
    assert not Article.objects.exists()


def test_demo_reporter_can_log_in_and_edit_own_draft(client, db, settings):
    settings.DEBUG = True
    run("load_demo")
    assert client.login(username="reporter", password="wartakum-demo")
    # Their own draft (the demo also has a withdrawn, taken-down story, not theirs).
    draft = Article.objects.drafts().filter(created_by__username="reporter").first()
    response = client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert response.status_code == 200
    assert 'name="headline"' in response.text
