"""The visibility truth table: which articles each kind of user can open."""

import pytest
from django.contrib.auth.models import AnonymousUser

from articles.models import Article
from tests.factories import make_article

STATES = ["draft", "review", "scheduled", "published", "unpublished"]


@pytest.fixture
def one_of_each(db):
    return {state: make_article(state, headline=f"Artikel berstatus {state}") for state in STATES}


def test_published_queryset_holds_only_live_articles(one_of_each):
    assert set(Article.objects.published()) == {one_of_each["published"]}
    assert set(Article.objects.scheduled()) == {one_of_each["scheduled"]}
    assert set(Article.objects.in_review()) == {one_of_each["review"]}
    assert set(Article.objects.drafts()) == {one_of_each["draft"], one_of_each["unpublished"]}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ["anonymous", "reporter", "editor", "chief"])
def test_article_page_by_state_and_user(client, one_of_each, state, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    article = one_of_each[state]
    response = client.get(article.get_absolute_url())

    if state == "published":
        assert response.status_code == 200
        assert "Pratinjau" not in response.text
        assert "no-store" not in response.get("Cache-Control", "")
    elif who == "anonymous":
        assert response.status_code == 404
        assert article.headline not in response.text
    else:
        # Staff preview at the real address, marked and never cached or indexed.
        assert response.status_code == 200
        assert article.headline in response.text
        assert "Pratinjau" in response.text
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex' in response.text
        assert response["X-Robots-Tag"].startswith("noindex")


def test_front_page_lists_only_published(client, one_of_each):
    response = client.get("/")
    assert response.status_code == 200
    assert one_of_each["published"].headline in response.text
    for state in ["draft", "review", "scheduled", "unpublished"]:
        assert one_of_each[state].headline not in response.text


def test_scheduled_article_appears_when_its_minute_comes(client, db, settings):
    # Time is moved by rewriting the row, which no page-cache generation hears
    # of; tests/test_pagecache.py checks scheduled pages on the real clock.
    settings.PAGE_CACHE = False
    from datetime import timedelta

    from django.utils import timezone

    article = make_article("scheduled", hours=1)
    assert client.get(article.get_absolute_url()).status_code == 404
    # Moving the publish time into the past is what the passing of time does:
    # no job flips a flag, the query compares with now.
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_visible_to_anonymous_is_published(one_of_each):
    assert set(Article.objects.visible_to(AnonymousUser())) == {one_of_each["published"]}


def test_unknown_url_is_a_404_page(client, db):
    response = client.get("/berita/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
