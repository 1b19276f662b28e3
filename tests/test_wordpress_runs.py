"""import_wordpress as a real process: killed mid-run, then run again."""

import shutil

import pytest

from tests.test_import_runs import kill_after_created, manage, migrated_sqlite  # noqa: F401 (a fixture)
from tests.wxr_builder import Post, write_wxr

COUNTS = (
    "from django.contrib.redirects.models import Redirect;"
    "from articles.models import Article, Person, Section, Tag;"
    "from articles.wordpress.models import ImportedItem;"
    "print(Article.objects.count(), Article.objects.values('source_key').distinct().count(),"
    " sorted(Article.objects.values_list('slug', flat=True)) == sorted(f'berita-{n}' for n in range(1, 301)),"
    " ImportedItem.objects.count(), Redirect.objects.count(), Tag.objects.count(), Person.objects.count(), Section.objects.count())"
)


def counts(database):
    check = manage(database, "shell", "-c", COUNTS)
    out, err = check.communicate(timeout=60)
    assert check.returncode == 0, err
    return out.split()[-8:]


@pytest.mark.slow
def test_killed_process_then_rerun_finishes_as_an_uninterrupted_run_would(migrated_sqlite, tmp_path):  # noqa: F811
    posts = [
        Post(n, title=f"Berita nomor {n}", slug=f"berita-{n}", author=f"penulis{n % 3}", categories=[(f"rubrik-{n % 4}", f"Rubrik {n % 4}")],
             tags=[(f"topik-{n % 7}", f"Topik {n % 7}")])
        for n in range(1, 301)
    ]
    export = write_wxr(tmp_path / "ekspor.xml", posts, authors=[(f"penulis{n}", f"Penulis {n}") for n in range(3)])
    killed, whole = tmp_path / "killed.sqlite3", tmp_path / "whole.sqlite3"
    shutil.copy(migrated_sqlite, killed)
    shutil.copy(migrated_sqlite, whole)

    process = manage(killed, "import_wordpress", export)
    assert kill_after_created(process, 20, seconds=60) == 20, "the import made no progress"

    rerun = manage(killed, "import_wordpress", export)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    outcomes = [line.split("\t")[0] for line in out.splitlines()[:-1]]
    assert outcomes.count("unchanged") >= 20 and outcomes.count("failed") == 0
    assert outcomes.count("unchanged") + outcomes.count("created") == 300

    uninterrupted = manage(whole, "import_wordpress", export)
    out, err = uninterrupted.communicate(timeout=300)
    assert uninterrupted.returncode == 0, err
    # Same articles (no second copy, no "-2" slug), records, addresses, topics, people, sections.
    assert counts(killed) == counts(whole)
    assert counts(killed)[:4] == ["300", "300", "True", "300"]
