import os
import tempfile
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.dates import zone_name
from articles.wire.export import articles_for_export, dumps, export_article


class Command(BaseCommand):
    """
    Write every article, in any status, as JSON lines: one object per
    article with its text, status and times, section, byline people and
    their roles, tags, sources, related articles and lead image (file name
    and texts; copy MEDIA_ROOT along for the files themselves). The format
    is described in articles/wire/export.py; `import_articles FILE.jsonl`
    reads it back, so an export imported into an empty site reproduces it.

    Use it for backups you can read, for moving to another server or
    database, and, with --since, for passing recent changes on.

    The output holds drafts, so a file written with --output is readable by
    its owner only, and appears whole or not at all (it is written beside
    the target and renamed into place).
    """

    help = "Export articles with their people, section, tags and sources as JSON lines (all articles, oldest first)."

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="Write to FILE instead of standard output (replaced whole when the export is complete).")
        parser.add_argument(
            "--since",
            metavar="DATE",
            help=f"Only articles changed at or after DATE (ISO 8601: 2025-03-01, or 2025-03-01T07:00; no offset means the site's time zone, {zone_name()}).",
        )

    def handle(self, *args, output=None, since=None, verbosity=1, **options):
        changed_since = parse_since(since) if since else None
        articles = articles_for_export(changed_since).iterator(chunk_size=500)
        if output is None:
            count = self.write(articles, self.stdout)
            report = self.stderr
        else:
            count = self.write_file(articles, Path(output))
            report = self.stdout
        if verbosity:
            target = output or "standard output"
            report.write(f"Exported {count} article{'s' if count != 1 else ''} to {target}.")

    def write(self, articles, stream):
        count = 0
        for article in articles:
            stream.write(dumps(export_article(article)) + "\n", ending="")
            count += 1
        return count

    def write_file(self, articles, path):
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise CommandError(f"--output {path}: the folder {folder} does not exist.")
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise CommandError(f"--output {path}: cannot write there ({exc.strerror}).") from exc
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                count = 0
                for article in articles:
                    stream.write(dumps(export_article(article)) + "\n")
                    count += 1
            os.replace(temporary, path)
        except BaseException as exc:
            os.unlink(temporary)
            if isinstance(exc, OSError):
                raise CommandError(f"--output {path}: writing failed ({exc.strerror or exc}); nothing was written.") from exc
            raise
        return count


def parse_since(value):
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--since {value!r} is not an ISO 8601 date; write e.g. 2025-03-01 or 2025-03-01T07:00.") from exc
    if timezone.is_naive(when):
        when = timezone.make_aware(when, timezone.get_default_timezone())
    return when
