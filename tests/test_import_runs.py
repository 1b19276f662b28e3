"""import_articles runs: the progress bar, interrupted and killed runs, the real command's exit status."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from articles.wire.importer import WireImporter
from articles.models import Article, Contribution, Person
from tests.wire_import import ROOT, run_import, story, wire_dir, write  # noqa: F401 (fixtures)


# --- Progress bar ------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal_and_only_on_stderr(db, wire_dir):
    result = run_import(wire_dir, tty=True)
    assert re.search(r"\r *100%\|#+\|.*3/3 files", result.err)
    assert "\r" not in result.out
    assert len(result.rows) == 3

    result = run_import(wire_dir)
    assert result.err == ""


# --- Interrupted runs ----------------------------------------------------------------


def test_interrupted_run_leaves_no_half_article_and_rerun_finishes(db, tmp_path, monkeypatch):
    for n in range(5):
        write(tmp_path, f"{n}.txt", story(f"Berita nomor {n} dari Bantul"))
    calls = []
    apply = WireImporter._apply

    def crash_on_third(self, plan):
        calls.append(plan)
        apply(self, plan)
        if len(calls) == 3:
            # The article and its byline are written; the power goes out.
            raise KeyboardInterrupt

    monkeypatch.setattr(WireImporter, "_apply", crash_on_third)
    result = run_import(tmp_path, "--author", "Dewi Lestari")

    assert result.code == 130
    assert [row[0] for row in result.rows] == ["created", "created"]
    assert "(interrupted)" in result.summary
    assert "Run the same command again to finish" in result.err
    assert sorted(Article.objects.values_list("headline", flat=True)) == ["Berita nomor 0 dari Bantul", "Berita nomor 1 dari Bantul"]
    assert Contribution.objects.count() == 2

    monkeypatch.setattr(WireImporter, "_apply", apply)
    result = run_import(tmp_path, "--author", "Dewi Lestari")
    assert [row[0] for row in result.rows] == ["unchanged", "unchanged", "created", "created", "created"]
    assert Article.objects.count() == 5 == Article.objects.values("source_key").distinct().count()
    assert Contribution.objects.count() == 5 and Person.objects.count() == 1


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """A migrated SQLite database file of its own, for runs in a separate process."""
    folder = tmp_path_factory.mktemp("db")
    env = {**os.environ, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{folder / 'template.sqlite3'}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return folder / "template.sqlite3"


def manage(database, *args, **kwargs):
    env = {**os.environ, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{database}", "LOG_FORMAT": "json"}
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


def kill_after_created(process, count, seconds=30):
    """SIGKILL an import `process` once it has written `count` "created" lines (or after `seconds`); how many it wrote."""
    started, seen = time.monotonic(), 0
    while seen < count and time.monotonic() - started < seconds:
        if process.stdout.readline().startswith("created"):
            seen += 1
    process.send_signal(signal.SIGKILL)
    process.wait()
    return seen


@pytest.mark.slow
def test_killed_process_then_rerun_finishes_without_duplicates(migrated_sqlite, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    count = 400
    for n in range(count):
        write(tmp_path / "kiriman", f"{n:04}.txt", story(f"Berita nomor {n} dari Bantul"))

    process = manage(database, "import_articles", tmp_path / "kiriman", "--author", "Dewi Lestari")
    assert kill_after_created(process, 20) == 20, "the import made no progress"

    rerun = manage(database, "import_articles", tmp_path / "kiriman", "--author", "Dewi Lestari")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    outcomes = [line.split("\t")[0] for line in out.splitlines()]
    assert outcomes.count("unchanged") >= 20
    assert outcomes.count("unchanged") + outcomes.count("created") == count
    assert outcomes.count("failed") == 0

    check = manage(
        database,
        "shell",
        "-c",
        "from articles.models import Article, Contribution, Person;"
        "print(Article.objects.count(), Article.objects.values('source_key').distinct().count(),"
        " Contribution.objects.count(), Person.objects.count())",
    )
    out, err = check.communicate(timeout=60)
    assert out.split()[-4:] == [str(count), str(count), str(count), "1"], err


@pytest.mark.slow
def test_exit_status_of_the_real_command(migrated_sqlite, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    write(tmp_path / "kiriman", "baik.txt", story())
    process = manage(database, "import_articles", tmp_path / "kiriman")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.splitlines()[0] == f"created\t{tmp_path / 'kiriman' / 'baik.txt'}\t/berita/warga-bantul-panen-padi-lebih-awal/"

    write(tmp_path / "kiriman", "rusak.txt", b"\x00\x01")
    process = manage(database, "import_articles", tmp_path / "kiriman")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert f"failed\t{tmp_path / 'kiriman' / 'rusak.txt'}\tbinary data" in out.splitlines()
    assert "CommandError: 1 of 2 files failed" in err
