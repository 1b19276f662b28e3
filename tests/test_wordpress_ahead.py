"""Stemming an export's posts in a second process: the same index, and no process left behind."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.search import ahead, stemming
from articles.search.models import SearchDocument
from articles.wordpress.ahead import MIN_POSTS, PostStemsAhead
from tests.processes import ends_soon
from tests.test_search_ahead import coined_words
from tests.wxr_builder import Post, run_import, write_wxr

pytestmark = pytest.mark.skipif(not ahead.worker_can_help(), reason="needs fork() and a second CPU")


@pytest.fixture
def cold_cache():
    stemming._stems.clear()
    stemming.index_term.cache_clear()
    yield
    stemming._stems.clear()
    stemming.index_term.cache_clear()


def posts(count, seed):
    words = coined_words(seed, count * 10)
    return [
        Post(n + 1, title=f"Warga {words[n * 10]} menuntut {words[n * 10 + 1]}", slug=f"b{n}",
             content=f"Menurut {' '.join(words[n * 10 + 2 : n * 10 + 6])}.\n\nKata <em>{' '.join(words[n * 10 + 6 : n * 10 + 10])}</em>.")
        for n in range(count)
    ]


def test_an_import_with_the_worker_indexes_exactly_what_one_without_does(cold_cache, db, tmp_path, monkeypatch):
    harvested = []
    catch_up = PostStemsAhead.catch_up

    def counting_catch_up(self):
        added = catch_up(self)
        harvested.append(added)
        return added

    monkeypatch.setattr(PostStemsAhead, "catch_up", counting_catch_up)
    code, lines, _ = run_import(write_wxr(tmp_path / "ekspor.xml", posts(MIN_POSTS + 8, seed=3)))
    assert code == 0 and any(harvested), "the worker's stems were never used"
    indexed = list(SearchDocument.objects.order_by("article_id").values_list("article_id", "headline", "standfirst", "body", "names"))
    assert len(indexed) == MIN_POSTS + 8

    stemming._stems.clear()
    stemming.index_term.cache_clear()
    call_command("rebuild_search_index", stdout=StringIO())
    assert list(SearchDocument.objects.order_by("article_id").values_list("article_id", "headline", "standfirst", "body", "names")) == indexed


def test_the_worker_ends_with_the_import(cold_cache, db, tmp_path):
    path = write_wxr(tmp_path / "ekspor.xml", posts(MIN_POSTS + 8, seed=4))
    with PostStemsAhead(path, range(1, MIN_POSTS + 9)) as stems_ahead:
        assert stems_ahead.process is not None
        pid = stems_ahead.process.pid
        stems_ahead.at(MIN_POSTS + 7)
        assert stems_ahead.catch_up()
    assert stemming.stems_ahead is None
    assert ends_soon(pid)


def test_few_posts_start_no_worker(tmp_path):
    path = write_wxr(tmp_path / "ekspor.xml", posts(3, seed=5))
    with PostStemsAhead(path, [1, 2, 3]) as stems_ahead:
        assert stems_ahead.process is None and stemming.stems_ahead is None
