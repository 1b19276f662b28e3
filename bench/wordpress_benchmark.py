"""
How fast import_wordpress moves a WordPress archive, and in how much memory.

Speed (the default): writes a generated export of N posts (5,000 by
default; about 3 KB of classic-editor text each, with shortcodes, links to
other posts, 12 categories, 300 tags, 20 authors, a few drafts, pending
and scheduled posts and pages), migrates a throwaway database and times
three runs of the real command, without media: the first import (articles,
people, sections, topics, search index and every old address), the same
export again (all "unchanged") and a dry run. Target: 100 posts a second
on SQLite.

Memory (--memory): writes an export of about --megabytes MB (200 by
default) of long posts and runs the import in a child process, then prints
that process's peak resident memory. Target: under 300 MB.

    make bench-wordpress
    make bench-wordpress-memory
    .venv/bin/python bench/wordpress_benchmark.py --posts 20000
    .venv/bin/python bench/wordpress_benchmark.py --database-url postgres://postgres@127.0.0.1:5432/nr_bench

A PostgreSQL database given with --database-url is emptied first: never
point it at one that matters.
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from import_benchmark import paragraph, sentence  # noqa: E402

from tests.wxr_builder import FOOTER, SITE, Post, header, item_xml  # noqa: E402

CATEGORIES = [(f"rubrik-{n}", f"Rubrik {n}") for n in range(12)]
TAGS = [(f"topik-{n}", f"Topik {n}") for n in range(300)]
AUTHORS = [(f"penulis{n}", f"Penulis Nomor {n}") for n in range(20)]
STATUSES = ["publish"] * 90 + ["draft"] * 4 + ["pending"] * 2 + ["future"] * 2 + ["private"] + ["trash"]


def post_body(rng, number, paragraphs):
    parts = [paragraph(rng) for _ in range(paragraphs)]
    if number > 1 and rng.random() < 0.4:
        other = rng.randrange(1, number)
        parts.insert(1, f'Baca juga: <a href="{SITE}/?p={other}">{sentence(rng, 4, 7)}</a>')
    if rng.random() < 0.2:
        parts.insert(2, '[caption id="attachment_1" width="300"]<img src="' + SITE + '/wp-content/uploads/2026/11/foto.jpg"> Keterangan foto[/caption]')
    if rng.random() < 0.1:
        parts.append('[embed]https://www.youtube.com/watch?v=x[/embed]')
    return "\n\n".join(part.replace(". ", ".\n", 1) if rng.random() < 0.2 else part for part in parts)


def generate(path, count, paragraphs=(6, 10), seed=20261127, attachments=0):
    """An export of `count` posts (and a page every 100 posts) at `path`, each with `attachments` attachments."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header(authors=AUTHORS, categories=CATEGORIES, tags=TAGS))
        for number in range(1, count + 1):
            status = rng.choice(STATUSES)
            date = start + timedelta(hours=number * 3)
            if status == "future":
                date = datetime.now(UTC) + timedelta(days=rng.randint(1, 30))
            kind = "page" if number % 100 == 0 else "post"
            post = Post(
                number,
                title=f"{sentence(rng, 5, 9)} {number}",
                slug=f"berita-{number}" if kind == "page" or rng.random() < 0.9 else "berita-kembar",
                content=post_body(rng, number, rng.randint(*paragraphs)),
                excerpt=sentence(rng, 12, 20) + "." if rng.random() < 0.3 else "",
                status=status,
                post_type=kind,
                author=rng.choice(AUTHORS)[0],
                date_gmt=date,
                modified_gmt=date + timedelta(days=rng.randint(0, 3)),
                categories=rng.sample(CATEGORIES, rng.randint(1, 2)),
                tags=rng.sample(TAGS, rng.randint(0, 5)),
            )
            handle.write(item_xml(post, permalinks="date"))
            for extra in range(attachments):
                file = f"{date:%Y/%m}/foto-{number}-{extra}.jpg"
                handle.write(item_xml(Post(
                    10_000_000 + number * 100 + extra, title=f"foto {number} {extra}", post_type="attachment", status="inherit",
                    parent=number, attachment_url=f"{SITE}/wp-content/uploads/{file}", meta={"_wp_attached_file": file},
                )))
        handle.write(FOOTER)


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def timed_import(*args):
    from django.core.management import CommandError, call_command

    out = StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        call_command("import_wordpress", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        sys.exit(f"the import failed: {exc}\n{out.getvalue()[-2000:]}")
    return time.perf_counter() - started, time.process_time() - cpu, out.getvalue()


def speed(args, workdir):
    setup_django(args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}")
    from django.conf import settings
    from django.contrib.redirects.models import Redirect
    from django.core.management import call_command

    from articles.models import Article

    if args.without_revisions:
        import contextlib

        import reversion

        from articles.editorial import revisions

        revisions.revision_for = lambda article: contextlib.nullcontext()
        reversion.create_revision = lambda *a, **k: contextlib.nullcontext()
        reversion.add_to_revision = lambda *a, **k: None
    call_command("migrate", verbosity=0)
    if args.database_url:
        call_command("flush", interactive=False, verbosity=0)
    export = workdir / "ekspor.xml"
    generate(export, args.posts)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{args.posts} items, {export.stat().st_size / 1024 / 1024:.1f} MB export, database: {engine}, no media")
    for label, extra in [("first import", []), ("again (unchanged)", []), ("dry run", ["--dry-run"])]:
        seconds, cpu, out = timed_import(str(export), *extra)
        print(
            f"{label:<18} {seconds:7.2f} s  {args.posts / seconds:7.0f} posts/s"
            f" (importer CPU {cpu:.1f} s)   {out.splitlines()[-1].split(chr(9))[1]}"
        )
    print(f"articles: {Article.objects.count()}, old addresses: {Redirect.objects.count()}")


def memory(args, workdir):
    export = workdir / "ekspor-besar.xml"
    # Long posts, so the file is big while the import stays minutes, not
    # hours; for each post ten attachments, as a real uploads library has,
    # which the first pass keeps in memory.
    count = max(1, int(args.megabytes * 1024 / 40))
    generate(export, count, paragraphs=(90, 110), attachments=10)
    size = export.stat().st_size / 1024 / 1024
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'memory.sqlite3'}", "SECRET_KEY": "benchmark-only", "LOG_LEVEL": "WARNING"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run([*manage, "import_wordpress", str(export)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    print(f"{count} items, {size:.0f} MB export: {seconds:.0f} s, exit {result.returncode}")
    print(f"  {summary}")
    print(f"peak resident memory of the import: {max(peak, before) / 1024:.0f} MB (target: under 300 MB)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000, help="Items in the generated export (default 5000).")
    parser.add_argument("--database-url", help="Benchmark this database instead of a throwaway SQLite file (it is emptied).")
    parser.add_argument(
        "--without-revisions",
        action="store_true",
        help="Skip the editorial revision every article save makes, to see what it costs (a measurement, never a way to run imports).",
    )
    parser.add_argument("--memory", action="store_true", help="Measure peak memory on a big export instead of speed.")
    parser.add_argument("--megabytes", type=float, default=200, help="Size of the export for --memory (default 200).")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-wpbench-"))
    try:
        memory(args, workdir) if args.memory else speed(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
