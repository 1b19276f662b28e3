"""Pages may hold all of a worker's threads but one; /healthz never waits for a page slot."""

import threading
import time

from django.http import HttpResponse

from newsroom.capacity import PageSlotMiddleware


def test_a_page_beyond_the_page_threads_is_refused_after_a_short_wait(rf, settings):
    settings.WEB_THREADS = 2  # one page thread, one kept free
    settings.PAGE_SLOT_WAIT = 0.1
    seen = {}

    def site(request):
        if request.path == "/berita/pertama/":
            # While the first page still renders, a second page and the check arrive.
            seen["page"] = middleware(rf.get("/berita/kedua/"))
            seen["healthz"] = middleware(rf.get("/healthz"))
        return HttpResponse("ok")

    middleware = PageSlotMiddleware(site)
    assert middleware(rf.get("/berita/pertama/")).status_code == 200
    assert seen["page"].status_code == 503
    assert seen["page"]["Retry-After"] == "5" and seen["page"]["Cache-Control"] == "no-store"
    assert "coba lagi" in seen["page"].content.decode()
    assert seen["healthz"].status_code == 200
    # The slot is free again once the first page is done.
    assert middleware(rf.get("/berita/ketiga/")).status_code == 200


def test_no_limit_outside_gunicorn(rf, settings):
    settings.WEB_THREADS = 0
    middleware = PageSlotMiddleware(lambda request: HttpResponse("ok"))
    assert middleware.slots is None and middleware(rf.get("/")).status_code == 200


def test_a_page_waits_for_a_thread_freed_within_the_wait(rf, settings):
    settings.WEB_THREADS = 2
    settings.PAGE_SLOT_WAIT = 2
    started, answers = threading.Event(), []

    def site(request):
        if request.path == "/berita/lambat/":
            started.set()
            time.sleep(0.3)
        return HttpResponse("ok")

    middleware = PageSlotMiddleware(site)
    slow = threading.Thread(target=lambda: answers.append(middleware(rf.get("/berita/lambat/")).status_code))
    slow.start()
    started.wait(2)
    began = time.monotonic()
    second = middleware(rf.get("/berita/cepat/"))
    slow.join()
    # The second page waited for the first one's thread instead of being refused.
    assert second.status_code == 200 and answers == [200] and time.monotonic() - began >= 0.2
