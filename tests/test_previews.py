"""Signed, expiring preview links let someone without an account read an unpublished article."""

import re

import pytest
from django.urls import reverse

from articles.previews import preview_token, preview_url
from tests.factories import make_article


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "unpublished"])
def test_link_opens_an_unpublished_article_for_anyone(client, db, state):
    article = make_article(state, headline=f"Naskah {state} untuk narasumber")
    response = client.get(reverse("articles:preview", kwargs={"token": preview_token(article)}))
    assert response.status_code == 200
    assert article.headline in response.text
    assert "Pratinjau" in response.text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    # A stranger gets no way into the admin from the page.
    assert "/admin/" not in response.text


def test_forged_or_altered_links_are_404(client, db):
    article = make_article("draft")
    token = preview_token(article)
    for bad in [token[:-2] + "xx", "1:abc:def", "bukan-token"]:
        assert client.get(reverse("articles:preview", kwargs={"token": bad})).status_code == 404


def test_expired_link_is_404(client, db, settings):
    article = make_article("draft")
    token = preview_token(article)
    settings.PREVIEW_LINK_HOURS = -1  # every link is older than that
    assert client.get(reverse("articles:preview", kwargs={"token": token})).status_code == 404


def test_link_to_a_published_article_leads_to_its_public_address(client, db):
    article = make_article("published")
    response = client.get(reverse("articles:preview", kwargs={"token": preview_token(article)}))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_admin_shows_a_working_link_for_unpublished_articles(client, editor, settings):
    article = make_article("draft", headline="Naskah sensitif untuk pengacara")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    link = re.search(r'href="(%s/pratinjau/[^"]+)"' % re.escape(settings.SITE_URL), page.text).group(1)

    client.logout()
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert "Naskah sensitif untuk pengacara" in response.text


def test_preview_url_is_absolute(db, settings):
    assert preview_url(make_article("draft")).startswith(settings.SITE_URL + "/pratinjau/")
