"""
Bad input from anyone answers 4xx, never 500: NUL characters in any public
address, bodies in charsets Django cannot parse, oversized uploads, ids that
are not ids, a flood of declared forms, and Host headers not served here.
"""

import json
import logging
import re
from io import StringIO

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article, Tag
from tests.factories import make_article, make_person, make_section, make_tag
from tests.test_admin import article_form_data

NUL = "a%00b"


def public_routes(patterns=None, prefix=""):
    """Every public route, its converters filled with a NUL-bearing value."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(("admin/", "i18n/")):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + re.sub(r"<(?:\w+:)?\w+>", NUL, route)


def test_the_route_list_covers_the_site():
    routes = set(public_routes())
    assert {"/berita/a%00b/", "/topik/a%00b/rss/", "/sitemap-a%00b.xml", "/cari/", "/healthz"} <= routes


@pytest.mark.django_db
def test_nul_in_any_public_address_is_a_404_or_400(client):
    make_article("published", tags=[make_tag()], people=[make_person()])
    for route in public_routes():
        status = client.get(route).status_code
        assert status in (400, 404) if NUL in route else True, (route, status)
        for query in ["?q=a%00b", "?page=a%00b", "?tanggal=a%00b&rubrik=a%00b", "?a%00b=1", "?p=a%00b"]:
            status = client.get(route.replace(NUL, "x") + query).status_code
            assert status in (200, 301, 302, 400, 404), (route + query, status)
    assert client.get("/berita/a%00b/").status_code == 404
    # Query parameters go through the views' forms, which name the problem.
    assert 'class="form-errors"' in client.get("/cari/?q=a%00b").text


@pytest.mark.django_db
def test_nul_in_a_session_cookie_is_a_400(client):
    client.cookies["sessionid"] = "\x00" * 32
    assert client.get("/").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "latin-1"])
@pytest.mark.parametrize("url", ["/", "/berita/x/", "/admin/login/", "/i18n/setlang/"])
def test_anonymous_post_in_another_charset_is_a_400(url, charset):
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&username=x".encode(charset)
    response = client.generic("POST", url, body, content_type=f"application/x-www-form-urlencoded; charset={charset}")
    assert response.status_code in (400, 403, 405)
    if response.status_code == 400:
        assert "Permintaan tidak dapat dipahami" in response.text


@pytest.mark.django_db
def test_upload_larger_than_the_limit_is_refused_before_it_is_read(client, editor, settings):
    client.force_login(editor)
    # Declares 100 MB but sends a few bytes: reading it would fail loudly.
    response = client.generic(
        "POST",
        "/admin/media/image/add/",
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "terlalu besar" in response.text.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"section": "abc"},
        {"tags": ["abc"]},
        {"related_articles": ["abc", "1.5"]},
        {"lead_image": "abc"},
        {"contributions-TOTAL_FORMS": "1", "contributions-0-person": "abc", "contributions-0-role": "writer"},
    ],
    ids=["section", "tags", "related", "lead image", "byline person"],
)
def test_ids_that_are_not_ids_in_the_article_form(client, editor, fields):
    article = make_article("draft", created_by=editor)
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{article.pk}/change/", article_form_data(headline="Diubah", **fields))
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert Article.objects.get(pk=article.pk).headline == article.headline


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Article, Tag])
def test_action_on_ids_that_are_not_ids_changes_nothing(client, chief, model):
    make_tag() if model is Tag else make_article("draft")
    client.force_login(chief)
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    response = client.post(url, {"action": "delete_selected", "_selected_action": ["abc"], "post": "yes"})
    assert response.status_code == 302
    assert model.objects.count() == 1


@pytest.mark.django_db
def test_a_flood_of_declared_byline_forms_is_capped(client, editor):
    article = make_article("draft", created_by=editor)
    client.force_login(editor)
    data = article_form_data(headline=article.headline)
    data["contributions-TOTAL_FORMS"] = "100000"
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 200
    bylines = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "contributions")
    assert len(bylines.formset.forms) <= 50
    assert "errorlist" in response.text


@pytest.mark.django_db
def test_bad_host_logs_one_warning_line(client):
    # The console handler as settings.LOGGING configures it, writing to a buffer.
    console = logging.getLogger("django").handlers[0]
    previous = console.setStream(StringIO())
    try:
        assert client.get("/", HTTP_HOST="evil.example").status_code == 400
        lines = console.stream.getvalue().splitlines()
    finally:
        console.setStream(previous)
    assert len(lines) == 1, lines
    record = json.loads(lines[0])
    assert record["level"] == "WARNING" and record["logger"] == "django.security.DisallowedHost"
    assert "exception" not in record and "Traceback" not in lines[0]
