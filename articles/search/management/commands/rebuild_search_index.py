import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles.models import Article
from articles.search.index import rebuild_index


class ProgressBar:
    """A one-line bar redrawn in place; only for a terminal, never in logs."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()

    def __call__(self, done, total):
        share = done / total if total else 1
        filled = int(share * self.WIDTH)
        rate = done / max(time.monotonic() - self.started, 1e-6)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {share:4.0%} {done:,}/{total:,} articles, {rate:,.0f}/s", style_func=str, ending="")
        self.stream.flush()

    def finish(self):
        self.stream.write("", style_func=str)


class Command(BaseCommand):
    """
    Rebuild every article's search document from the article as it is now.

    Article.save() keeps the index current, but bulk updates, edits made in
    the database by hand, a change to the stemming rules or a restored
    backup leave it stale; this starts over. The documents of all articles
    are replaced in one transaction (searches keep seeing the old index
    until it commits), then the database's index is tidied.
    """

    help = "Rebuild the full-text search index of all articles from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Articles read and written at a time (default 500).")
        parser.add_argument("--dry-run", action="store_true", help="Build every document, then roll back: shows the time it takes and writes nothing.")

    def handle(self, *args, batch_size, dry_run, verbosity, **options):
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch_size}.")
        bar = ProgressBar(self.stderr) if verbosity and self.stderr.isatty() else None
        started = time.monotonic()
        try:
            with transaction.atomic():
                count = rebuild_index(Article.objects.all(), batch_size=batch_size, progress=bar)
                if dry_run:
                    transaction.set_rollback(True)
        except DatabaseError as exc:
            raise CommandError(f"The search index could not be rebuilt ({exc}); the old index is unchanged.") from exc
        finally:
            if bar:
                bar.finish()
        if verbosity:
            verb = "Would index" if dry_run else "Indexed"
            self.stdout.write(f"{verb} {count:,} articles in {time.monotonic() - started:.1f} s.")

