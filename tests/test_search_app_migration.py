"""
SearchDocument moving from the articles app to the search app: the
migrations change Django's record only; the table, its rows, triggers and
indexes stay, and the content type (with its permissions) follows.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.search.models import SearchDocument
from articles.search.results import search

BEFORE_MOVE = [("search", None), ("articles", "0004_section_publish_index")]
THE_MOVE = [("search", "0001_initial"), ("articles", "0005_searchdocument_moves_to_search")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def search_schema():
    """Every database object of the search index, by name and definition."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'articles_searchdocument%' OR sql LIKE '%articles_searchdocument%'")
        else:
            cursor.execute(
                """
                SELECT 'index', indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_searchdocument'
                UNION ALL
                SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname LIKE 'articles_searchdocument%'
                UNION ALL
                SELECT 'column', column_name, coalesce(generation_expression, data_type) FROM information_schema.columns
                WHERE table_name = 'articles_searchdocument'
                """
            )
        return sorted(cursor.fetchall())


# Migrates the whole project back and forth: seconds, so in `make test-all` only.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_table_rows_triggers_indexes_and_permissions():
    apps = migrate(BEFORE_MOVE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Article = apps.get_model("articles", "Article")
    old_type, _ = ContentType.objects.get_or_create(app_label="articles", model="searchdocument")
    ContentType.objects.filter(app_label="search", model="searchdocument").delete()
    permission, _ = Permission.objects.get_or_create(content_type=old_type, codename="view_searchdocument", defaults={"name": "Can view"})
    section = apps.get_model("articles", "Section").objects.create(name="Nasional", slug="nasional")
    article = Article.objects.create(
        headline="Pengiriman beras ke Natuna", slug="pengiriman-beras", section=section, status="published", publish_at=timezone.now()
    )
    apps.get_model("articles", "SearchDocument").objects.create(
        article=article, status="published", publish_at=article.publish_at, section=section, headline="kirim beras natuna"
    )
    before = search_schema()
    assert before, "the search index exists before the move"

    migrate(THE_MOVE)
    assert search_schema() == before
    # search/0002 (SQLite) re-keys the index by publish time.
    migrate(latest())
    assert [found.headline for found in search("kirim")[:20]] == ["Pengiriman beras ke Natuna"]
    moved = ContentType.objects.get(pk=old_type.pk)
    assert (moved.app_label, moved.model) == ("search", "searchdocument")
    assert Permission.objects.get(pk=permission.pk).content_type_id == old_type.pk
    # The trigger still copies the article's status to its search document.
    Article.objects.filter(pk=article.pk).update(status="unpublished")
    assert SearchDocument.objects.get(pk=article.pk).status == "unpublished"
    assert search("kirim").total == 0

    # And back: the record returns to articles, the index as it was.
    migrate(BEFORE_MOVE)
    assert search_schema() == before
    assert ContentType.objects.get(pk=old_type.pk).app_label == "articles"
    migrate(latest())
