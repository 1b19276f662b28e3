import time
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import translation

from articles.models import Section
from articles.progress import progress_bar, writing_past
from articles.wire.files import printable, size_of
from articles.wire.outcomes import CREATED, FAILED, UNCHANGED, UPDATED, Result, counted
from articles.wordpress.archives import save_archive_redirects
from articles.wordpress.importer import SKIPPED, WordPressImporter
from articles.wordpress.wxr import WXRError, read_catalogue

OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)


class Command(BaseCommand):
    """
    Move an outlet's archive from WordPress: import WordPress exports (WXR,
    from Tools -> Export) with their posts, pages, authors, categories,
    tags and pictures, and keep every old address working.

    Each FILE is read twice, streaming, in bounded memory: once to check it
    from end to end (a damaged, truncated or hostile file imports nothing)
    and to learn the new address of every post, then to import. Mapping
    rules: articles/wordpress/mapping.py; bodies: articles/wordpress/body.py;
    old addresses: articles/wordpress/addresses.py and archives.py.

    Output, one line per post or page, three columns separated by a tab:
    outcome (created, updated, unchanged, skipped, failed), the item's old
    link, and its new site path or the reason; then a summary line.
    Warnings (a removed shortcode, a missing picture) go to standard error.
    On a terminal a progress bar is drawn on standard error.

    Each item is imported in its own transaction: a killed run leaves whole
    items, and the same command run again finishes without duplicates.
    Running it again on the same export changes nothing ("unchanged").

    Exit status: 0 when every item was imported or deliberately skipped,
    1 when any failed (the others are imported all the same) or the
    arguments are wrong, 130 when interrupted.
    """

    help = "Import WordPress exports (WXR files) as articles, static pages, sections, topics, people and images, with redirects from every old address."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.xml", help="A WordPress export (Tools → Export, WXR 1.0–1.2).")
        parser.add_argument(
            "--media-from",
            metavar="DIR",
            help="A copy of the old site's wp-content/uploads; featured images and pictures in bodies are imported from it. Without it no picture is imported (nothing is ever downloaded).",
        )
        parser.add_argument(
            "--section-map",
            nargs="+",
            action="extend",
            default=[],
            metavar="CAT=SLUG",
            help="Put posts of the WordPress category CAT (its slug or name) in the existing section SLUG; other categories become sections of their own.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, report what would happen, write nothing.")

    def handle(self, *args, **options):
        # Validation messages are translated; keep them in the language of the rest of this output.
        with translation.override("en"):
            self.import_all(**options)

    def import_all(self, *, files, media_from, section_map, dry_run, verbosity, **options):
        mapping, sections = parse_section_map(section_map)
        if media_from and not Path(media_from).is_dir():
            raise CommandError(f"--media-from {media_from}: no such folder.")
        paths = [Path(name) for name in files]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{printable(path)}: {'not a file' if path.exists() else 'no such file'}.")
        self.verbosity = verbosity
        self.counts = Counter()
        self.bar = progress_bar(self, total=sum(map(size_of, paths)), unit="B", unit_scale=True, verbosity=verbosity)
        started = time.monotonic()
        label = ""
        try:
            for index, path in enumerate(paths):
                label = str(path)
                self.import_file(index, path, mapping, sections, media_from, dry_run)
        except KeyboardInterrupt:
            self.summarize(started, dry_run, note="interrupted")
            raise CommandError(
                "Interrupted. Run the same command again to finish: what was imported is kept, nothing is duplicated.", returncode=130
            ) from None
        except DatabaseError as exc:
            self.summarize(started, dry_run, note="stopped")
            raise CommandError(f"{printable(label)}: database error, import stopped ({exc}).") from exc
        self.summarize(started, dry_run)
        if self.counts[FAILED]:
            raise CommandError(f"{self.counts[FAILED]} of {counted(self.counts.total(), 'item')} failed; see the lines marked “failed”.")

    def import_file(self, index, path, mapping, sections, media_from, dry_run):
        start = self.bar.n
        on_read = lambda position: self.bar.update(start + position - self.bar.n)  # noqa: E731
        try:
            catalogue = read_catalogue(path)
            importer = WordPressImporter(
                catalogue, section_map=mapping, sections=sections, media_from=media_from, dry_run=dry_run, warn=self.warn
            )
            for result in importer.import_file(path, on_read):
                self.report(result)
        except WXRError as exc:
            self.report(Result(FAILED, str(path), str(exc)))
            return
        if not dry_run:
            save_archive_redirects(catalogue, mapping, sections)
        if media_from is None and importer.media.skipped:
            self.warn(str(path), f"{len(importer.media.skipped)} pictures not imported: no --media-from folder given")
        self.bar.update(start + size_of(path) - self.bar.n)

    def report(self, result):
        self.counts[result.outcome] += 1
        if self.verbosity or result.outcome == FAILED:
            self.write_line(self.stdout, "\t".join(printable(part) for part in (result.outcome, result.label, result.detail)))

    def warn(self, label, message):
        if self.verbosity:
            self.write_line(self.stderr, f"warning: {printable(label)}: {message}")

    def write_line(self, stream, line):
        with writing_past(self.bar, stream):
            stream.write(line)
            stream.flush()

    def summarize(self, started, dry_run, note=""):
        self.bar.close()
        if not self.verbosity:
            return
        counts = ", ".join(f"{self.counts[outcome]} {outcome}" for outcome in OUTCOMES)
        notes = [note] if note else []
        if dry_run:
            notes.append("dry run: nothing was written")
        suffix = f" ({'; '.join(notes)})" if notes else ""
        self.stdout.write(f"summary\t{counted(self.counts.total(), 'item')}: {counts} in {time.monotonic() - started:.1f} s{suffix}")
        self.stdout.flush()


def parse_section_map(pairs):
    """{category (lower case): section slug} and {slug: Section}; CommandError for a malformed pair or unknown section."""
    mapping, sections = {}, {}
    for pair in pairs:
        category, sep, slug = pair.partition("=")
        category, slug = category.strip(), slug.strip()
        if not sep or not category or not slug:
            raise CommandError(f"--section-map {pair!r}: write CATEGORY=SECTION-SLUG, e.g. politik=nasional.")
        section = sections.get(slug) or Section.objects.filter(slug=slug).first()
        if section is None:
            known = ", ".join(Section.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"--section-map {pair}: no section has the slug {slug!r} (sections: {known}).")
        mapping[category.lower()] = slug
        sections[slug] = section
    return mapping, sections
