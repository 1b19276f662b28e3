"""
Which files an import reads, and how their names are printed in its
output (one line per file, whatever a name holds).
"""

import os
from pathlib import Path

from django.core.management.base import CommandError

from .identity import name_as_text
from .outcomes import FAILED, Result


def is_export(path):
    return path.suffix.lower() == ".jsonl"


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


def size_of(path):
    try:
        return path.stat().st_size
    except OSError:
        return 0
