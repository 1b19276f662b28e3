import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles.models import Article
from articles.progress import progress_bar
from articles.search.index import rebuild_index


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
        started = time.monotonic()
        try:
            with transaction.atomic(), progress_bar(self, total=None, unit=" articles", verbosity=verbosity) as bar:
                count = rebuild_index(Article.objects.all(), batch_size=batch_size, progress=lambda done, total: advance(bar, done, total))
                if dry_run:
                    transaction.set_rollback(True)
        except DatabaseError as exc:
            raise CommandError(f"The search index could not be rebuilt ({exc}); the old index is unchanged.") from exc
        if verbosity:
            verb = "Would index" if dry_run else "Indexed"
            self.stdout.write(f"{verb} {count:,} articles in {time.monotonic() - started:.1f} s.")


def advance(bar, done, total):
    bar.total = total
    bar.update(done - bar.n)
