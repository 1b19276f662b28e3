from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.sitemaps import sitemaps
from newsroom import views
from newsroom.health import healthz
from newsroom.media import serve_upload

urlpatterns = [
    # Reader pages first: Django tries the patterns in order, and these are
    # most requests (the article's address was tried after a dozen others,
    # 25 µs of resolving). No pattern here overlaps another: each starts
    # with its own fixed word.
    path("", include("articles.urls")),
    path("", include("articles.press.urls")),
    # Before the admin: its catch-all would take "2fa" for an app label.
    path("admin/2fa/", include("articles.accounts.urls")),
    # The body editor's JSON (articles/blocks/), under admin/ with the screens that use it.
    path("admin/blok/", include("articles.blocks.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", views.sitemap_index, {"sitemaps": sitemaps}, name="sitemap-index"),
    # The news sitemap's own name: robots.txt names it beside the index.
    path("sitemap-news.xml", views.sitemap, {"sitemaps": sitemaps, "section": "news"}, name="sitemap-news"),
    path("sitemap-<str:section>.xml", views.sitemap, {"sitemaps": sitemaps}, name="sitemap-section"),
]

# Uploaded media: served by Django only in development or with SERVE_MEDIA
# (a one-machine trial, the Lighthouse run); in production the web server or
# object storage in front of MEDIA_ROOT serves it.
if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_upload, {"document_root": settings.MEDIA_ROOT}))

# The 500 page must render without the database; Django's default would run
# the context processors, which query it.
handler500 = "newsroom.views.server_error"
# Django's 400 view fails on a body it cannot parse (see bad_request).
handler400 = "newsroom.views.bad_request"

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

