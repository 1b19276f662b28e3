"""The site's URLs plus uploaded media, for browser tests that load pictures (DEBUG is off in tests)."""

from django.conf import settings
from django.urls import path

from newsroom.media import serve_upload
from newsroom.urls import handler500, urlpatterns as site_urlpatterns  # noqa: F401


def media(request, path):
    return serve_upload(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [path("media/<path:path>", media), *site_urlpatterns]
