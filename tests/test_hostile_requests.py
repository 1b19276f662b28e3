"""
Hostile input against every public address and parameter: at least 400
bad requests (odd paths and slugs, every query parameter with broken,
huge, NUL-laden and Unicode-odd values, search syntax abuse, bad Host and
oversized headers, wrong methods, forged cookies, malformed login, 2FA and
language POSTs). Every one must be answered below 500, and nothing may be
logged with a traceback.

The addresses come from the URL configuration itself, so a public page
added later is attacked without editing this file.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import make_article, make_person, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db

HUGE = "x" * 10_000
ODD_VALUES = [
    "", " ", "0", "-1", "99999999999999999999999", "1e309", "NaN", "null", "[]", "{}",
    "\x00", "a\x00b", "%00", "%", "%zz", "%c0%ae%c0%ae/", "..", "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd", "....//....//etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini",
    HUGE, "\u202eevil", "\ufeffbom", "\u200b", "\U0001f4a9" * 50, "e\u0301", "\ud7ff", "ǅ", "ﬁ",
    "<script>alert(1)</script>", "\"'><svg onload=alert(1)>", "' OR 1=1 --", "'; DROP TABLE articles_article; --",
    "${jndi:ldap://x}", "{{7*7}}", "{% debug %}", "\r\nSet-Cookie: a=b", "\n", "\t",
    "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "-2026-01-01", "2026-1-1", "20261127", "2026/11/27",
]
SEARCH_SYNTAX = [
    '"', '""', '"unclosed phrase', "-", "--", "-a -b -c", "or", "OR OR OR", "atau", "a or", "or a",
    "* ? + ~ ^ : ( ) [ ] { }", "NEAR(a b)", "a AND NOT b", "\\", "\\\\\\", "'", "a'b", "&|!", "<->",
    "a:*", "'a':*", "(", ")", "!(a)", " ".join(["kata"] * 500), "-" * 300, '"' * 301,
]
PARAMETERS = ["page", "tanggal", "rubrik", "q", "dari", "sampai", "next", "utm_source", "format"]
PATH_VALUES = [
    "tidak-ada", "..", "%2e%2e", "a%00b", "a%2fb", HUGE[:3000], "%F0%9F%92%A9", "%ED%A0%80", "%C0%AF",
    "UPPER-Case", "spasi%20di%20sini", "titik.titik", "-", "_", "1", "a" * 300, "%3Cscript%3E",
]


def public_routes(patterns=None, prefix=""):
    """Every route outside the admin and the 2FA screens, with its converters as placeholders."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def fill(route, value):
    import re

    return "/" + re.sub(r"<[^>]+>", value, route).lstrip("^").rstrip("$").replace("\\Z", "")


@pytest.fixture
def site():
    section = make_section("Nasional", slug="nasional")
    tag, person = make_tag("Banjir"), make_person("Rina Wartawan")
    article = make_article(section=section, tags=[tag], people=[person], headline="Banjir Rob Rendam Pesisir")
    editor = make_user("editor-h", "Editor")
    return {"slug": article.slug, "section": section.slug, "tag": tag.slug, "person": person.slug, "article_pk": article.pk, "editor": editor}


@pytest.fixture
def no_tracebacks(capfd):
    """What the site logs (JSON lines on standard output) holds no traceback and no 5xx."""
    yield
    logged = capfd.readouterr().out
    assert "Traceback" not in logged, logged[logged.find("Traceback") - 300 :][:1500]
    assert '"status": 5' not in logged


def requests_for(site):
    """(method, path, data, extra) for every hostile request."""
    routes = sorted(set(public_routes()))
    real = {"slug": site["slug"], "token": "x", "section": site["section"]}
    for route in routes:
        has_placeholder = "<" in route
        if has_placeholder:
            for value in PATH_VALUES:
                yield "get", fill(route, value), None, {}
        base = fill(route, real.get(route.split("<")[-1].split(">")[0].split(":")[-1], site["slug"])) if has_placeholder else fill(route, "")
        for value in ODD_VALUES[::3]:
            yield "get", base, {name: value for name in PARAMETERS}, {}
        yield "post", base, {"q": HUGE}, {}
        yield "put", base, None, {}
    for name in PARAMETERS:
        for value in ODD_VALUES:
            yield "get", "/cari/" if name != "tanggal" else "/indeks/", {name: value}, {}
    for query in SEARCH_SYNTAX:
        yield "get", "/cari/", {"q": query}, {}
        yield "get", "/cari/", {"q": query, "rubrik": query, "dari": query, "sampai": "2026-11-27"}, {}
    for value in ODD_VALUES[:20]:
        yield "get", "/rubrik/nasional/", {"page": value}, {}
        yield "get", "/indeks/", {"tanggal": value, "rubrik": value}, {}
    for host in ["evil.example", "localhost:99999", "a" * 300, "[::1", "local host", "127.0.0.1:8000@evil", ""]:
        yield "get", "/", None, {"HTTP_HOST": host}
    for header in ["HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE", "HTTP_X_REQUEST_ID", "HTTP_REFERER", "HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_NONE_MATCH", "HTTP_RANGE"]:
        for value in [HUGE * 3, "\x00", "\r\n", "é" * 1000, "=;=;=", "sessionid=" + HUGE, "bytes=0-999999999999"]:
            yield "get", "/", None, {header: value}
    for cookie in ["sessionid=garbage", "django_language=xx-evil", "csrftoken=" + "a" * 64, "sessionid=" + "z" * 40]:
        yield "get", f"/berita/{site['slug']}/", None, {"HTTP_COOKIE": cookie}
    login_bodies = [
        {}, {"username": HUGE, "password": HUGE}, {"username": "\x00", "password": "\x00"},
        {"username": ["a", "b"], "password": ["c", "d"]}, {"username": "editor-h"}, {"password": "x"},
        {"username": "editor-h", "password": "pw-editor-h", "next": "//evil.example/"},
        {"username": "editor-h\u202e", "password": "x"}, {"username": "' OR 1=1 --", "password": "x"},
    ]
    for body in login_bodies:
        yield "post", "/admin/login/", body, {}
    for body in [{}, {"language": "xx"}, {"language": HUGE, "next": HUGE}, {"language": "en", "next": "javascript:alert(1)"}, {"language": "\x00"}]:
        yield "post", "/i18n/setlang/", body, {}
    for body in [{}, {"code": HUGE}, {"code": "\x00"}, {"code": ["1", "2"]}, {"next": "//evil.example"}]:
        yield "post", "/admin/2fa/verify/", body, {}
        yield "post", "/admin/2fa/setup/", body, {}
    for path in ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/", f"/admin/articles/article/{HUGE[:500]}/change/", "/admin/articles/article/?q=" + HUGE[:2000], "/admin/articles/article/?o=999&p=-1&e=1"]:
        yield "get", path, None, {}
    for method in ["options", "head", "delete", "patch", "trace"]:
        yield method, "/", None, {}
        yield method, f"/berita/{site['slug']}/", None, {}


def send(client, method, path, data, extra):
    if method == "trace":
        return client.generic("TRACE", path, **extra)
    call = getattr(client, method)
    if method in ("post",):
        return call(path, data or {}, **extra)
    if method in ("put", "patch", "delete", "options"):
        return call(path, **extra)
    return call(path, data or {}, **extra)


def admin_requests(site):
    """Malformed POSTs an editor's browser (or a forged one) could send to the admin's forms."""
    article = f"/admin/articles/article/{site['article_pk']}/change/"
    bad_article_forms = [
        {}, {"headline": HUGE, "body": HUGE * 30}, {"headline": "\x00", "body": "<p>\x00</p>", "standfirst": "\x00"},
        {"headline": "Uji", "status": "bogus"}, {"headline": "Uji", "status": ["draft", "published"]},
        {"headline": "Uji", "section": "abc"}, {"headline": "Uji", "section": "999999999"}, {"headline": "Uji", "tags": ["x", "-1"]},
        {"headline": "Uji", "publish_at_0": "2026-13-45", "publish_at_1": "25:61"}, {"headline": "Uji", "publish_at_0": HUGE},
        {"headline": "Uji", "version": "abc"}, {"headline": "Uji", "version": "-1"}, {"headline": "Uji", "lead_image": "x"},
        {"headline": "Uji", "contributions-TOTAL_FORMS": "abc"}, {"headline": "Uji", "contributions-TOTAL_FORMS": "100000"},
        {"headline": "Uji", "sources-TOTAL_FORMS": "-5", "sources-INITIAL_FORMS": "x"}, {"_override": HUGE, "headline": "Uji"},
    ]
    for body in bad_article_forms:
        yield "post", "/admin/articles/article/add/", body, {}
        yield "post", article, body, {}
    for body in [{"action": "bogus", "_selected_action": ["x"]}, {"action": "publish_now", "_selected_action": ["abc", HUGE[:100]]},
                 {"action": "delete_selected", "_selected_action": [], "post": "yes"}, {"index": "0", "action": ""}]:
        yield "post", "/admin/articles/article/", body, {}
    for model in ("section", "tag", "person", "image"):
        for body in [{}, {"name": HUGE, "slug": HUGE}, {"name": "\x00", "slug": "../.."}, {"alt_text": "x", "file": "not-a-file"}]:
            yield "post", f"/admin/articles/{model}/add/", body, {}
    for query in ["?o=abc", "?p=-1", "?q=" + "%" * 50, "?section__id__exact=abc", "?publish_at__gte=bogus", "?_to_field=password", "?e=1&status=nope"]:
        yield "get", "/admin/articles/article/" + query, None, {}
    yield "get", "/admin/articles/article/999999/change/", None, {}
    yield "get", "/admin/articles/article/abc/change/", None, {}
    yield "post", "/admin/password_change/", {"old_password": HUGE, "new_password1": "\x00", "new_password2": ["a", "b"]}, {}


def attack(requests, settings, user=None):
    settings.AXES_FAILURE_LIMIT = 10_000  # this suite is about input, not throttling
    client = Client(raise_request_exception=True)
    if user is not None:
        client.force_login(user)
    failures, statuses = [], {}
    for method, path, data, extra in requests:
        response = send(client, method, path, data, extra)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append((method, path[:120], str(data)[:120], list(extra)[:1], response.status_code))
    assert not failures, failures[:20]
    return statuses


@pytest.mark.slow
def test_every_hostile_request_is_answered_without_a_server_error(site, no_tracebacks, settings):
    requests = list(requests_for(site))
    staff_requests = list(admin_requests(site))
    assert len(requests) + len(staff_requests) >= 400
    statuses = attack(requests, settings)
    staff_statuses = attack(staff_requests, settings, user=site["editor"])
    print(f"{len(requests)} hostile requests {sorted(statuses.items())}, {len(staff_requests)} as an editor {sorted(staff_statuses.items())}")


def test_a_sample_of_hostile_requests_is_answered_without_a_server_error(site, no_tracebacks, settings):
    """Every tenth request of the full suite, for `make test`."""
    attack(list(requests_for(site))[::10], settings)
    attack(list(admin_requests(site))[::5], settings, user=site["editor"])
