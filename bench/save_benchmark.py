"""
What version checking and revisions add to saving an article.

Migrates a throwaway SQLite database (var/savebench.sqlite3, or
--database-url), makes an article with a body of --body-mb megabytes of
paragraphs, and times --saves saves of it, each changing the headline and
one paragraph, four ways in the same run:

  ceiling    Django's own Model.save(): the bare UPDATE of every column
  +version   the same inside a transaction, after the conditional
             UPDATE ... WHERE version = base that refuses stale saves
  +revision  the same inside a django-reversion revision, as Article.save()
             does (the article's JSON copy, byline, sources, RevisionInfo)
  Article    Article.save(reindex=False): all of the above plus cleaning
             the body HTML (search re-indexing left out: it has its own
             benchmark)

and prints the median and the range per save, and what version checking
and revisions add to the ceiling (target: under 20 ms with a 2 MB body on
SQLite). The machine is noisy: read ranges, and run it twice.

    make bench-save
    .venv/bin/python bench/save_benchmark.py --saves 50 --body-mb 2
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=40, help="Saves timed per way (default 40).")
    parser.add_argument("--body-mb", type=float, default=2.0, help="Body size in megabytes (default 2).")
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'savebench.sqlite3'}", help="Throwaway database.")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("SECRET_KEY", "benchmark-only-insecure-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    if args.database_url.startswith("sqlite:///"):
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run(args.saves, int(args.body_mb * 1024 * 1024))


def body_of(size, marker):
    paragraph = "<p>Warga pesisir utara Jakarta mengungsi ke balai desa setelah air laut naik sejak pagi hari ini.</p>"
    count = size // len(paragraph)
    return f"<p>Pembaruan {marker}.</p>" + paragraph * count


def run(saves, size):
    import reversion
    from django.db import models, transaction

    from articles.editorial.revisions import revision_for
    from articles.editorial.versioning import claim_version
    from articles.models import Article

    article = Article.objects.create(headline="Banjir rob", body=body_of(size, 0), status="draft")
    article = Article.objects.get(pk=article.pk)

    def ceiling(n):
        models.Model.save(article)

    def with_version(n):
        with transaction.atomic():
            claim_version(article, article.version)
            models.Model.save(article)

    def with_revision(n):
        with transaction.atomic(), revision_for(article):
            claim_version(article, article.version)
            models.Model.save(article)

    def full(n):
        article.save(reindex=False)

    ways = [("ceiling", ceiling), ("+version", with_version), ("+revision", with_revision), ("Article", full)]
    timings = {name: [] for name, _way in ways}
    counter = 0
    # Interleaved, so that a noisy moment hits every way alike.
    for _round in range(saves):
        for name, way in ways:
            counter += 1
            article.headline = f"Banjir rob, pembaruan {counter}"
            article.body = body_of(size, counter)
            started = time.perf_counter()
            way(counter)
            timings[name].append((time.perf_counter() - started) * 1000)
    assert reversion.is_registered(Article)

    print(f"body {size / 1024 / 1024:.1f} MB, {saves} saves per way, {article.version} versions stored")
    for name, values in timings.items():
        values.sort()
        low, high = values[len(values) // 10], values[-(len(values) // 10) - 1]
        print(f"{name:10} median {statistics.median(values):7.1f} ms   p10–p90 {low:6.1f}–{high:6.1f} ms")
    base = statistics.median(timings["ceiling"])
    version = statistics.median(timings["+version"]) - base
    revision = statistics.median(timings["+revision"]) - base
    print(f"version check adds {version:.1f} ms; version check and revision add {revision:.1f} ms (target under 20 ms)")


if __name__ == "__main__":
    main()
