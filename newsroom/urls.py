from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("articles.urls")),
]

# Uploaded media: served by Django only in development; in production the
# web server or object storage in front of MEDIA_ROOT serves it.
if settings.DEBUG:
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

