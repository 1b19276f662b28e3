"""
Our SQLite engine (newsroom/sqlite3/) remembers each statement's converted
placeholders: the same statement with new values, and a literal "%" beside
the placeholders, must still find exactly what Django's own would.
"""

import pytest
from django.db import connection, connections

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_sqlite_database_runs_through_our_engine():
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite goes through newsroom.sqlite3")
    assert type(connections["default"]).__module__ == "newsroom.sqlite3.base"


def test_a_repeated_statement_takes_each_runs_own_values():
    first = make_article(headline="Harga beras naik", slug="harga-beras-naik")
    second = make_article(headline="Banjir di pesisir", slug="banjir-di-pesisir")
    # The same SQL text twice, with different parameters.
    assert list(Article.objects.filter(slug="harga-beras-naik").values_list("pk", flat=True)) == [first.pk]
    assert list(Article.objects.filter(slug="banjir-di-pesisir").values_list("pk", flat=True)) == [second.pk]


def test_a_literal_percent_sign_beside_placeholders_stays_a_percent_sign():
    make_article(headline="Diskon 50% untuk pelajar", slug="diskon-pelajar")
    make_article(headline="Diskon 50 ribu untuk pelajar", slug="diskon-ribu")
    for _ in range(2):  # converted the first time, remembered the second
        with connection.cursor() as cursor:
            cursor.execute("SELECT slug FROM articles_article WHERE headline LIKE '%%50\\%%%%' ESCAPE '\\' AND slug LIKE %s", ["diskon%"])
            assert cursor.fetchall() == [("diskon-pelajar",)]
        assert [a.slug for a in Article.objects.filter(headline__contains="50%")] == ["diskon-pelajar"]


def test_a_statements_temporary_b_trees_are_kept_in_memory():
    # newsroom/databases.py: as temporary files they cost "Baca juga" 170 page faults a page.
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite pragma")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA temp_store")
        assert cursor.fetchone() == (2,)  # MEMORY
