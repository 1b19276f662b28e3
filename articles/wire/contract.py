"""
The output every import command promises its operators and their scripts
(import_articles, import_wordpress):

- one line per item on standard output, three columns separated by a tab:
  the outcome, the item (a file, a record, an old address) and its new site
  path or the reason it was not imported;
- a last line starting with "summary": the counts of each outcome, the
  time taken, and whether the run was interrupted, stopped or dry;
- warnings on standard error, and on a terminal a progress bar there too;
- exit status 0, 1 when any item failed (the others are imported all the
  same) or the run stopped on a database error, 130 when interrupted.

The lines stay in English whatever the site's language.
"""

import time
from collections import Counter
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.progress import progress_bar, writing_past

from .files import printable
from .outcomes import FAILED, counted


class ImportCommand(BaseCommand):
    """
    A command that imports items one at a time and reports each as the
    module docstring says. A subclass lists its `outcomes` in summary
    order, calls start() once it knows how much there is to read, sets
    `self.label` to the file it is reading, and runs its loop inside
    `with self.reporting():`, which writes the summary and sets the exit
    status however the loop ends.
    """

    # The outcomes the summary line counts, in its order.
    outcomes = ()
    # Warnings are written even at verbosity 0 (for commands whose
    # warnings are part of what a quiet run must still say).
    warns_when_quiet = False

    def start(self, *, total, noun, dry_run, verbosity, show_bar=True):
        """Begin a run over `total` bytes of input, whose items the summary calls `noun`s."""
        self.noun, self.dry_run, self.verbosity = noun, dry_run, verbosity
        self.counts = Counter()
        self.label = ""
        self.bar = progress_bar(self, total=total, unit="B", unit_scale=True, verbosity=verbosity if show_bar else 0)
        self.started = time.monotonic()

    @contextmanager
    def reporting(self):
        try:
            yield
        except KeyboardInterrupt:
            self.summarize(note="interrupted")
            raise CommandError(
                "Interrupted. Run the same command again to finish: what was imported is kept, nothing is duplicated.", returncode=130
            ) from None
        except DatabaseError as exc:
            self.summarize(note="stopped")
            raise CommandError(f"{printable(self.label)}: database error, import stopped ({exc}).") from exc
        self.summarize()
        if failed := self.counts[FAILED]:
            raise CommandError(f"{failed} of {counted(self.counts.total(), self.noun)} failed; see the lines marked “failed”.")

    def report(self, result):
        """Count a Result and write its line (at verbosity 0, only failures)."""
        self.counts[result.outcome] += 1
        if self.verbosity or result.outcome == FAILED:
            self.write_line(self.stdout, "\t".join(printable(part) for part in (result.outcome, result.label, result.detail)))

    def warn(self, label, message):
        if self.verbosity or self.warns_when_quiet:
            self.write_line(self.stderr, f"warning: {printable(label)}: {message}")

    def write_line(self, stream, line):
        with writing_past(self.bar, stream):
            stream.write(line)
            stream.flush()

    def counts_line(self):
        """ "3 created, 0 updated, ...": the counts in the summary's words."""
        return ", ".join(f"{self.counts[outcome]} {outcome}" for outcome in self.outcomes)

    def finished(self, note):
        """Called once the run is over, before the summary line: a subclass's logs and records."""

    def summarize(self, note=""):
        self.bar.close()
        self.finished(note)
        if not self.verbosity:
            return
        notes = [note] if note else []
        if self.dry_run:
            notes.append("dry run: nothing was written")
        suffix = f" ({'; '.join(notes)})" if notes else ""
        total = counted(self.counts.total(), self.noun)
        self.stdout.write(f"summary\t{total}: {self.counts_line()} in {time.monotonic() - self.started:.1f} s{suffix}")
        self.stdout.flush()
