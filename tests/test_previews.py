"""
Shareable preview links: made on request, one active per article, listed
with their expiry, revocable; they let someone without an account read an
unpublished article, never a withdrawn or deleted one.
"""

import re

import pytest
from django.urls import reverse

from articles.audit.models import AuditEntry
from articles.models import Article
from articles.previews import create_link, link_url
from tests.factories import make_article


def open_link(client, link):
    return client.get(reverse("articles:preview", kwargs={"token": link.token}))


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_link_opens_an_unpublished_article_for_anyone(client, editor, state):
    article = make_article(state, headline=f"Naskah {state} untuk narasumber")
    response = open_link(client, create_link(article, editor))
    assert response.status_code == 200
    assert article.headline in response.text
    assert "Pratinjau" in response.text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    # A stranger gets no way into the admin from the page.
    assert "/admin/" not in response.text


def test_unknown_links_are_404(client, db):
    for bad in ["1:abc:def", "bukan-token", "x" * 43]:
        assert client.get(reverse("articles:preview", kwargs={"token": bad})).status_code == 404


def test_expired_link_is_404(client, editor, settings):
    settings.PREVIEW_LINK_HOURS = -1
    link = create_link(make_article("draft"), editor)
    assert open_link(client, link).status_code == 404


def test_link_to_a_published_article_leads_to_its_public_address(client, editor):
    article = make_article("draft", section=None)
    link = create_link(article, editor)
    Article.objects.filter(pk=article.pk).update(status="published", publish_at=article.created_at, section=make_article("published").section)
    response = open_link(client, link)
    assert response.status_code == 302
    assert response["Location"] == Article.objects.get(pk=article.pk).get_absolute_url()


def test_a_withdrawn_or_deleted_article_is_not_shown(client, editor):
    withdrawn = make_article("published")
    link = create_link(make_article("draft"), editor)
    withdrawn_link = create_link(withdrawn, editor)
    withdrawn.unpublish(editor)
    assert open_link(client, withdrawn_link).status_code == 404
    link.article.delete()
    assert open_link(client, link).status_code == 404


def test_one_active_link_per_article_and_revoking_ends_it(client, editor):
    article = make_article("draft", headline="Naskah sensitif")
    first = create_link(article, editor)
    second = create_link(article, editor)
    assert open_link(client, first).status_code == 404
    assert open_link(client, second).status_code == 200
    client.force_login(editor)
    manage = reverse("admin:articles_article_preview_link", args=[article.pk])
    page = client.get(manage)
    assert link_url(second) in page.text and "editorial-copy" in page.text
    client.post(manage, {"do": "revoke"})
    client.logout()
    assert open_link(client, second).status_code == 404
    actions = list(AuditEntry.objects.filter(object_id=str(article.pk)).values_list("action", flat=True))
    assert actions.count("preview_link_created") == 2 and "preview_link_revoked" in actions


def test_the_form_makes_no_link_until_asked_then_shows_it_with_a_copy_button(client, editor, settings):
    article = make_article("draft", headline="Naskah sensitif untuk pengacara")
    client.force_login(editor)
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert settings.SITE_URL + "/pratinjau/" not in form.text
    assert not article.preview_links.exists()
    client.post(reverse("admin:articles_article_preview_link", args=[article.pk]), {"do": "create"})
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    link = re.search(r'value="(%s/pratinjau/[^"]+)"' % re.escape(settings.SITE_URL), form.text).group(1)
    assert "data-copy-target" in form.text
    client.logout()
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert "Naskah sensitif untuk pengacara" in response.text


def test_link_urls_are_absolute(editor, settings):
    assert link_url(create_link(make_article("draft"), editor)).startswith(settings.SITE_URL + "/pratinjau/")
