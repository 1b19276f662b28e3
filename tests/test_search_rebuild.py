"""`manage.py rebuild_search_index`: the index made again from the articles."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.search.models import SearchDocument
from articles.search.results import search
from tests.factories import make_article, make_tag


class Terminal(StringIO):
    def isatty(self):
        return True


def titles(q):
    return [article.headline for article in search(q)[:20]]


@pytest.fixture
def stale_index(db):
    """Articles whose index no longer matches them: changed and emptied behind save()'s back."""
    kept = make_article(headline="Harga bawang melonjak")
    changed = make_article(headline="Harga cabai turun")
    make_article("draft", headline="Draf tentang bawang")
    Article.objects.filter(pk=changed.pk).update(headline="Harga tomat turun")
    SearchDocument.objects.filter(pk=kept.pk).delete()
    kept.tags.add(make_tag("Pangan Nasional"))
    assert titles("bawang") == [] and titles("tomat") == []
    return kept, changed


def test_rebuild_indexes_every_article_as_it_is_now(stale_index):
    stdout, stderr = StringIO(), StringIO()
    call_command("rebuild_search_index", stdout=stdout, stderr=stderr)
    assert stdout.getvalue().startswith("Indexed 3 articles in ")
    assert stderr.getvalue() == ""  # no progress bar outside a terminal
    assert SearchDocument.objects.count() == 3
    assert titles("bawang") == ["Harga bawang melonjak"]
    assert titles("pangan") == ["Harga bawang melonjak"]
    assert titles("tomat") == ["Harga tomat turun"]
    assert titles("cabai") == []


def test_dry_run_writes_nothing(stale_index):
    stdout = StringIO()
    call_command("rebuild_search_index", "--dry-run", stdout=stdout)
    assert stdout.getvalue().startswith("Would index 3 articles in ")
    assert SearchDocument.objects.count() == 2
    assert titles("bawang") == []


def test_progress_bar_on_a_terminal(stale_index):
    stderr = Terminal()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=StringIO(), stderr=stderr)
    bar = stderr.getvalue()
    assert re.search(r"\r *100%\|#+\| 3/3 \[.*articles/s\]", bar)
    assert "\x1b[" not in bar  # no colour codes


def test_quiet_means_no_output(stale_index):
    stdout, stderr = StringIO(), Terminal()
    call_command("rebuild_search_index", verbosity=0, stdout=stdout, stderr=stderr)
    assert stdout.getvalue() == stderr.getvalue() == ""
    assert titles("bawang") == ["Harga bawang melonjak"]


def test_bad_batch_size_is_refused(db):
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        call_command("rebuild_search_index", "--batch-size", "0")
