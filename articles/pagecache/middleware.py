"""
The page cache: anonymous readers' GET and HEAD requests for the pages in
policy.py are answered from Django's cache (CACHE_URL).

A page is stored with the generation stamps it was rendered under (read
before rendering) and the next scheduled moment that could change it
(events.py). It is served while every stamp still matches and that moment has
not come; anything else renders afresh. Whoever may see something other
than the public page never meets the cache: a request with a session, CSRF
or messages cookie or an Authorization header goes straight to the views, and
a response that sets a cookie, varies on anything but the cookie, or says
private, no-cache or no-store is never stored.

The middleware sits second, under RequestIdMiddleware only: a page is
stored with the headers of the whole stack beneath (security headers, CSP,
Permissions-Policy...), so a hit is answered without running any of it and
costs one cache round trip (page and stamps fetched together) plus, with
the local-memory cache, one query for the stamps. What the middleware it
jumped over would refuse or redirect never meets the cache and goes down
the stack as before (see cacheable()); the scheme is part of the key, since
HSTS is sent over HTTPS only. Under gunicorn even the Django handler is
skipped for a plain hit: wsgi.py serves it with the same lookup. With the
cache unreachable every request renders uncached.
"""

import functools
import hashlib
import logging
import time
from dataclasses import dataclass
from http.client import responses
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.capacity import hold_page_slot, release_page_slot
from newsroom.locmem_cache import Unchanging

from ..popular.counting import count_view
from . import events, generations
from .policy import PAGES
from .purge import surrogate_key

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# The version of what an entry holds: a change to it makes old entries
# unreachable instead of misread (2: the headers of the whole stack).
PREFIX = "pc:page:2:"
STORED_STATUSES = {200, 301, 404, 410}
# Headers that belong to one response, not to the page.
UNSTORED_HEADERS = {"set-cookie", "x-request-id", HEADER.lower()}
# Headers about the body, left off a 304 (RFC 9110, 15.4.5); the others
# (caching, security) are sent with it as with the page.
BODY_HEADERS = {"content-type", "content-length", "content-language"}
# Query parameters that tag a link for analytics and change nothing on the
# page; left in the key, every shared link would be a miss of its own.
LANGUAGES = {code for code, _name in settings.LANGUAGES}
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "ref", "_ga"}


@dataclass(frozen=True)
class CachedPage(Unchanging):
    # Never changed once stored: the local-memory cache hands the same
    # instance to every hit instead of unpickling a copy (newsroom/locmem_cache.py).
    status: int
    headers: tuple  # (name, value) of every header of the stack's response but those of UNSTORED_HEADERS.
    content: bytes
    stamps: dict  # Read only.
    valid_until: object  # an aware datetime, or None: valid until a stamp changes
    etag: str
    last_modified: int
    article: object = None  # The live article the page shows, for "Most read".

    def is_fresh(self, stamps, now):
        return self.stamps == stamps and (self.valid_until is None or now < self.valid_until)

    @property
    def status_line(self):
        return f"{self.status} {responses.get(self.status, 'Unknown Status Code')}"

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


def _private_cookie_names():
    # "messages": the name contrib.messages' cookie storage uses.
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}


@dataclass
class Visit:
    """A request that may meet the cache: its page's policy, URL kwargs and key."""

    policy: object
    kwargs: dict
    key: str


def cacheable(request):
    """
    The Visit of a request that may be answered from the cache, or None.
    None also for what a middleware beneath would refuse or redirect (a
    Host not allowed, a NUL, a body, plain HTTP under SECURE_SSL_REDIRECT):
    it goes down the stack, which answers as it always did.
    """
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return None
    meta = request.META
    if "HTTP_AUTHORIZATION" in meta or meta.get("CONTENT_LENGTH", "0") not in ("", "0"):
        return None
    if "HTTP_COOKIE" in meta:
        cookies = request.COOKIES
        if _private_cookie_names().intersection(cookies):
            return None
        if any("\x00" in name or "\x00" in value for name, value in cookies.items()):
            return None
    if "\x00" in request.path or (settings.SECURE_SSL_REDIRECT and not request.is_secure()):
        return None
    view_name, kwargs = _resolve(request.path_info)
    policy = PAGES.get(view_name)
    if policy is None:
        return None
    try:
        key = page_key(request)
    except DisallowedHost:
        return None
    return Visit(policy, kwargs, key)


def page_key(request):
    """The page's identity: scheme, language, host, path and the query minus tracking tags."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = urlencode(sorted(
            (name, value)
            for name, value in parse_qsl(query, keep_blank_values=True)
            if not name.startswith("utm_") and name not in TRACKING_PARAMS
        ))
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") if "HTTP_COOKIE" in request.META else ""
    if language not in LANGUAGES:
        language = ""
    identity = "\n".join([request.scheme, language, request.get_host(), request.path, query])
    return PREFIX + hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def look_up(visit):
    """
    (stamps, the page if stored and fresh else None). The stamps are read
    now, before anything renders. Raises whatever the cache (or, for the
    stamps with local memory, the database) raises when unreachable.
    """
    names = visit.policy.generations(visit.kwargs)
    found = cache.get_many([visit.key, *generations.keys(names)])
    stamps = generations.current(names, found)
    page = found.get(visit.key)
    if isinstance(page, CachedPage) and page.is_fresh(stamps, timezone.now()):
        return stamps, page
    return stamps, None


@functools.lru_cache(maxsize=4096)
def _resolve(path_info):
    """URL name and kwargs of a path; the same few pages are asked for over and over."""
    try:
        match = resolve(path_info)
    except (Resolver404, ValueError):
        return None, None
    return match.view_name, match.kwargs


# Where wsgi.py leaves its lookup for the middleware when it could not
# answer: (stamps, None) for a miss, or the exception the cache raised. Not
# an HTTP_ name, so no client can set it.
LOOKED_UP = "newsroom.page_cache.looked_up"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._warned_at = 0.0

    def __call__(self, request):
        visit = cacheable(request)
        if visit is None:
            response = self.get_response(request)
        elif not hold_page_slot(request):
            response = self.get_response(request)  # PageSlotMiddleware answers 503.
        else:
            try:
                response = self._respond(request, visit)
                self._count(request, response)
            finally:
                release_page_slot(request)
            return response
        self._count(request, response)
        return response

    def _count(self, request, response):
        # Views of a live article, served from the cache or not (the view
        # marks its response; a cached page remembers the mark).
        article = getattr(response, "counted_article", None)
        if article is not None:
            count_view(request, article)

    def _respond(self, request, visit):
        found = request.META.pop(LOOKED_UP, None)
        try:
            if isinstance(found, Exception):
                raise found
            stamps, page = found or look_up(visit)
        except Exception as exc:
            return self._uncached(request, exc)
        request.page_stamps = dict(stamps)  # For the pieces memoised under them (memo.py).
        if page is not None:
            return self._answer(request, page, "HIT")
        now = timezone.now()
        response = self.get_response(request)
        if self._storable(response):
            page = self._store(visit, response, stamps, now)
            if page is not None:
                return self._answer(request, page, "MISS", response)
        response.headers[HEADER] = "BYPASS"
        return response

    # --- Deciding ----------------------------------------------------------

    def _storable(self, response):
        if response.status_code not in STORED_STATUSES or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        # A nonce must be new on every response; a page that used one is not for sharing.
        if "'nonce-" in response.get("Content-Security-Policy", ""):
            return False
        varies = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
        # Cookie: only cookie-less requests reach here, so all see the same page.
        return varies <= {"cookie"}

    # --- Storing and answering ---------------------------------------------

    def _store(self, visit, response, stamps, now):
        content = response.content
        try:
            valid_until = events.next_change(now, stamps[generations.LISTS])
        except Exception as exc:
            self._warn(exc)
            return None
        # A page that changes by itself at a moment of its own (a story
        # leaving the news sitemap's 48 hours) says so on its response.
        own = getattr(response, "valid_until", None)
        if own is not None and (valid_until is None or own < valid_until):
            valid_until = own
        self._cache_headers(response, visit.policy, stamps, now, valid_until)
        etag, last_modified = '"%s"' % hashlib.blake2b(content, digest_size=16).hexdigest(), int(now.timestamp())
        # Ours replace a view's own (feeds send Last-Modified): they are what a 304 is judged by.
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        page = CachedPage(
            status=response.status_code,
            headers=tuple((name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS),
            content=content,
            stamps=stamps,
            valid_until=valid_until,
            etag=etag,
            last_modified=last_modified,
            article=getattr(response, "counted_article", None),
        )
        timeout = visit.policy.timeout
        if valid_until is not None:
            timeout = max(1, min(timeout, int((valid_until - now).total_seconds()) + 1))
        try:
            cache.set(visit.key, page, timeout)
        except Exception as exc:
            self._warn(exc)
        return page

    def _cache_headers(self, response, policy, stamps, now, valid_until):
        response.headers["Surrogate-Key"] = response.headers["xkey"] = " ".join(surrogate_key(name) for name in sorted(stamps))
        if response.has_header("Cache-Control"):
            return  # The view chose (robots.txt, favicon).
        if not settings.PAGE_CACHE_PURGE_URL:
            # Nothing in front can be told of a change: it must ask each time (cheap with ETag).
            patch_cache_control(response, public=True, no_cache=True)
            return
        shared = policy.shared_max_age
        if valid_until is not None:
            shared = max(0, min(shared, int((valid_until - now).total_seconds())))
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=shared, stale_while_revalidate=policy.stale_while_revalidate
        )

    def _answer(self, request, page, outcome, response=None):
        if response is None:
            response = page.response()
        if page.status == 200:
            answer = get_conditional_response(request, etag=page.etag, last_modified=page.last_modified, response=response)
            if answer is not response:
                # A 304 (or 412) keeps the page's security and caching headers, as the stack would add them.
                for name, value in page.headers:
                    if name.lower() not in BODY_HEADERS:
                        answer.headers.setdefault(name, value)
                response = answer
        response.counted_article = page.article
        response.headers[HEADER] = outcome
        return response

    def _uncached(self, request, exc):
        self._warn(exc)
        response = self.get_response(request)
        response.headers[HEADER] = "BYPASS"
        return response

    def _warn(self, exc):
        # Once a minute per process: an unreachable cache must not flood the log.
        if time.monotonic() - self._warned_at > 60:
            self._warned_at = time.monotonic()
            logger.warning("Page cache unavailable, serving uncached: %s", exc)
