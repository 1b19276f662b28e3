"""
Thin the revision history: revisions of published states are kept forever,
and so are each article's first revision and its newest --keep revisions;
other intermediate revisions (drafts saved again and again) are deleted.
Safe to run from cron daily; --dry-run counts without deleting.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from reversion.models import Revision

from articles.editorial.models import RevisionInfo


def thinnable(keep):
    """Ids of revisions the policy lets go, for all articles."""
    by_article = {}
    for info in RevisionInfo.objects.order_by("article_id", "-version", "-pk").values("article_id", "revision_id", "status"):
        by_article.setdefault(info["article_id"], []).append(info)
    doomed, protected = set(), set()
    for infos in by_article.values():
        for position, info in enumerate(infos):
            first = position == len(infos) - 1
            if position < keep or first or info["status"] == "published":
                protected.add(info["revision_id"])
            else:
                doomed.add(info["revision_id"])
    # A revision that also holds a kept state of another article stays.
    return doomed - protected


class Command(BaseCommand):
    help = "Delete intermediate article revisions beyond the newest --keep per article; published states are kept forever."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.REVISIONS_KEEP,
            help="Newest revisions kept per article whatever their state (default REVISIONS_KEEP, %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, keep, dry_run, verbosity, **options):
        if keep < 1:
            raise CommandError("--keep must be 1 or more.")
        with transaction.atomic():
            doomed = thinnable(keep)
            if not dry_run and doomed:
                Revision.objects.filter(pk__in=doomed).delete()
        if verbosity:
            verb = "would delete" if dry_run else "deleted"
            self.stdout.write(f"{verb} {len(doomed)} intermediate revisions (kept: published states, first, newest {keep} per article)")
