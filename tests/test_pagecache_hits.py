"""
What a reader gets from a cache hit, now that the page cache sits above the
security middleware and, under gunicorn, in front of Django's handler
(articles/pagecache/wsgi.py): the headers of the page rendered afresh
(security headers and CSP included), a request id of its own, the HTTPS
redirect and HSTS as without the cache, the refusals of the middleware it
jumps over, a page slot, and a count for "Most read".
"""

import logging

import pytest
from django.test import RequestFactory

from articles.pagecache.middleware import LOOKED_UP
from articles.pagecache.wsgi import serve_hits
from articles.popular import counting
from newsroom.capacity import page_slots
from tests.view_counts import nothing_pending, views_of  # noqa: F401 (an autouse fixture)
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
# Headers the middleware beneath the cache adds; a hit must carry them as a fresh page does.
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
]
# Headers of one response, not of the page.
OWN_HEADERS = {"X-Page-Cache", "X-Request-ID"}


def page_headers(headers):
    return {name: value for name, value in headers.items() if name not in OWN_HEADERS}


# --- Through Django (the test client, runserver) -------------------------------


def test_a_hit_carries_the_headers_of_the_page_rendered_afresh(client, settings):
    article = make_article(headline="Harga cabai naik menjelang Lebaran")
    for path in ("/", article.get_absolute_url(), "/rss/"):
        miss, hit = client.get(path), client.get(path)
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("MISS", "HIT"), path
        assert page_headers(hit.headers) == page_headers(miss.headers) and hit.content == miss.content, path
        assert {"ETag", "Last-Modified", "Cache-Control", "Surrogate-Key"} <= hit.headers.keys(), path
        # Each response has an id of its own, never the one the page was stored with.
        assert miss["X-Request-ID"] != hit["X-Request-ID"]
        settings.PAGE_CACHE = False
        uncached = client.get(path)
        settings.PAGE_CACHE = True
        assert [hit.get(name) for name in SECURITY_HEADERS] == [uncached.get(name) for name in SECURITY_HEADERS], path
        assert all(hit.get(name) for name in SECURITY_HEADERS), path


def test_a_304_keeps_the_security_headers_but_not_the_body_ones(client):
    make_article()
    first = client.get("/")
    again = client.get("/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["X-Page-Cache"] == "HIT" and again.content == b""
    assert [again.get(name) for name in SECURITY_HEADERS] == [first[name] for name in SECURITY_HEADERS]
    assert again["ETag"] == first["ETag"] and again["Cache-Control"] == first["Cache-Control"]
    assert not {"Content-Type", "Content-Length", "Content-Language"} & again.headers.keys()


def test_plain_http_is_still_redirected_with_the_page_cached(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    article = make_article()
    for path in ("/", article.get_absolute_url()):
        client.get(path, secure=True)
        hit = client.get(path, secure=True)
        assert hit["X-Page-Cache"] == "HIT" and hit["Strict-Transport-Security"].startswith("max-age=3600")
        plain = client.get(path)
        assert plain.status_code == 301 and plain["Location"] == f"https://testserver{path}"
        assert "X-Page-Cache" not in plain


def test_hsts_only_on_pages_served_over_https(client, settings):
    # Without the redirect (a proxy may pass both schemes), each gets its own entry.
    settings.SECURE_HSTS_SECONDS = 3600
    make_article()
    client.get("/", secure=True)
    assert "Strict-Transport-Security" in client.get("/", secure=True)
    plain = client.get("/")
    assert plain["X-Page-Cache"] == "MISS" and "Strict-Transport-Security" not in plain


def test_what_the_middleware_beneath_refuses_is_still_refused_with_the_page_cached(client, settings, caplog):
    url = make_article().get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "HIT"
    with caplog.at_level(logging.WARNING):
        assert client.get(url, headers={"host": "evil.example"}).status_code == 400
    # One warning line, as without the cache; a bad Host is not an unreachable cache.
    assert [record.name for record in caplog.records] == ["django.security.DisallowedHost"]
    assert client.get(url[:-1] + "%00/").status_code == 404
    assert client.get(url, headers={"cookie": "django_language=id\x00"}).status_code == 400
    settings.MAX_REQUEST_BODY = 4
    assert client.generic("GET", url, "a body too long").status_code == 413


def test_a_cached_page_waits_for_a_page_slot_like_any_page(client, settings):
    settings.WEB_THREADS = 2  # one page thread, one kept free
    settings.PAGE_SLOT_WAIT = 0.05
    make_article()
    client.get("/")
    slots = page_slots()
    assert slots.acquire(blocking=False)  # Another page holds the only page thread.
    try:
        refused = client.get("/")
    finally:
        slots.release()
    assert refused.status_code == 503 and refused["Retry-After"] == "5" and "X-Page-Cache" not in refused
    # Answered beneath the cache, so with the security headers of any answer.
    assert all(refused.get(name) for name in SECURITY_HEADERS[:5])
    assert client.get("/")["X-Page-Cache"] == "HIT"
    assert client.get("/healthz").status_code == 200


def test_the_middleware_uses_the_lookup_handed_over_by_the_front(client):
    make_article()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "HIT"
    # The front could not reach the cache: the middleware does not wait for it a second time.
    answer = client.get("/", **{LOOKED_UP: ConnectionError("cache unreachable")})
    assert answer.status_code == 200 and answer["X-Page-Cache"] == "BYPASS"


# --- In front of Django's handler (gunicorn, newsroom/wsgi.py) -----------------


class Behind:
    """Stands for Django's handler behind the front: records what reached it."""

    def __init__(self):
        self.environs = []

    def __call__(self, environ, start_response):
        self.environs.append(environ)
        start_response("599 Behind", [])
        return [b""]


def through_front(path, behind, secure=False, **headers):
    environ = RequestFactory().get(path, secure=secure, headers=headers).environ
    answered = {}

    def start_response(status, header_list):
        answered["status"], answered["headers"] = status, header_list

    content = b"".join(serve_hits(behind)(environ, start_response))
    return answered["status"], answered["headers"], content


def test_the_front_answers_a_hit_as_the_middleware_does(client):
    article = make_article(headline="Kereta cepat berhenti sementara")
    for path in ("/", article.get_absolute_url(), "/rss/"):
        client.get(path)
        hit = client.get(path)
        behind = Behind()
        status, headers, content = through_front(path, behind)
        assert not behind.environs, path
        assert status == "200 OK" and content == hit.content, path
        # The same headers, in the same order, with a request id of its own.
        names = [name for name, _value in headers]
        assert names == list(hit.headers.keys()), path
        assert page_headers(dict(headers)) == page_headers(hit.headers), path
        assert dict(headers)["X-Page-Cache"] == "HIT" and dict(headers)["X-Request-ID"] != hit["X-Request-ID"]
    # A sane id from the proxy in front is kept, as RequestIdMiddleware keeps it.
    _status, headers, _content = through_front("/", Behind(), x_request_id="lb-42")
    assert dict(headers)["X-Request-ID"] == "lb-42"


def test_the_front_counts_readers_views_not_bots(client):
    article = make_article()
    client.get(article.get_absolute_url())
    counting._pending.clear()
    for agent in (BROWSER, BROWSER, "Googlebot/2.1 (+http://www.google.com/bot.html)", ""):
        status, _headers, _content = through_front(article.get_absolute_url(), Behind(), user_agent=agent)
        assert status == "200 OK"
    assert views_of(article) == 2


def test_the_front_leaves_to_django_what_it_must_not_answer(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    make_article()
    client.get("/")
    client.get("/", secure=True)
    asks = {
        "a conditional request": ("/", False, {"if_none_match": '"x"'}),
        "a session": ("/", False, {"cookie": "sessionid=abc"}),
        "a CSRF cookie": ("/", False, {"cookie": "csrftoken=abc"}),
        "a login": ("/", False, {"authorization": "Basic YTpi"}),
        "a Host not allowed": ("/", False, {"host": "evil.example"}),
        "a page not cached": ("/indeks/", False, {}),
        "a page that is not a reader page": ("/healthz", False, {}),
    }
    for reason, (path, secure, headers) in asks.items():
        behind = Behind()
        status, _headers, _content = through_front(path, behind, secure=secure, **headers)
        assert status == "599 Behind" and len(behind.environs) == 1, reason
    # Plain HTTP under SECURE_SSL_REDIRECT: Django redirects it.
    settings.SECURE_SSL_REDIRECT = True
    behind = Behind()
    assert through_front("/", behind)[0] == "599 Behind"
    assert through_front("/", Behind(), secure=True)[0] == "200 OK"


def test_the_front_hands_its_lookup_to_the_middleware(client, settings):
    make_article()
    behind = Behind()
    through_front("/", behind)  # A miss: the stamps read go along, read before the page renders.
    stamps, page = behind.environs[0][LOOKED_UP]
    assert page is None and set(stamps) == {"lists", "popular"}
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    behind = Behind()
    through_front("/", behind)
    assert isinstance(behind.environs[0][LOOKED_UP], Exception)


def test_the_front_takes_a_free_page_slot_or_leaves_the_wait_to_django(client, settings):
    settings.WEB_THREADS = 2
    make_article()
    client.get("/")
    slots = page_slots()
    assert slots.acquire(blocking=False)
    try:
        behind = Behind()
        assert through_front("/", behind)[0] == "599 Behind"
        assert LOOKED_UP not in behind.environs[0]  # Nothing read without a slot.
    finally:
        slots.release()
    assert through_front("/", Behind())[0] == "200 OK"
    # The hit gave its slot back.
    assert slots.acquire(blocking=False)
    slots.release()
