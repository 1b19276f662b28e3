"""
The generation stamps on SQLite with the local-memory cache are kept per
database connection while SQLite says nothing changed (PRAGMA data_version
for other connections' commits, total_changes for this connection's own
writes; articles/pagecache/generations.py). These tests commit for real
(transaction=True): inside a test's transaction nothing is kept.
"""

import threading

import pytest
from django.db import connection, transaction

from articles.models import Article
from articles.pagecache import generations
from tests.factories import make_article

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="stamps are kept on SQLite only"),
]


@pytest.fixture(autouse=True)
def local_memory():
    if generations._shared_cache():
        pytest.skip("with a shared cache the stamps live in the cache")


def in_another_thread(work):
    """Run `work` on another thread, hence on another database connection, and wait for it."""
    failed = []

    def run():
        try:
            work()
        except Exception as exc:  # Reported in the test's own thread.
            failed.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failed, failed


def withdraw(slug):
    article = Article.objects.get(slug=slug)
    article.status = "unpublished"
    article.save()


def cached(client, path):
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "HIT", path
    return response


def test_a_commit_on_another_connection_is_seen_on_the_next_request(client):
    article = make_article(headline="Jembatan baru diresmikan")
    url = article.get_absolute_url()
    cached(client, url)
    assert "Jembatan baru diresmikan" in cached(client, "/").content.decode()
    in_another_thread(lambda: withdraw(article.slug))
    assert client.get(url).status_code == 404
    front = client.get("/")
    assert front["X-Page-Cache"] == "MISS" and "Jembatan baru diresmikan" not in front.content.decode()


def test_a_commit_on_this_connection_is_seen_on_the_next_request(client):
    # SQLite's data_version does not change for a connection's own commits.
    article = make_article(headline="Banjir surut di Kampung Melayu")
    url = article.get_absolute_url()
    cached(client, url)
    cached(client, "/")
    withdraw(article.slug)
    assert client.get(url).status_code == 404
    assert "Banjir surut" not in client.get("/").content.decode()


def test_a_change_rolled_back_leaves_the_pages_as_they_were(client):
    article = make_article(headline="Harga gula stabil")
    url = article.get_absolute_url()
    cached(client, url)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        withdraw(article.slug)
        assert client.get(url).status_code == 404  # Inside, the change is seen (and not kept).
        raise Undo
    response = client.get(url)
    assert response.status_code == 200 and "Harga gula stabil" in response.content.decode()


def test_an_unchanged_database_costs_a_hit_one_pragma_and_no_stamp_query(client):
    make_article()
    cached(client, "/")
    statements = []
    connection.connection.set_trace_callback(statements.append)
    try:
        assert client.get("/")["X-Page-Cache"] == "HIT"
    finally:
        connection.connection.set_trace_callback(None)
    assert statements == ["PRAGMA data_version"]
