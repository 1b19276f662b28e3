"""
Cache hits answered before Django's request handler, for gunicorn
(newsroom/wsgi.py wraps the site's WSGI application with this).

A hit through Django costs its handler (the request and response objects,
the request_started and request_finished signals that look after database
connections) about as much as the lookup itself, twice what a bare Django
view costs. So a plain GET or HEAD (no If-* header) is looked up here,
with the middleware's own functions on the same environ: cacheable() says
whether the request may meet the cache at all, look_up() reads the page and
its stamps. A fresh page is answered at once, with the headers stored with
it (the whole stack's: PageCacheMiddleware sits above the security
middleware) plus its own X-Request-ID and X-Page-Cache: HIT, exactly as the
middleware answers a hit. Anything else goes to Django, carrying the
stamps already read (or the cache's error) so the middleware does not ask
twice.

Like the middleware, a hit takes one of the worker's page slots
(newsroom/capacity.py) while it reads the stamps, which come from the
database with the local-memory cache; it never waits for one: with all
taken, Django's path waits its quarter second, then answers 503.
"""

from django.core.handlers.wsgi import WSGIRequest

from newsroom.capacity import page_slots
from newsroom.logging import request_id
from newsroom.middleware import RequestIdMiddleware, choose_request_id

from ..popular.counting import count_view
from .middleware import HEADER, LOOKED_UP, cacheable, look_up

# Conditional requests go to the middleware, which answers 304 and 412.
CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


def serve_hits(application):
    """`application` (Django's WSGI handler) with cache hits answered in front of it."""

    def page_cache_first(environ, start_response):
        answer = _hit(environ)
        if answer is None:
            return application(environ, start_response)
        status, headers, content = answer
        start_response(status, headers)
        return [content]

    return page_cache_first


def _hit(environ):
    """(status, headers, content) of a fresh cached page for this request, else None."""
    if any(name in environ for name in CONDITIONS):
        return None
    # A copy: WSGIRequest rewrites PATH_INFO, which Django's handler reads afresh.
    request = WSGIRequest(dict(environ))
    visit = cacheable(request)
    if visit is None:
        return None
    slots = page_slots()
    if slots is not None and not slots.acquire(blocking=False):
        return None
    try:
        try:
            stamps, page = look_up(visit)
        except Exception as exc:
            environ[LOOKED_UP] = exc
            return None
        if page is None:
            environ[LOOKED_UP] = (stamps, None)
            return None
        current = choose_request_id(environ)
        if page.article is not None:
            token = request_id.set(current)  # For the log lines of a flush of the view counts.
            try:
                count_view(request, page.article)
            finally:
                request_id.reset(token)
    finally:
        if slots is not None:
            slots.release()
    headers = [*page.headers, (HEADER, "HIT"), (RequestIdMiddleware.HEADER, current)]
    return page.status_line, headers, page.content
