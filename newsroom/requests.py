"""
Requests refused before any view sees them, with a 4xx rather than a 500.

- A body larger than MAX_REQUEST_BODY, by its Content-Length, is answered
  413 without reading a byte of it (Django would spool a 100 MB upload to
  disk first and refuse it only then).
- A NUL character cannot be stored in PostgreSQL text, so a slug or cookie
  containing one made lookups fail with a 500 there (and match nothing on
  SQLite). A path with one is a 404, a cookie with one a 400, on both
  databases alike. (Query parameters go through the views' forms, which
  refuse NUL with a message.)
- A Host header not in ALLOWED_HOSTS is refused first, with one warning line.
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from newsroom.views import error_page


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BODY:
            message = _("The upload is too large: at most %(size)s at once.") % {
                "size": filesizeformat(settings.MAX_REQUEST_BODY)
            }
            return error_page(413, _("Too large"), message)
        # A Host not in ALLOWED_HOSTS is refused here, once, with one warning
        # line (newsroom.logging), before the page cache or a view asks for it.
        request.get_host()
        if "\x00" in request.path:
            raise Http404("NUL in path")
        if any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items()):
            raise BadRequest("NUL in a cookie")
        return self.get_response(request)
