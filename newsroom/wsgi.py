"""WSGI entry point, e.g. `gunicorn newsroom.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from newsroom.memory import keep_freed_memory

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Whatever server runs the site: no page faults for memory freed and taken back each request.
keep_freed_memory()

application = get_wsgi_application()

# Once Django is set up: cached pages are answered before its handler
# (articles/pagecache/wsgi.py says why and how).
from articles.pagecache.wsgi import serve_hits  # noqa: E402

application = serve_hits(application)
