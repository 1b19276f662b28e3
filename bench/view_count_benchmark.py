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
if "DATABASE_URL" not in os.environ:
    # A fresh throwaway file each run: the articles made below would clash with the last run's.
    THROWAWAY = ROOT / "var" / "benchviews.sqlite3"
    for leftover in (THROWAWAY, THROWAWAY.with_name(THROWAWAY.name + "-wal"), THROWAWAY.with_name(THROWAWAY.name + "-shm")):
        leftover.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{THROWAWAY}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from articles.popular import counting  # noqa: E402
from tests.factories import make_article  # noqa: E402

VIEWS = 200_000
NEW_AGENT_EVERY = 20


def main():
    call_command("migrate", verbosity=0)
    articles = [make_article().pk for _ in range(50)]
    # Readers' agents repeat (counting remembers which are bots per agent):
    # 200 familiar ones, and one view in NEW_AGENT_EVERY from an agent never seen.
    factory = RequestFactory()
    familiar = [factory.get("/berita/x/", headers={"User-Agent": agent(n)}) for n in range(200)]
    new = [factory.get("/berita/x/", headers={"User-Agent": agent(n)}) for n in range(200, 200 + VIEWS // NEW_AGENT_EVERY + 1)]
    counting.FLUSH_SECONDS = 0.5  # Flush often, so its cost is in the figure.
    start = time.perf_counter()
    for n in range(VIEWS):
        request = new[n // NEW_AGENT_EVERY] if n % NEW_AGENT_EVERY == 0 else familiar[n % len(familiar)]
        counting.count_view(request, articles[n % len(articles)])
    elapsed = time.perf_counter() - start
    counting.flush()
    print(
        f"{VIEWS} views in {elapsed:.2f} s: {elapsed / VIEWS * 1e6:.2f} µs per view (target: at most 100 µs), "
        f"flushing every 0.5 s, one view in {NEW_AGENT_EVERY} from a new browser"
    )


def agent(n):
    return f"Mozilla/5.0 (Linux; Android 14; SM-A{n:04d}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.{n}.0 Mobile Safari/537.36"


if __name__ == "__main__":
    main()
