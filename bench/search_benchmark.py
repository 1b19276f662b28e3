"""
Search latency on 100,000 articles, on SQLite and on PostgreSQL.

    .venv/bin/python bench/search_benchmark.py            # both databases
    .venv/bin/python bench/search_benchmark.py --database-url sqlite:////tmp/x.sqlite3 --articles 20000

Fills each benchmark database (var/searchbench.sqlite3 and the PostgreSQL
database newsroom_searchbench, created if missing) with generated
Indonesian-like news articles (articles/demo/archive.py, the generator
`manage.py generate_articles` uses), once: a database that already holds
the requested number is reused unless --refill is given.

Then it runs a fixed list of queries --runs times each, the way the search
page does (count, first page of 20 ranked ids, articles loaded through
published().with_byline(), headlines and snippets marked), and prints the
median and 95th percentile latency per query and per database. It also
times Article.save() with and without the search document, the cost every
save (and every imported file) pays.

The targets (issue 5): median under 30 ms and p95 under 100 ms on both.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_TARGETS = {
    "sqlite": f"sqlite:///{ROOT / 'var' / 'searchbench.sqlite3'}",
    "postgresql": "postgres://postgres@127.0.0.1:5432/newsroom_searchbench",
}
TARGET_MEDIAN_MS = 30
TARGET_P95_MS = 100

# --- The queries --------------------------------------------------------------

QUERIES = [
    ("common word", "harga", {}),
    ("stemmed verb", "menyerang", {}),
    ("stemmed noun", "pengiriman", {}),
    ("two words", "banjir jakarta", {}),
    ("three words", "kebijakan harga beras", {}),
    ("phrase", '"harga minyak"', {}),
    ("or", "gempa or longsor", {}),
    ("minus", "korupsi -jakarta", {}),
    ("acronym", "KPK", {}),
    ("name", "Stoltenberg", {}),
    ("protected place", "Kediri", {}),
    ("rare name", None, {}),
    ("no match", "xyzzyqq", {}),
    ("only common words", "yang dan di", {}),
    ("section filter", "bantuan", {"section": True}),
    ("date filter", "pemilihan", {"last_days": 30}),
    ("page 5", "warga", {"page": 5}),
    ("hostile", "'; DROP TABLE x; -- NEAR(a b) *", {}),
]


# --- Child process: one database --------------------------------------------


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "search-benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def ensure_postgres_database(database_url):
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def measure_saves(log, n=200):
    """Article.save() with and without its search document, rolled back."""
    from django.db import transaction

    from articles.models import Article, Section
    from articles.demo.archive import TextGenerator
    from articles.search import stemming
    from articles.search.document import document_for

    gen = TextGenerator(seed=4242)
    section = Section.objects.first()
    texts = [gen.article() for _ in range(n)]
    results = {}

    def run(label, refresh):
        original = Article.refresh_search_document
        if not refresh:
            Article.refresh_search_document = lambda self, **kwargs: None
        try:
            with transaction.atomic():
                started = time.perf_counter()
                for headline, standfirst, body in texts:
                    Article(headline=headline, standfirst=standfirst, body=body, section=section).save()
                results[label] = (time.perf_counter() - started) / n * 1000
                transaction.set_rollback(True)
        finally:
            Article.refresh_search_document = original

    stemming.index_term.cache_clear()
    started = time.perf_counter()
    for headline, standfirst, body in texts:
        document_for(Article(headline=headline, standfirst=standfirst, body=body), [])
    results["document, cold stem cache"] = (time.perf_counter() - started) / n * 1000
    started = time.perf_counter()
    for headline, standfirst, body in texts:
        document_for(Article(headline=headline, standfirst=standfirst, body=body), [])
    results["document, warm stem cache"] = (time.perf_counter() - started) / n * 1000
    run("save() without search document", refresh=False)
    run("save() with search document", refresh=True)
    for label, ms in results.items():
        log(f"  {label:<34} {ms:6.2f} ms per article")
    return {label: round(ms, 2) for label, ms in results.items()}


def run_queries(runs, seed, log):
    from django.db import connection
    from django.utils import timezone

    from articles.demo.archive import TextGenerator
    from articles.models import Section
    from articles.search.results import search

    section = Section.objects.order_by("pk").first()
    # A name from the generator's long tail: in about a thousandth of the articles.
    rare = TextGenerator(seed).rare_names[100]
    rows = []
    all_timings = []
    for label, text, options in QUERIES:
        text = text or rare
        kwargs = {}
        if options.get("section"):
            kwargs["section"] = section
        if options.get("last_days"):
            kwargs["published_from"] = timezone.localdate() - timedelta(days=options["last_days"])
        page = options.get("page", 1)
        timings = []
        found = 0
        for attempt in range(runs + 1):
            started = time.perf_counter()
            results = search(text, **kwargs)
            # The page's ranks only, as the search page asks (SearchView.page_window).
            results.window = ((page - 1) * 20, page * 20)
            found = results.total
            list(results[(page - 1) * 20 : page * 20])
            elapsed = (time.perf_counter() - started) * 1000
            if attempt:  # the first run warms caches
                timings.append(elapsed)
        timings.sort()
        p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
        rows.append({"query": label, "text": text, "found": found, "median_ms": round(statistics.median(timings), 2), "p95_ms": round(p95, 2)})
        all_timings.extend(timings)
        log(f"  {label:<18} {text[:28]:<28} {found:>7,} found  median {statistics.median(timings):7.2f} ms  p95 {p95:7.2f} ms")
    all_timings.sort()
    overall = {
        "median_ms": round(statistics.median(all_timings), 2),
        "p95_ms": round(all_timings[max(0, int(round(0.95 * len(all_timings))) - 1)], 2),
    }
    log(f"  {'all queries':<18} {'':<28} {'':>13}  median {overall['median_ms']:7.2f} ms  p95 {overall['p95_ms']:7.2f} ms")
    return {"vendor": connection.vendor, "queries": rows, "overall": overall}


PAGE_QUERIES = ["harga", "banjir jakarta", "KPK"]


def run_pages(runs, log):
    """The whole search page (form, search, template) for a few queries, through Django's test client."""
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")
    # Static files are served by name: the benchmark runs without collectstatic.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    client = Client()
    timings = []
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        for text in PAGE_QUERIES:
            for attempt in range(runs + 1):
                started = time.perf_counter()
                response = client.get("/cari/", {"q": text})
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, response.status_code
                if attempt:
                    timings.append(elapsed)
    timings.sort()
    result = {"median_ms": round(statistics.median(timings), 2), "p95_ms": round(timings[max(0, int(round(0.95 * len(timings))) - 1)], 2)}
    log(f"  whole page for {', '.join(PAGE_QUERIES)}: median {result['median_ms']:.2f} ms  p95 {result['p95_ms']:.2f} ms")
    return result


def child(args):
    if args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    from articles.demo.archive import fill
    from articles.models import Article

    def log(message):
        print(message, file=sys.stderr, flush=True)

    call_command("migrate", verbosity=0)
    report = {}
    if args.refill or Article.objects.count() != args.articles:
        report["fill"] = fill(args.articles, args.seed, log=log)
    log(f"{Article.objects.count():,} articles, {Article.objects.published().count():,} of them published")
    log("save cost:")
    report["save"] = measure_saves(log)
    log(f"queries ({args.runs} runs each):")
    report["search"] = run_queries(args.runs, args.seed, log)
    report["page"] = run_pages(args.runs, log)
    print(json.dumps(report))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="Benchmark this one database (default: both benchmark databases).")
    parser.add_argument("--articles", type=int, default=100_000, help="How many articles the database should hold (default 100,000).")
    parser.add_argument("--runs", type=int, default=30, help="Timed runs of each query (default 30).")
    parser.add_argument("--seed", type=int, default=5, help="Random seed for the generated articles.")
    parser.add_argument("--refill", action="store_true", help="Regenerate the articles even if the count is right.")
    args = parser.parse_args()
    if args.database_url:
        child(args)
        return

    (ROOT / "var").mkdir(exist_ok=True)
    summary = {}
    for vendor, url in DEFAULT_TARGETS.items():
        print(f"== {vendor}: {url}", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--database-url", url, "--articles", str(args.articles), "--runs", str(args.runs), "--seed", str(args.seed)]
        if args.refill:
            command.append("--refill")
        finished = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        summary[vendor] = json.loads(finished.stdout.strip().splitlines()[-1])
    print()
    print(f"{'database':<12} {'median':>9} {'p95':>9}   target: median < {TARGET_MEDIAN_MS} ms, p95 < {TARGET_P95_MS} ms")
    failed = False
    for vendor, report in summary.items():
        overall = report["search"]["overall"]
        ok = overall["median_ms"] < TARGET_MEDIAN_MS and overall["p95_ms"] < TARGET_P95_MS
        failed |= not ok
        print(f"{vendor:<12} {overall['median_ms']:>6.2f} ms {overall['p95_ms']:>6.2f} ms   {'ok' if ok else 'MISSED'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
