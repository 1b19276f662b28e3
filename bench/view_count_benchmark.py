"""
What counting one article view for "Most read" costs the request, in
microseconds: count_view() called for many requests in a row, with the
process's periodic flush to the database included (amortised), on the
configured database (a throwaway SQLite file by default).

    make bench-views
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-views-only")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'benchviews.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from articles.popular import counting  # noqa: E402
from tests.factories import make_article  # noqa: E402

VIEWS = 200_000


def main():
    call_command("migrate", verbosity=0)
    articles = [make_article().pk for _ in range(50)]
    request = RequestFactory().get("/berita/x/", headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"})
    counting.FLUSH_SECONDS = 0.5  # Flush often, so its cost is in the figure.
    start = time.perf_counter()
    for n in range(VIEWS):
        counting.count_view(request, articles[n % len(articles)])
    elapsed = time.perf_counter() - start
    counting.flush()
    print(f"{VIEWS} views in {elapsed:.2f} s: {elapsed / VIEWS * 1e6:.2f} µs per view (target: at most 100 µs), flushing every 0.5 s")


if __name__ == "__main__":
    main()
