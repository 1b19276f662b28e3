"""`make help` lists every target, and every target it lists has a rule (issue 9, defect 8)."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make(*args):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def listed_targets():
    help_text = make("help").stdout
    return re.findall(r"^make ([a-z][a-z-]*)\s", help_text, re.M)


def declared_targets():
    makefile = (ROOT / "Makefile").read_text()
    phony = set()
    for line in re.findall(r"^\.PHONY:(.*)$", makefile, re.M):
        phony.update(line.split())
    rules = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    return phony | rules


def test_help_lists_every_target():
    assert set(listed_targets()) >= declared_targets() - {"help"}


@pytest.mark.parametrize("target", sorted(declared_targets()))
def test_every_target_has_a_rule(target):
    # -n prints what would run without running it; a target without a rule fails here.
    result = make("-n", target)
    assert result.returncode == 0, result.stderr


def test_test_postgres_runs_the_suite_on_postgresql():
    commands = make("-n", "test-postgres", "PG_URL=postgres://postgres@127.0.0.1:5432/nr_check").stdout
    assert "DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_check" in commands and "pytest" in commands


def test_ci_runs_everything_on_both_databases():
    ci = (ROOT / ".ci" / "run").read_text()
    runs = re.findall(r"^\s*(?:DATABASE_URL=\S+ )?make (test[a-z-]*)$", ci, re.M)
    assert runs.count("test-all") == 2 and "test-browser" in runs
