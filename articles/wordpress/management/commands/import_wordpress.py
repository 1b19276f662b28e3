from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation

from articles.models import Section
from articles.wire.contract import ImportCommand
from articles.wire.files import printable, size_of
from articles.wire.outcomes import CREATED, FAILED, UNCHANGED, UPDATED, Result
from articles.wordpress.archives import save_archive_redirects
from articles.wordpress.importer import SKIPPED, WordPressImporter
from articles.wordpress.wxr import WXRError, read_catalogue

OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)


class Command(ImportCommand):
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

    outcomes = OUTCOMES

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
        self.start(total=sum(map(size_of, paths)), noun="item", dry_run=dry_run, verbosity=verbosity)
        with self.reporting():
            for path in paths:
                self.label = str(path)
                self.import_file(path, mapping, sections, media_from, dry_run)

    def import_file(self, path, mapping, sections, media_from, dry_run):
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
