"""
Ids that are not ids, posted or typed by hand into the admins of the desk,
pictures, press duties (redirects and pages included), the audit log and
the workflow: each answer is a form error, a redirect or a refusal, never a
500 (issue 9). The article, account, section, tag and person admins have
theirs in tests/test_bad_input.py and tests/test_account_admin.py.
"""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import make_article, make_user
from tests.test_admin import article_form_data

# The admins defined in these subsystems, whatever app their models belong
# to (press registers the admins of contrib's redirects and flat pages,
# media the image library's).
SUBSYSTEMS = ("articles.desk", "articles.media", "articles.press", "articles.audit", "articles.workflow")
NOT_IDS = ["abc", "1.5", "٣", "1; DROP TABLE x"]
ADMINS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model, model_admin in admin.site._registry.items()
    if type(model_admin).__module__.startswith(SUBSYSTEMS)
)
# Their inlines on the article form with a field that takes an id: (prefix,
# that field, the row's other fields). Placements and editorial notes have none.
ARTICLE_INLINES = [
    ("verification", "follow_up", {"status": "unverified"}),
    ("reply_to", "original", {"respondent": "Pihak terkait"}),
]


def test_the_loops_reach_every_subsystem():
    # An admin registered later in one of these subsystems joins the loops below by itself.
    assert {label for label, _name in ADMINS} >= {"desk", "articles", "press", "audit", "redirects", "flatpages"}


@pytest.fixture
def boss(db):
    user = make_user("boss", is_superuser=True)
    return user


def url(label, name, view, *args):
    return reverse(f"admin:{label}_{name}_{view}", args=args)


def model_admin(label, name):
    return next(found for model, found in admin.site._registry.items() if (model._meta.app_label, model._meta.model_name) == (label, name))


def id_fields(label, name, user):
    """The names of the add form's fields that take ids, with an id that is not one for each."""
    request = RequestFactory().get("/")
    request.user = user
    found = model_admin(label, name)
    if not found.has_add_permission(request):
        return None
    form = found.get_form(request)
    data = {}
    for field_name, field in form.base_fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField):
            data[field_name] = NOT_IDS
        elif isinstance(field, forms.ModelChoiceField):
            data[field_name] = NOT_IDS[0]
    return data


@pytest.mark.parametrize("label, name", ADMINS, ids=[f"{label}.{name}" for label, name in ADMINS])
def test_a_change_page_for_an_id_that_is_not_one(client, boss, label, name):
    client.force_login(boss)
    for bad in NOT_IDS:
        for view in ("change", "delete", "history"):
            response = client.get(url(label, name, view, bad))
            assert response.status_code in (302, 403, 404), (view, bad, response.status_code)
        response = client.post(url(label, name, "change", bad), {"id": bad})
        assert response.status_code in (302, 403, 404), ("post", bad, response.status_code)


@pytest.mark.parametrize("label, name", ADMINS, ids=[f"{label}.{name}" for label, name in ADMINS])
def test_a_form_posted_with_ids_that_are_not_ids(client, boss, label, name):
    client.force_login(boss)
    data = id_fields(label, name, boss)
    if data is None:
        response = client.post(url(label, name, "add"), {"id": "abc"})
        assert response.status_code == 403
        return
    response = client.post(url(label, name, "add"), data)
    assert response.status_code == 200, response.status_code
    assert "errorlist" in response.text
    assert model_admin(label, name).model._default_manager.count() == 0


@pytest.mark.parametrize("label, name", ADMINS, ids=[f"{label}.{name}" for label, name in ADMINS])
def test_an_action_on_rows_that_are_not_ids(client, boss, label, name):
    client.force_login(boss)
    response = client.post(
        url(label, name, "changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: NOT_IDS, "post": "yes"},
    )
    assert response.status_code in (200, 302, 403), response.status_code


@pytest.mark.parametrize("prefix, field, others", ARTICLE_INLINES, ids=[prefix for prefix, _f, _o in ARTICLE_INLINES])
def test_the_article_forms_inlines_with_ids_that_are_not_ids(client, boss, prefix, field, others):
    article = make_article("draft", headline="Judul asli")
    client.force_login(boss)
    data = article_form_data(headline="Diubah")
    data[f"{prefix}-TOTAL_FORMS"] = "1"
    data.update({f"{prefix}-0-{name}": value for name, value in others.items()})
    data[f"{prefix}-0-{field}"] = NOT_IDS[0]
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200, response.status_code
    assert "errorlist" in response.text
    article.refresh_from_db()
    assert article.headline == "Judul asli"
