"""
Renaming or deleting a tag or a person re-indexes their articles, in the
same transaction: the new name finds them, the old one no longer does.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from articles.models import Person, Tag
from articles.search import index
from tests.factories import make_article, make_person, make_tag
from tests.search_helpers import found


@pytest.fixture
def tagged(db):
    tag = make_tag("Kebakaran Lahan")
    person = make_person("Sutopo Purwanto")
    articles = [make_article(headline=f"Laporan nomor {n} dari Riau", tags=[tag], people=[person]) for n in range(3)]
    for article in articles:
        article.refresh_search_document()  # with its tag and byline, as the admin does
    return tag, person, articles


def test_renamed_tag_is_found_by_its_new_name_only(client, tagged):
    tag, _person, articles = tagged
    assert len(found(client, "Kebakaran")) == 3 and found(client, "Karhutla") == []
    tag.name = "Karhutla"
    tag.save()
    assert sorted(found(client, "Karhutla")) == sorted(a.headline for a in articles)
    assert found(client, "Kebakaran") == []


def test_renamed_person_is_found_by_the_new_name_only(client, tagged):
    _tag, person, articles = tagged
    person.name = "Abdul Muhari"
    person.save()
    assert len(found(client, "Muhari")) == 3
    assert found(client, "Sutopo") == []


def test_renaming_through_the_admin(client, tagged, chief):
    tag, _person, articles = tagged
    client.force_login(chief)
    response = client.post(reverse("admin:articles_tag_change", args=[tag.pk]), {"name": "Karhutla", "slug": tag.slug})
    assert response.status_code == 302
    assert len(found(client, "Karhutla")) == 3 and found(client, "Kebakaran") == []


@pytest.mark.parametrize("bulk", [False, True], ids=["one", "bulk delete"])
def test_deleted_tag_leaves_no_trace(client, tagged, chief, bulk):
    tag, _person, articles = tagged
    if bulk:
        client.force_login(chief)
        client.post(
            reverse("admin:articles_tag_changelist"),
            {"action": "delete_selected", "_selected_action": [str(tag.pk)], "post": "yes"},
        )
    else:
        tag.delete()
    assert not Tag.objects.exists()
    assert found(client, "Kebakaran") == []
    assert len(found(client, "Riau")) == 3


def test_deleted_person_without_articles_is_fine(client, tagged):
    Person.objects.create(name="Tanpa Tulisan").delete()
    assert len(found(client, "Sutopo")) == 3


def test_reindex_runs_in_the_renaming_transaction_and_in_batches(client, tagged, monkeypatch):
    tag, _person, articles = tagged
    batches = []
    original = index.SearchDocument.objects.bulk_create
    monkeypatch.setattr(index.SearchDocument.objects, "bulk_create", lambda docs, **kw: batches.append(len(docs)) or original(docs, **kw))
    monkeypatch.setattr(index.reindex, "__kwdefaults__", {"batch_size": 2})
    with pytest.raises(RuntimeError), transaction.atomic():
        tag.name = "Karhutla"
        tag.save()
        raise RuntimeError("the change is rolled back")
    assert batches == [2, 1]
    # Rolled back together: the old name still finds the articles, the new one nothing.
    assert len(found(client, "Kebakaran")) == 3 and found(client, "Karhutla") == []
