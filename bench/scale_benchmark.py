"""
Reader pages on 100,000 articles against the same pages on the demo data:
each page's server CPU time and SQL queries, rendered in full (page cache
off), on SQLite and, with --database-url, on PostgreSQL.

    make bench-scale                                   # SQLite
    BENCH_ARGS="--postgres" make bench-scale           # SQLite and PostgreSQL

The demo database is made with load_demo, the big one with
`manage.py generate_articles --count 100000 --days 300` (about 10,000
articles a month, 330 a day), once: a database already holding the
requested count is reused. Each page is requested --runs times through
Django's WSGI handler in one process (no network, no load generator), and
the median of the CPU time per request is kept. The demo and the big
database are measured in alternating processes, --rounds times each, and
each page keeps the median of its rounds: on a shared machine the load
changes within minutes, and measuring one database after the other would
put that change into the ratio.

Targets (issue 14): every page on 100,000 articles within 2x of its time on
the demo, and at most 8 SQL queries. Exits 1 when one is missed.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUERY_BUDGET = 8
SLOWDOWN_LIMIT = 2.0


def pages():
    """The reader pages to measure, found in the database at hand: the biggest section, busiest day and month."""
    from django.db.models import Count
    from django.db.models.functions import TruncDate, TruncMonth

    from articles.models import Article, Contribution, Section, Tag
    from articles.urlsets import PAGE_SIZE, NewsSitemap

    published = Article.objects.published()
    article = published.order_by("-publish_at")[len(published) // 2 if published.count() < 50 else 40]
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    last_page = max(1, -(-published.filter(section=section).count() // 20))
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n").first()
    person = Contribution.objects.values("person__slug").annotate(n=Count("id")).order_by("-n").first()["person__slug"]
    busiest = published.annotate(day=TruncDate("publish_at")).values("day").annotate(n=Count("id")).order_by("-n").first()
    month = published.annotate(month=TruncMonth("publish_at")).values("month").annotate(n=Count("id")).order_by("-n").first()
    day = busiest["day"].isoformat()
    month_pages = max(1, -(-month["n"] // PAGE_SIZE))
    news = NewsSitemap()
    return {
        "front page": "/",
        "article": article.get_absolute_url(),
        "section, page 1": section.get_absolute_url(),
        f"section, last page ({last_page})": f"{section.get_absolute_url()}?page={last_page}",
        "topic": tag.get_absolute_url(),
        "person": f"/penulis/{person}/",
        f"index, busiest day ({busiest['n']})": f"/indeks/?tanggal={day}",
        "index, busiest day, one section": f"/indeks/?tanggal={day}&rubrik={section.slug}",
        "RSS": "/rss/",
        "section RSS": f"/rubrik/{section.slug}/rss/",
        "sitemap index": "/sitemap.xml",
        f"sitemap, busiest month ({month['n']:,} stories)": f"/sitemap-artikel-{month['month']:%Y-%m}.xml",
        f"sitemap, busiest month's last page ({month_pages})": f"/sitemap-artikel-{month['month']:%Y-%m}.xml?p={month_pages}",
        f"news sitemap, first file ({news.count()} stories)": "/sitemap-news.xml",
        f"news sitemap, last file ({news.num_pages()})": f"/sitemap-news.xml?p={news.num_pages()}",
        "search": "/cari/?q=harga",
    }


def measure(path, runs):
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    handler = WSGIHandler()
    statuses = []
    base, _, query = path.partition("?")

    def get():
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": base, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http",
        }
        b"".join(handler(environ, lambda status, headers, exc_info=None: statuses.append(status)))

    get()  # Warm: templates compiled, connection open.
    queries = []
    # Counted by a wrapper: the handler empties connection.queries when a request starts.
    with connection.execute_wrapper(lambda execute, sql, params, many, context: queries.append(sql) or execute(sql, params, many, context)):
        get()
    timings = []
    for _ in range(runs):
        started = time.process_time()
        get()
        timings.append((time.process_time() - started) * 1000)
    return {"status": statuses[-1], "cpu_ms": statistics.median(timings), "queries": len(queries)}


def child(args):
    os.environ.update(
        DATABASE_URL=args.database_url, SECRET_KEY="bench-scale-only", DEBUG="0", PAGE_CACHE="0",
        ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from articles.models import Article

    def log(message):
        print(message, file=sys.stderr, flush=True)

    # Static files by name: the benchmark runs without collectstatic.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    call_command("migrate", verbosity=0)
    if args.articles:
        if Article.objects.count() != args.articles:
            call_command("generate_articles", count=args.articles, days=300, replace=True, force=True)
    elif not Article.objects.exists():
        call_command("load_demo", force=True, stdout=io.StringIO())
    log(f"{args.database_url}: {Article.objects.published().count():,} published articles")
    print(json.dumps({name: {"path": path, **measure(path, args.runs)} for name, path in pages().items()}))


def run(database_url, articles, runs):
    command = [sys.executable, __file__, "--child", "--database-url", database_url, "--runs", str(runs), "--articles", str(articles)]
    finished = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True, cwd=ROOT)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def kind(name):
    """A page's name without its figures in brackets, which may change between rounds (the news window moves)."""
    return name.split(" (")[0]


def median_of(rounds):
    """Each page's row from the last round, with the median CPU time of all rounds."""
    by_kind = [{kind(name): row for name, row in r.items()} for r in rounds]
    return {name: {**row, "cpu_ms": statistics.median(r[kind(name)]["cpu_ms"] for r in by_kind)} for name, row in rounds[-1].items()}


def compare(vendor, demo, big):
    print(f"\n{vendor}: CPU ms per request (median), queries; page cache off")
    print(f"{'page':<44} {'demo':>7} {'100k':>7} {'ratio':>6} {'queries':>8}")
    failed = []
    demo_by_kind = {kind(name): row for name, row in demo.items()}
    for name, row in big.items():
        base = demo_by_kind.get(kind(name))
        ratio = row["cpu_ms"] / base["cpu_ms"] if base else float("nan")
        queries = f"{base['queries'] if base else '?'}/{row['queries']}"
        ok = row["status"].startswith("200") and ratio <= SLOWDOWN_LIMIT and row["queries"] <= QUERY_BUDGET
        if not ok:
            failed.append(name)
        print(f"{name[:44]:<44} {base['cpu_ms'] if base else 0:>7.2f} {row['cpu_ms']:>7.2f} {ratio:>6.2f} {queries:>8}  {'' if ok else 'MISSED ' + row['status']}")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="requests per page and round (default 15)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds on each database (default 3)")
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the big database (default 100,000)")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL (newsroom_scale_demo, newsroom_scale_big)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.articles == 0:
            args.articles = None
        return child(args)
    (ROOT / "var").mkdir(exist_ok=True)
    targets = [("sqlite", f"sqlite:///{ROOT / 'var' / 'scale-demo.sqlite3'}", f"sqlite:///{ROOT / 'var' / 'scale-big.sqlite3'}")]
    if args.postgres:
        from search_benchmark import ensure_postgres_database

        pg = "postgres://postgres@127.0.0.1:5432/"
        for name in ("newsroom_scale_demo", "newsroom_scale_big"):
            ensure_postgres_database(pg + name)
        targets.append(("postgresql", pg + "newsroom_scale_demo", pg + "newsroom_scale_big"))
    failed = []
    for vendor, demo_url, big_url in targets:
        demo_rounds, big_rounds = [], []
        for _ in range(args.rounds):
            demo_rounds.append(run(demo_url, 0, args.runs))
            big_rounds.append(run(big_url, args.articles, args.runs))
        failed += compare(vendor, median_of(demo_rounds), median_of(big_rounds))
    print(f"\ntargets: within {SLOWDOWN_LIMIT:g}x of the demo, at most {QUERY_BUDGET} queries; " + ("all met" if not failed else f"missed: {', '.join(failed)}"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
