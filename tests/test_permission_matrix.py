"""
The permission matrix, generated from articles/roles.py (ACTIONS and
role_may): every role (anonymous, Reporter, Editor, Chief editor) tries
every action through HTTP, as a browser would (the admin page is fetched,
its form read, its real CSRF token sent back), and the outcome seen in the
database or the response is asserted against the matrix. The README prints
the same matrix (`manage.py setup_roles --matrix`); a test keeps it true.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.models import Article, Person, Section
from articles.roles import ACTIONS, ANONYMOUS, ROLES, permission_matrix_markdown, role_may
from tests.admin_forms import csrf_token, read_form
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db
ROLE_NAMES = [ANONYMOUS, *ROLES]


@pytest.fixture
def actor(request):
    role = request.param
    client = Client(enforce_csrf_checks=True)
    user = None
    if role != ANONYMOUS:
        user = make_user(f"user-{role.lower().replace(' ', '-')}", role)
        client.force_login(user)
    return role, user, client


def submit(client, path, changes, form_id=None):
    """GET the admin page, read its form, apply `changes`, POST it with the page's CSRF token."""
    page = client.get(path)
    if page.status_code != 200:
        return page
    html = page.content.decode()
    fields, _options = read_form(html, form_id)
    fields.update(changes)
    fields["csrfmiddlewaretoken"] = csrf_token(html)
    return client.post(path, fields)


def split_datetime(when):
    local = timezone.localtime(when)
    return {"publish_at_0": f"{local:%Y-%m-%d}", "publish_at_1": f"{local:%H:%M:%S}"}


def change_article(client, article, changes):
    """Change an article in its admin form; where the pre-publication check asks, press "Publish anyway"."""
    path = f"/admin/articles/article/{article.pk}/change/"
    response = submit(client, path, {"_save": "Simpan", **changes}, form_id="article_form")
    override = re.search(r'name="_override" value="([^"]+)"', response.content.decode()) if response.status_code == 200 else None
    if override:
        html = response.content.decode()
        fields, _options = read_form(html, "article_form")
        fields.update({"_save": "Simpan", **changes, "_override": override.group(1), "csrfmiddlewaretoken": csrf_token(html)})
        client.post(path, fields)
    article.refresh_from_db()
    return article


def do_view_draft(client, user):
    draft = make_article("draft", section=make_section())
    return client.get(draft.get_absolute_url()).status_code == 200


def do_edit_own(client, user):
    draft = make_article("draft", created_by=user)
    return change_article(client, draft, {"headline": "Judul diubah pemiliknya"}).headline == "Judul diubah pemiliknya"


def do_edit_others(client, user):
    other = make_user("other-reporter", "Reporter")
    draft = make_article("draft", created_by=other)
    return change_article(client, draft, {"headline": "Judul diubah orang lain"}).headline == "Judul diubah orang lain"


def do_submit(client, user):
    draft = make_article("draft", created_by=user, section=make_section())
    return change_article(client, draft, {"status": "review"}).status == Article.Status.REVIEW


def do_publish(client, user):
    draft = make_article("review", created_by=user, section=make_section())
    return change_article(client, draft, {"status": "published", **split_datetime(timezone.now())}).status == Article.Status.PUBLISHED


def do_schedule(client, user):
    draft = make_article("review", created_by=user, section=make_section())
    later = timezone.now() + timedelta(days=1)
    article = change_article(client, draft, {"status": "published", **split_datetime(later)})
    return article.status == Article.Status.PUBLISHED and article.publish_at > timezone.now()


def do_unpublish(client, user):
    live = make_article("published", created_by=user)
    return change_article(client, live, {"status": "unpublished"}).status == Article.Status.UNPUBLISHED


def do_take_down(client, user):
    live = make_article("published")
    page = client.get("/admin/press/takedown/add/")
    if page.status_code != 200:
        return False
    _fields, options = read_form(page.content.decode(), "takedown_form")
    reason = next(value for value in options["reason"] if value)
    submit(client, "/admin/press/takedown/add/", {"article": str(live.pk), "reason": reason, "statement": "Diturunkan atas perintah pengadilan.", "other_reason": "Perintah pengadilan"}, "takedown_form")
    return client.get(live.get_absolute_url()).status_code == 410 or Client().get(live.get_absolute_url()).status_code == 410


def do_delete(client, user):
    draft = make_article("draft", created_by=user)
    page = client.get(f"/admin/articles/article/{draft.pk}/delete/")
    if page.status_code == 200:
        client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes", "csrfmiddlewaretoken": csrf_token(page.content.decode())})
    return not Article.objects.filter(pk=draft.pk).exists()


def do_sections(client, user):
    submit(client, "/admin/articles/section/add/", {"name": "Rubrik Baru", "slug": "rubrik-baru", "_save": "Simpan"}, "section_form")
    return Section.objects.filter(slug="rubrik-baru").exists()


def do_people(client, user):
    submit(client, "/admin/articles/person/add/", {"name": "Penulis Baru Sekali", "slug": "penulis-baru-sekali", "_save": "Simpan"}, "person_form")
    return Person.objects.filter(name="Penulis Baru Sekali").exists()


def do_users(client, user):
    submit(client, "/admin/auth/user/add/", {"username": "akun-baru", "password1": "Gempa-Lombok-Pagi-Hari", "password2": "Gempa-Lombok-Pagi-Hari", "usable_password": "true", "_save": "Simpan"}, "user_form")
    return get_user_model().objects.filter(username="akun-baru").exists()


def do_roles(client, user):
    submit(client, "/admin/auth/group/add/", {"name": "Peran Baru", "_save": "Simpan"}, "group_form")
    return Group.objects.filter(name="Peran Baru").exists()


def do_audit_log(client, user):
    response = client.get("/admin/audit/auditentry/")
    return response.status_code == 200


def do_preview_links(client, user):
    """Make a shareable preview link with the button on its admin page, then open it as a stranger."""
    draft = make_article("draft", created_by=user, section=make_section())
    manage = f"/admin/articles/article/{draft.pk}/tautan-pratinjau/"
    page = client.get(manage)
    if page.status_code != 200:
        return False
    client.post(manage, {"do": "create", "csrfmiddlewaretoken": csrf_token(page.content.decode())})
    link = re.search(r'value="(https?://[^"]*/pratinjau/[^"]+)"', client.get(manage).content.decode())
    if link is None:
        return False
    from urllib.parse import urlsplit

    return Client().get(urlsplit(link.group(1)).path).status_code == 200


CASES = [(role, key) for role in ROLE_NAMES for key, _label, _permission in ACTIONS]


@pytest.mark.slow
@pytest.mark.parametrize("actor, action", CASES, indirect=["actor"], ids=[f"{r}-{k}" for r, k in CASES])
def test_every_role_and_action_over_http(actor, action):
    role, user, client = actor
    expected = role != ANONYMOUS and role_may(role, action)
    assert globals()[f"do_{action}"](client, user) is expected, f"{role} {'may' if expected else 'may not'} {action}"


def test_readme_prints_this_matrix():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert permission_matrix_markdown() in readme
