"""
The ceiling for `make bench-pages`: the least a Django page can cost. One
view returns a fixed 30 KB page; no middleware, no templates, no database.
Served by gunicorn with the same settings as the site:

    gunicorn -c python:newsroom.gunicorn bench.ceiling:application
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
    LOGGING_CONFIG=None,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

PAGE = ("<!doctype html><title>Ceiling</title>" + "<p>" + "x" * 1017 + "</p>\n" * 30)[: 30 * 1024].encode()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("<path:anything>", page)]
application = get_wsgi_application()
