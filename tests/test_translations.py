"""
Indonesian first: every message the code and templates hold has an
Indonesian translation, none of them a guess makemessages marked fuzzy
(a fuzzy entry is not used: the reader or editor sees English).

The quick test reads the catalogues as committed; the slow one runs the
same makemessages as `make messages` on a copy of the code, so a string
added or moved without its translation fails too.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRY_SPLIT = re.compile(r"\n\s*\n")


def untranslated(catalogue):
    """The msgids of `catalogue` (a .po file) with an empty translation or marked fuzzy."""
    found = []
    for entry in ENTRY_SPLIT.split(catalogue.read_text(encoding="utf-8")):
        lines = [line for line in entry.splitlines() if line.strip()]
        if not lines or all(line.startswith("#~") or line.startswith("#") for line in lines):
            continue  # obsolete, or comments only
        text = "\n".join(lines)
        body = "\n".join(line for line in lines if not line.startswith("#"))
        msgid = "".join(re.findall(r'"(.*)"', body.split("msgid ", 1)[1].split("\nmsgstr", 1)[0].split("\nmsgid_plural")[0]))
        if not msgid:
            continue  # the header
        translations = re.findall(r'msgstr(?:\[\d+\])? ((?:".*"\n?)+)', body + "\n")
        empty = any(not "".join(re.findall(r'"(.*)"', value)) for value in translations)
        if empty or re.search(r"^#,.*\bfuzzy\b", text, re.M):
            found.append(msgid)
    return found


def indonesian_catalogues(root):
    return sorted(path for path in root.glob("**/locale/id/LC_MESSAGES/django.po") if ".venv" not in path.parts)


def test_indonesian_catalogues_are_complete():
    catalogues = indonesian_catalogues(ROOT)
    assert len(catalogues) >= 2
    missing = {str(path.relative_to(ROOT)): untranslated(path) for path in catalogues}
    assert {path: msgids for path, msgids in missing.items() if msgids} == {}


@pytest.mark.slow
def test_catalogues_hold_every_message_of_the_code(tmp_path):
    """`make messages` on a copy of the code: nothing new comes out untranslated."""
    if not shutil.which("xgettext"):
        pytest.skip("makemessages needs GNU gettext")
    copy = tmp_path / "site"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in ("articles", "newsroom", "templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "SECRET_KEY": "translations-test", "DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    manage = [sys.executable, str(copy / "manage.py"), "makemessages", "-l", "id", "-l", "en", "-v", "0"]
    # As the Makefile's `messages` target: the press app has catalogues of its own.
    subprocess.run([*manage, "--ignore", "tests/*", "--ignore", "articles/press/*"], cwd=copy, env=env, check=True)
    subprocess.run(manage, cwd=copy / "articles" / "press", env=env, check=True)
    missing = {str(path.relative_to(copy)): untranslated(path) for path in indonesian_catalogues(copy)}
    assert {path: msgids for path, msgids in missing.items() if msgids} == {}
