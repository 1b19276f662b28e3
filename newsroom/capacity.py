"""
Keep one thread of every gunicorn worker free of pages.

Under gunicorn's gthread workers (newsroom/gunicorn.py) a worker serves
WEB_THREADS requests at once. Static files (WhiteNoise, earlier in the
middleware) and /healthz take a thread for a millisecond; a page holds one
while it renders, and for as long as the database makes it wait. If pages
could take every thread, a slow or stuck database would also silence the
load balancer's check and the CSS. So pages may hold at most WEB_THREADS - 1
threads of a worker; a page that finds them all taken waits PAGE_SLOT_WAIT
(a quarter of a second) for one, which rides out the bursts of open-loop
traffic, and is then answered 503 with Retry-After, instead of queueing
behind requests whose readers may have left already. Without WEB_THREADS (runserver, tests, one thread) there
is no limit.

The page cache sits above this middleware (it answers hits before the
security middleware runs, from headers stored with the page) and reads the
generation stamps, from the database with the local-memory cache, before
anything below it runs. So it takes the slot itself, from the same
semaphore (page_slots()), and holds it until its response is done;
request.page_slot tells this middleware that the slot is held (True) or
was refused (False, answered 503 here with the usual headers).
"""

import logging
import threading

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

EXEMPT_PATHS = {"/healthz"}
RETRY_AFTER_SECONDS = 5

_semaphores = {}
_semaphores_lock = threading.Lock()


def page_slots():
    """
    This worker's page slots, one semaphore per process shared by every
    layer that takes them; None without a limit.
    """
    size = settings.WEB_THREADS - 1 if settings.WEB_THREADS > 1 else 0
    if not size:
        return None
    with _semaphores_lock:
        if size not in _semaphores:
            _semaphores[size] = threading.BoundedSemaphore(size)
        return _semaphores[size]


def hold_page_slot(request):
    """
    Take a page slot for `request`, waiting PAGE_SLOT_WAIT at most, and
    mark the request (request.page_slot: the semaphore, or False when
    refused). False when refused: PageSlotMiddleware then answers 503. The
    caller gives the slot back with release_page_slot() once the response
    is done.
    """
    slots = page_slots()
    if slots is None:
        return True
    if slots.acquire(timeout=settings.PAGE_SLOT_WAIT):
        request.page_slot = slots
        return True
    request.page_slot = False
    return False


def release_page_slot(request):
    slots = request.__dict__.pop("page_slot", None)
    if slots:
        slots.release()


class PageSlotMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.slots = page_slots()
        self.size = settings.WEB_THREADS - 1 if self.slots else 0

    def __call__(self, request):
        held = getattr(request, "page_slot", None)
        if held is False:
            # Refused to the page cache above: the 503 is answered here, under the security headers.
            logger.warning("Page refused: all %d page threads of this worker are busy", self.size)
            return busy()
        if held is not None:
            return self.get_response(request)  # Held for it by the page cache above.
        if self.slots is None or request.path_info in EXEMPT_PATHS:
            return self.get_response(request)
        if not self.slots.acquire(timeout=settings.PAGE_SLOT_WAIT):
            logger.warning("Page refused: all %d page threads of this worker are busy", self.size)
            return busy()
        try:
            return self.get_response(request)
        finally:
            self.slots.release()


def busy():
    response = HttpResponse(
        _("Too many readers at once. Please try again in a few seconds."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
