import logging
import sys
from datetime import datetime

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone, translation

from articles.dates import utc_offset, zone_name
from articles.editorial.decisions import record_import_run
from articles.models import Section
from articles.wire.contract import ImportCommand
from articles.wire.files import collect, is_export, size_of
from articles.wire.identity import wire_source_key
from articles.wire.importer import WireImporter
from articles.wire.outcomes import CREATED, FAILED, UNCHANGED, UPDATED, ImportFailed, Result, counted
from articles.wire.reimport import ExportImporter

OUTCOMES = (CREATED, UPDATED, UNCHANGED, FAILED)

# For the log collector (standard error under manage.py); standard output
# carries only the contract lines.
logger = logging.getLogger("articles.wire.import")


class Command(ImportCommand):
    """
    Bring wire copy and exported articles into the site, safely and in bulk.

    PATH is a file or a folder; in a folder every `*.txt` file is imported,
    recursively, in path order (hidden files and folders are skipped). A
    `.txt` file is wire copy (format in articles/wire/format.py); a `.jsonl` file
    is the output of export_articles.

    Output, one line per file (per record for .jsonl), three columns
    separated by a tab, so scripts can rely on it:

        created    wire/banjir-rob.txt         /berita/banjir-rob-di-pesisir-utara/
        unchanged  wire/harga-cabai.txt        /berita/harga-cabai-turun/
        failed     wire/foto.txt               binary data
        created    arsip.jsonl:12              /berita/pemilu-kepala-desa/

    The third column is the article's address on the site (where readers
    find it once it is published) or, for a failure, the reason: empty
    file, no headline, no body, not UTF-8 text, binary data, too large,
    headline too long, edited on the site since it was imported, ... The
    output is an operators' contract and stays in English whatever the
    site's language. A final line starts with "summary". On a terminal a
    progress bar is drawn on standard error, never on standard output.

    Identity: a wire story is its file name (see articles/wire/identity.py):
    a corrected version under the same name updates the article, the same
    text again is "unchanged". An exported article is its slug.

    Status: new articles are drafts unless --publish or --publish-at is
    given, which need --section. Nobody is logged in: the operator's access
    to the server is the authority to publish. On articles that already
    exist, options only fill what editors left empty.

    Every file is imported in its own transaction: a run that is killed
    leaves no half article, and the same command run again finishes the
    job without duplicates.

    Exit status: 0 when every file was imported, 1 when any failed (the
    others are imported all the same) or the arguments are wrong, 130 when
    interrupted.
    """

    help = "Import wire copy (.txt files or folders of them) and export_articles output (.jsonl) as articles."

    outcomes = OUTCOMES
    warns_when_quiet = True

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A wire file, a folder of them (searched recursively for *.txt), or a .jsonl export.")
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--publish", action="store_true", help="Publish new articles now (needs --section).")
        when.add_argument(
            "--publish-at",
            metavar="DATETIME",
            help=f"Publish new articles at this ISO 8601 time, e.g. 2025-03-01T07:00 (no offset means the site's time zone, {zone_name()}); a future time schedules them, a past one backdates them (needs --section).",
        )
        parser.add_argument("--section", metavar="SLUG", help="Put new articles, and imported ones without a section, in this section.")
        parser.add_argument(
            "--author", metavar="NAME", help="Byline for new articles (a person's slug or name; created if nobody has it)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, report what would happen, write nothing.")
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="Replace the text of articles editors changed on the site since they were imported (such files fail otherwise).",
        )

    def handle(self, *args, **options):
        # Model validation messages are translated; keep them in the
        # language of the rest of this output.
        with translation.override("en"):
            self.import_all(**options)

    def import_all(self, *, paths, publish, publish_at, section, author, dry_run, overwrite_edits, verbosity, **options):
        wire_importer = self.wire_importer(publish, publish_at, section, author, dry_run, overwrite_edits)
        export_importer = ExportImporter(dry_run=dry_run, warn=self.warn)
        files, unreadable = collect(paths)
        self.seen = {}
        noun = "item" if any(is_export(path) for path in files) else "file"
        if not files and verbosity:
            self.stderr.write("No .txt files found; nothing to import.")
        sizes = [size_of(path) for path in files]
        self.start(total=sum(sizes), noun=noun, dry_run=dry_run, verbosity=verbosity, show_bar=len(files) > 1)
        for result in unreadable:
            self.report(result)
        with self.reporting():
            for index, path in enumerate(files):
                self.label = str(path)
                self.import_path(path, self.label, wire_importer, export_importer)
                self.bar.set_postfix_str(f"{index + 1}/{len(files)} files", refresh=False)
                self.bar.update(sizes[index])

    def wire_importer(self, publish, publish_at, section, author, dry_run, overwrite_edits):
        """The importer for the options given, or CommandError saying which option is wrong."""
        when = parse_publish_at(publish_at) if publish_at else None
        if (publish or when) and not section:
            raise CommandError("--publish and --publish-at need --section: a published article must be in a section.")
        chosen_section = None
        if section:
            chosen_section = Section.objects.filter(slug=section).first()
            if chosen_section is None:
                known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"--section {section}: no section has that slug (sections: {known}).")
        try:
            return WireImporter(
                section=chosen_section,
                author_name=author or "",
                publish=publish,
                publish_at=when,
                dry_run=dry_run,
                overwrite_edits=overwrite_edits,
                signoffs=[settings.SITE_NAME, *settings.WIRE_SIGNOFFS],
            )
        except ImportFailed as exc:
            raise CommandError(f"--author: {exc}") from exc

    def import_path(self, path, label, wire_importer, export_importer):
        if is_export(path):
            start = self.bar.n
            on_read = lambda position: self.bar.update(start + position - self.bar.n)  # noqa: E731
            for result in export_importer.import_file(path, label, progress=on_read):
                self.report(result)
            self.bar.update(start - self.bar.n)  # the loop adds the whole file
            return
        key = wire_source_key(path)
        if key in self.seen:
            reason = f"same file name as {self.seen[key]}; the file name identifies the story, so only the first was imported"
            result = Result(FAILED, label, reason)
        else:
            self.seen[key] = label
            result = wire_importer.import_file(path, label)
        self.report(result)

    def report(self, result):
        logger.debug("%s %s %s", result.outcome, result.label, result.detail)
        super().report(result)

    def finished(self, note):
        if not self.dry_run:
            # Who ran what, with the counts, in the audit log (issue 10).
            record_import_run(dict(self.counts), sys.argv)
        total = counted(self.counts.total(), self.noun)
        logger.info("import_articles: %s: %s%s", total, self.counts_line(), f" ({note})" if note else "")


def parse_publish_at(value):
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"--publish-at {value!r} is not an ISO 8601 date and time; write e.g. 2025-03-01T07:00 ({zone_name()}) or 2025-03-01T07:00{utc_offset()}."
        ) from exc
    if timezone.is_naive(when):
        when = timezone.make_aware(when, timezone.get_default_timezone())
    return when

