import itertools
import os
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone, translation

from articles.editorial.decisions import record_import_run
from articles.models import Article, Section
from articles.search.ahead import StemsAhead
from articles.wire.importer import (
    CREATED,
    FAILED,
    UNCHANGED,
    UPDATED,
    ExportImporter,
    ImportFailed,
    Result,
    WireImporter,
    name_as_text,
    wire_source_key,
)

OUTCOMES = (CREATED, UPDATED, UNCHANGED, FAILED)


class Command(BaseCommand):
    """
    Bring wire copy and exported articles into the site, safely and in bulk.

    PATH is a file or a folder; in a folder every `*.txt` file is imported,
    recursively, in path order (hidden files and folders are skipped). A
    `.txt` file is wire copy (format in articles/wire.py); a `.jsonl` file
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

    Identity: a wire story is its file name (see articles/importer.py):
    a corrected version under the same name updates the article, the same
    text again is "unchanged". An exported article is its slug.

    Status: new articles are drafts unless --publish or --publish-at is
    given, which need --section. Nobody is logged in: the operator's access
    to the server is the authority to publish. On articles that already
    exist, options only fill what editors left empty.

    Every file is imported in its own transaction: a run that is killed
    leaves no half article, and the same command run again finishes the
    job without duplicates.

    Speed: for 32 stories or more that are new to the site, a second
    process stems the words of the files ahead of the one being imported,
    for the search index (articles/search/ahead.py); it changes no result,
    only the time.

    Exit status: 0 when every file was imported, 1 when any failed (the
    others are imported all the same) or the arguments are wrong, 130 when
    interrupted.
    """

    help = "Import wire copy (.txt files or folders of them) and export_articles output (.jsonl) as articles."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A wire file, a folder of them (searched recursively for *.txt), or a .jsonl export.")
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--publish", action="store_true", help="Publish new articles now (needs --section).")
        when.add_argument(
            "--publish-at",
            metavar="DATETIME",
            help="Publish new articles at this ISO 8601 time, e.g. 2025-03-01T07:00 (no offset means the site's time zone, TIME_ZONE); a future time schedules them, a past one backdates them (needs --section).",
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
            wire_importer = WireImporter(
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
        files, unreadable = collect(paths)

        self.verbosity = verbosity
        self.counts = Counter()
        self.progress = None
        if verbosity and len(files) > 1 and self.stderr.isatty():
            self.progress = ProgressBar(self.stderr, files)
            self.progress.draw()
        export_importer = ExportImporter(dry_run=dry_run, warn=self.warn)
        noun = "item" if any(is_export(path) for path in files) else "file"
        if not files and verbosity:
            self.stderr.write("No .txt files found; nothing to import.")

        started = time.monotonic()
        self.seen = {}
        label = ""
        # A dry run writes no search documents, so it has nothing to stem.
        ahead = StemsAhead([] if dry_run else new_stories(files))
        for result in unreadable:
            self.report(result)
        try:
            with ahead:
                for index, path in enumerate(files):
                    label = str(path)
                    ahead.at(index)
                    self.import_path(index, path, label, wire_importer, export_importer)
        except KeyboardInterrupt:
            self.summarize(noun, started, dry_run, note="interrupted")
            raise CommandError(
                "Interrupted. Run the same command again to finish: what was imported is kept, nothing is duplicated.", returncode=130
            ) from None
        except DatabaseError as exc:
            self.summarize(noun, started, dry_run, note="stopped")
            raise CommandError(f"{printable(label)}: database error, import stopped ({exc}).") from exc

        self.summarize(noun, started, dry_run)
        failed = self.counts[FAILED]
        if failed:
            raise CommandError(f"{failed} of {counted(self.counts.total(), noun)} failed; see the lines marked “failed”.")

    def import_path(self, index, path, label, wire_importer, export_importer):
        if is_export(path):
            on_read = self.progress.reading(index) if self.progress else None
            for result in export_importer.import_file(path, label, progress=on_read):
                self.report(result)
            if self.progress:
                self.progress.advance(index + 1)
                self.progress.draw()
            return
        key = wire_source_key(path)
        if key in self.seen:
            reason = f"same file name as {self.seen[key]}; the file name identifies the story, so only the first was imported"
            result = Result(FAILED, label, reason)
        else:
            self.seen[key] = label
            result = wire_importer.import_file(path, label)
        if self.progress:
            self.progress.advance(index + 1)
        self.report(result)

    def report(self, result):
        self.counts[result.outcome] += 1
        if self.verbosity or result.outcome == FAILED:
            self.write_line(self.stdout, "\t".join(printable(part) for part in (result.outcome, result.label, result.detail)))

    def warn(self, label, message):
        self.write_line(self.stderr, f"warning: {printable(label)}: {message}")

    def write_line(self, stream, line):
        # A line for the terminal the bar is on replaces the bar, which is
        # drawn again below it; a line for a file or pipe leaves it alone.
        on_terminal = self.progress and stream.isatty()
        if on_terminal:
            self.progress.clear()
        stream.write(line)
        stream.flush()
        if self.progress:
            self.progress.draw(throttle=not on_terminal)

    def summarize(self, noun, started, dry_run, note=""):
        if self.progress:
            self.progress.clear()
            self.progress = None
        if not dry_run:
            # Who ran what, with the counts, in the audit log (issue 10).
            record_import_run(dict(self.counts), sys.argv)
        if not self.verbosity:
            return
        counts = ", ".join(f"{self.counts[outcome]} {outcome}" for outcome in OUTCOMES)
        notes = [note] if note else []
        if dry_run:
            notes.append("dry run: nothing was written")
        suffix = f" ({'; '.join(notes)})" if notes else ""
        self.stdout.write(f"summary\t{counted(self.counts.total(), noun)}: {counts} in {time.monotonic() - started:.1f} s{suffix}")
        self.stdout.flush()


def counted(number, noun):
    """ "1 file", "2 files": the output is English whatever the site's language."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def parse_publish_at(value):
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"--publish-at {value!r} is not an ISO 8601 date and time; write e.g. 2025-03-01T07:00 (WIB) or 2025-03-01T07:00+07:00."
        ) from exc
    if timezone.is_naive(when):
        when = timezone.make_aware(when, timezone.get_default_timezone())
    return when


def is_export(path):
    return path.suffix.lower() == ".jsonl"


def new_stories(files):
    """
    `files` with None for every one that is not a wire story new to the
    site (exports, stories imported before): the files whose words the
    import will surely stem, so the ones worth stemming ahead. A re-run
    over an imported folder has none, and starts no worker.
    """
    keys = [None if is_export(path) else wire_source_key(path) for path in files]
    wanted = [key for key in keys if key]
    imported = set()
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        imported.update(Article.objects.filter(source_key__in=batch).values_list("source_key", flat=True))
    return [path if key and key not in imported else None for path, key in zip(files, keys, strict=True)]


def collect(paths):
    """
    The files to import, in order, each once, and a failed Result for each
    folder that could not be read; CommandError for a PATH that is not there.
    """
    files, unreadable, seen = [], [], set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = wire_files_in(path, unreadable)
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            raise CommandError(f"{given}: no such file or folder.")
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(candidate)
    return files, unreadable


def wire_files_in(folder, unreadable):
    """The *.txt files under `folder`; a Result for each folder it cannot read goes to `unreadable`."""

    def report(error):
        reason = f"folder cannot be read ({error.strerror or error}); the files in it were not imported"
        unreadable.append(Result(FAILED, error.filename or str(folder), reason))

    found = []
    for root, dirs, names in os.walk(folder, onerror=report):
        # Version control, editors' swap files and OS metadata hide in dotfiles.
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root) / name for name in names if name.lower().endswith(".txt") and not name.startswith("."))
    return sorted(found, key=lambda path: path.parts)


def printable(text):
    """
    One output line per file even if a name holds a tab or a line break;
    backslashes are doubled, so that bytes of a name that is not UTF-8
    (as \\xNN) are told apart from a name with a backslash.
    """
    escaped = str(text).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return name_as_text(escaped)


class ProgressBar:
    """A one-line bar on a terminal: files done, and the share of bytes read."""

    WIDTH = 30
    INTERVAL = 0.1

    def __init__(self, stream, files):
        self.stream = stream
        self.total = len(files)
        sizes = [size_of(path) for path in files]
        # Bytes in the files before each one, and in all of them, last.
        self.done_before = [0, *itertools.accumulate(sizes)]
        self.total_bytes = self.done_before[-1] or 1
        self.files_done = 0
        self.bytes_done = 0
        self.drawn_at = 0.0

    def reading(self, index):
        """A callback for progress inside one big file."""
        before = self.done_before[index]

        def on_read(position):
            self.bytes_done = before + position
            self.draw(throttle=True)

        return on_read

    def advance(self, files_done):
        self.files_done = files_done
        self.bytes_done = self.done_before[files_done]

    def draw(self, throttle=False):
        now = time.monotonic()
        if throttle and now - self.drawn_at < self.INTERVAL and self.files_done < self.total:
            return
        self.drawn_at = now
        share = min(self.bytes_done / self.total_bytes, 1.0)
        filled = round(share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.write(f"\r[{bar}] {self.files_done}/{self.total} files {share:4.0%}")

    def clear(self):
        self.write("\r\x1b[K")

    def write(self, text):
        # Plain text: Django colours everything on stderr as an error.
        self.stream.write(text, style_func=str, ending="")
        self.stream.flush()


def size_of(path):
    try:
        return path.stat().st_size
    except OSError:
        return 0
