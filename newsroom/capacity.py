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
"""

import logging
import threading

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

EXEMPT_PATHS = {"/healthz"}
RETRY_AFTER_SECONDS = 5


class PageSlotMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.size = settings.WEB_THREADS - 1 if settings.WEB_THREADS > 1 else 0
        self.slots = threading.BoundedSemaphore(self.size) if self.size else None

    def __call__(self, request):
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
