"""
Log records of management commands go to standard error: standard output
is the commands' contract with scripts (issue 9, defect 4).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "wire"

pytestmark = pytest.mark.slow


def manage(tmp_path, *args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "test-only-command-logs",
        "LOG_LEVEL": "DEBUG",
        "LOG_FORMAT": "json",
    }
    env.pop("LOG_STREAM", None)
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_a_command_logs_to_standard_error(tmp_path):
    code = "import logging; logging.getLogger('articles').warning('a record for the log collector')"
    result = manage(tmp_path, "shell", "-v", "0", "-c", code)
    assert result.stdout == ""
    assert '"message": "a record for the log collector"' in result.stderr


def test_import_articles_at_debug_level_prints_only_its_contract_lines(tmp_path):
    assert manage(tmp_path, "migrate", "--noinput", "-v", "0").returncode == 0
    result = manage(tmp_path, "import_articles", FIXTURES)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[0] for line in lines] == ["created"] * 3 + ["summary"]
    assert all(len(line.split("\t")) == 3 for line in lines[:-1])
    # The run was logged, on standard error.
    assert '"logger": "articles.wire' in result.stderr

