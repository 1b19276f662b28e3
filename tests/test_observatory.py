"""
Our headers graded by the Mozilla Observatory's rules (tests/observatory.py):
A+ on reader pages, the admin login and a logged-in admin page, with the
settings an https SITE_URL produces in production (read from a real
production-like start, then applied here).
"""

import json

import pytest

from tests.factories import make_article, make_user
from tests.observatory import grade, grade_csp, parse_csp
from tests.test_settings import PRODUCTION_LIKE, manage

HOST = "news.example.id"
DERIVED = [
    "SECURE_CSP", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "SESSION_COOKIE_HTTPONLY", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_CONTENT_TYPE_NOSNIFF", "ALLOWED_HOSTS",
]


@pytest.fixture(scope="module")
def production_settings():
    script = "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n) for n in %r}))" % DERIVED
    result = manage("shell", "-c", script, **PRODUCTION_LIKE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production(settings, production_settings):
    for name, value in production_settings.items():
        setattr(settings, name, value)
    settings.SITE_URL = f"https://{HOST}"
    return settings


def graded(client, path, **extra):
    response = client.get(path, secure=True, headers={"host": HOST}, **extra)
    assert response.status_code == 200, (path, response.status_code)
    redirect = client.get(path, secure=False, headers={"host": HOST})
    return response, grade(
        response.headers, response.content.decode(), response.cookies,
        https=True, host=HOST, http_redirect_location=redirect.headers.get("Location") if redirect.status_code in (301, 302) else None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "article", "search", "admin login"])
def test_public_pages_get_an_a_plus(client, production, kind):
    article = make_article(headline="Banjir Rob Rendam Pesisir")
    path = {"home": "/", "article": article.get_absolute_url(), "search": "/cari/?q=banjir", "admin login": "/admin/login/"}[kind]
    response, report = graded(client, path)
    assert report.grade == "A+", (report.score, report.results)
    assert report.results["content-security-policy"][1] > 0
    assert report.results["x-frame-options"][0] == "x-frame-options-implemented-via-csp"


@pytest.mark.django_db
def test_logged_in_admin_page_and_its_session_cookie_get_an_a_plus(client, production):
    make_user("editor-a", "Editor")
    login = client.post("/admin/login/?next=/admin/", {"username": "editor-a", "password": "pw-editor-a"}, secure=True, headers={"host": HOST})
    assert login.status_code == 302
    cookie = login.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    grade_of_login = grade(login.headers, "", login.cookies, https=True, host=HOST, http_redirect_location=f"https://{HOST}/")
    assert grade_of_login.results["cookies"][0] == "cookies-secure-with-httponly-sessions-and-samesite"
    _response, report = graded(client, "/admin/articles/article/")
    assert report.grade == "A+", (report.score, report.results)


@pytest.mark.django_db
def test_policy_is_strict_where_the_issue_says(client, production):
    response = client.get("/", secure=True, headers={"host": HOST})
    csp = parse_csp(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == {"'self'"}
    assert csp["object-src"] == {"'none'"} and csp["frame-ancestors"] == {"'none'"}
    assert csp["base-uri"] == {"'self'"} and csp["form-action"] == {"'self'"}
    assert not any("unsafe" in source for sources in csp.values() for source in sources)
    assert "upgrade-insecure-requests" in csp
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "interest-cohort"):
        assert f"{feature}=()" in policy
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_grader_is_able_to_fail():
    assert grade_csp({}, https=True) == ("csp-not-implemented", -25)
    assert grade_csp({"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'"}, https=True)[1] == -20
    report = grade({"Content-Type": "text/html"}, "<p>", {}, https=True, host=HOST, http_redirect_location=None)
    assert report.grade == "F", report.results
