import re
import secrets

from django.conf import settings
from django.utils import translation

from newsroom.logging import request_id


class ChosenLanguageMiddleware:
    """
    Activate the language the visitor chose, else LANGUAGE_CODE.

    Django's LocaleMiddleware would also follow the browser's Accept-Language,
    which would turn the Indonesian site's menus English around Indonesian
    copy for anyone with an English browser. Here only an explicit choice
    (the language cookie set by Django's set_language view, offered in the
    admin) switches the interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestIdMiddleware:
    """
    Give every request an id that ties its log records together: the
    X-Request-ID header set by the proxy in front when it is sane (1 to 128
    letters, digits and ``-_.:/+=@``, so it cannot forge log lines), else a
    new random one. Log records carry it (newsroom/logging.py), the view
    finds it as ``request.request_id``, and the response echoes it in
    X-Request-ID so a reader's error report can be matched to the logs.

    First in MIDDLEWARE, so that redirects and errors raised by other
    middleware carry it too.
    """

    HEADER = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = choose_request_id(request.META)
        request.request_id = current
        token = request_id.set(current)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response.headers[self.HEADER] = current
        return response


SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=@-]{1,128}")


def choose_request_id(environ):
    """The proxy's X-Request-ID when sane, else a new random id (also for the page cache's hits, articles/pagecache/wsgi.py)."""
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    # 32 random hex digits, as uuid4().hex gave, at a quarter of its cost.
    return incoming if SANE_REQUEST_ID.fullmatch(incoming) else secrets.token_hex(16)
