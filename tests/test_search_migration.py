"""Migration 0003_search on a site that already has articles, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.search.results import search

BEFORE = [("articles", "0002_roles")]
SEARCH = [("articles", "0003_search")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def search_tables():
    return {name for name in connection.introspection.table_names() if name.startswith("articles_searchdocument")}


# Migrates the whole project back and forth: seconds, so in `make test-all` only.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_existing_articles_are_indexed_by_the_migration_and_it_reverses_cleanly():
    from django.utils import timezone

    apps = migrate(BEFORE)
    assert not search_tables()
    Article = apps.get_model("articles", "Article")
    Section = apps.get_model("articles", "Section")
    Tag = apps.get_model("articles", "Tag")
    section = Section.objects.create(name="Nasional", slug="nasional")
    article = Article.objects.create(
        headline="Pengiriman beras ke Natuna",
        slug="pengiriman-beras-ke-natuna",
        body="<p>Kapal berangkat pagi.</p>",
        section=section,
        status="published",
        publish_at=timezone.now(),
    )
    article.tags.add(Tag.objects.create(name="Ketahanan Pangan", slug="ketahanan-pangan"))
    Article.objects.create(headline="Draf kiriman", slug="draf-kiriman", status="draft")

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    migrate(leaves)
    assert [a.headline for a in search("kirim")[:20]] == ["Pengiriman beras ke Natuna"]
    assert [a.headline for a in search("pangan")[:20]] == ["Pengiriman beras ke Natuna"]

    migrate(BEFORE)
    assert not search_tables()
    migrate(leaves)
