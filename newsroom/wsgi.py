"""WSGI entry point, e.g. `gunicorn newsroom.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Once Django is set up: cached pages are answered before its handler
# (articles/pagecache/wsgi.py says why and how).
from articles.pagecache.wsgi import serve_hits  # noqa: E402

application = serve_hits(application)
