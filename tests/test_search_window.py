"""
The search orders and returns only the page asked for (SearchResults.window),
and on SQLite finds published stories by their index key alone (search/0003:
published documents keyed from 0 up, the rest below): what readers and the
admin find must be what the copied status and publish time say.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search.models import SearchDocument
from articles.search.results import search
from articles.workflow.search import matching_article_ids
from tests.factories import make_article, make_section
from tests.search_helpers import SEARCH, found, headlines


def ranked_ids(results, start, stop):
    return [story.pk for story in results[start:stop]]


@pytest.mark.django_db
def test_a_window_gives_the_ranks_the_whole_ranking_gives():
    for number in range(1, 8):
        make_article(headline=f"Harga cabai naik ke-{number}", body="<p>" + "harga " * number + "</p>", hours=number * 5)
    whole = ranked_ids(search("harga"), 0, 7)
    assert len(whole) == 7
    for start, stop in [(0, 3), (3, 6), (6, 9), (2, 5)]:
        results = search("harga")
        results.window = (start, stop)
        assert results.count() == 7
        assert ranked_ids(results, start, stop) == whole[start:stop]
        # A slice outside the window is fetched on its own, in the same order.
        assert ranked_ids(results, 0, 7) == whole


@pytest.mark.django_db
def test_a_page_past_the_last_still_knows_the_count(client, settings):
    settings.SEARCH_CANDIDATES = 5
    for number in range(1, 4):
        make_article(headline=f"Banjir rob ke-{number}", hours=number)
    results = search("banjir")
    results.window = (20, 40)
    assert results.count() == 3
    assert results[20:40] == []
    assert client.get(SEARCH, {"q": "banjir", "page": 2}).status_code == 404
    assert client.get(SEARCH, {"q": "banjir", "page": "99999999999999999999999"}).status_code == 404
    assert len(headlines(client.get(SEARCH, {"q": "banjir", "page": "last"}))) == 3


@pytest.mark.django_db
def test_withdrawing_and_republishing_moves_a_story_out_of_and_back_into_reader_search(client, editor):
    article = make_article(headline="Pengiriman beras ke Natuna", hours=30)
    assert found(client, "kirim") == ["Pengiriman beras ke Natuna"]
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert found(client, "kirim") == []
    # The admin's search over every status still finds it.
    assert matching_article_ids("kirim") == [article.pk]
    article.status = Article.Status.PUBLISHED
    article.save()
    assert found(client, "kirim") == ["Pengiriman beras ke Natuna"]
    # A change of the status alone (the copy trigger, no re-indexing, no
    # page cache stamp: asked of search() itself) moves it too.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert search("kirim").total == 0
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert [story.pk for story in search("kirim")[0:20]] == [article.pk]


@pytest.mark.django_db
def test_the_admin_finds_drafts_reviews_and_withdrawn_stories_among_published_ones():
    section = make_section()
    published = make_article(headline="Banjir di Kudus", hours=2, section=section)
    withdrawn = make_article("unpublished", headline="Banjir di Demak", publish_at=timezone.now() - timedelta(hours=1))
    draft = make_article("draft", headline="Banjir di Pati")
    review = make_article("review", headline="Banjir di Jepara")
    scheduled = make_article("scheduled", headline="Banjir di Rembang", hours=5)
    assert set(matching_article_ids("banjir")) == {published.pk, withdrawn.pk, draft.pk, review.pk, scheduled.pk}
    assert [story.pk for story in search("banjir")[0:20]] == [published.pk]
    assert [story.pk for story in search("banjir", section=section)[0:20]] == [published.pk]


@pytest.mark.django_db
def test_a_story_due_later_in_the_current_second_is_not_found_yet(monkeypatch):
    second = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    make_article(headline="Gempa di Cianjur", publish_at=second + timedelta(microseconds=300_000))
    make_article(headline="Gempa di Garut", publish_at=second + timedelta(microseconds=700_000))
    monkeypatch.setattr(timezone, "now", lambda: second + timedelta(microseconds=500_000))
    results = search("gempa")
    assert results.total == 1
    assert [story.headline for story in results[0:20]] == ["Gempa di Cianjur"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index's keys are SQLite's")
def test_only_published_documents_are_keyed_in_the_published_band():
    published = make_article(headline="Harga gula")
    withdrawn = make_article("unpublished", headline="Harga garam", publish_at=timezone.now())
    draft = make_article("draft", headline="Harga kopi")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM articles_searchdocument_fts WHERE articles_searchdocument_fts MATCH 'harga'")
        keys = {row[0] % 10**8 if row[0] >= 0 else (row[0] + 2**62) % 10**8: row[0] >= 0 for row in cursor.fetchall()}
    assert keys == {published.pk: True, withdrawn.pk: False, draft.pk: False}
    # The index follows a change of the copied status alone.
    SearchDocument.objects.filter(pk=published.pk).update(status=Article.Status.UNPUBLISHED)
    assert search("harga").total == 0
    SearchDocument.objects.filter(pk=withdrawn.pk).update(status=Article.Status.PUBLISHED)
    assert search("harga").total == 1
