"""
Addresses that never break: a published article may move (new slug), with a
warning, and every address it ever had answers 301 to the current one.
"""

import pytest
from django.contrib.redirects.models import Redirect
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article
from tests.test_editorial_conflicts import form_of


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def rename(client, article, slug):
    article.refresh_from_db()
    response = client.post(change_url(article), form_of(article, slug=slug, confirm_address_change="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    return article


@pytest.fixture
def live(db):
    return make_article(headline="Banjir rob rendam pesisir", slug="banjir-rob")


def test_three_renames_leave_every_old_address_one_hop_from_the_current_one(client, editor, live):
    client.force_login(editor)
    for slug in ["banjir-rob-jakarta", "banjir-rob-jakarta-utara", "banjir-rob-rendam-pesisir-jakarta-utara"]:
        rename(client, live, slug)
    client.logout()
    current = "/berita/banjir-rob-rendam-pesisir-jakarta-utara/"
    assert client.get(current).status_code == 200
    for old in ["/berita/banjir-rob/", "/berita/banjir-rob-jakarta/", "/berita/banjir-rob-jakarta-utara/"]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, current), old
        # Feeds and sitemaps of the past carried tracking parameters and absolute links.
        assert client.get(old + "?utm_source=rss")["Location"] == current
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/berita/banjir-rob/": current,
        "/berita/banjir-rob-jakarta/": current,
        "/berita/banjir-rob-jakarta-utara/": current,
    }


def test_renaming_back_to_an_old_address_makes_no_loop(client, editor, live):
    client.force_login(editor)
    rename(client, live, "banjir-rob-jakarta")
    rename(client, live, "banjir-rob")
    client.logout()
    assert client.get("/berita/banjir-rob/").status_code == 200
    response = client.get("/berita/banjir-rob-jakarta/")
    assert (response.status_code, response["Location"]) == (301, "/berita/banjir-rob/")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {"/berita/banjir-rob-jakarta/": "/berita/banjir-rob/"}


def test_a_rename_needs_the_editor_to_confirm_the_warning(client, editor, live):
    client.force_login(editor)
    response = client.post(change_url(live), form_of(live, slug="judul-lain"))
    assert response.status_code == 200
    assert "/berita/banjir-rob/" in response.text and "/berita/judul-lain/" in response.text
    assert "Ubah alamat" in response.text  # the checkbox the warning names
    assert 'value="judul-lain"' in response.text  # what was typed survives
    live.refresh_from_db()
    assert live.slug == "banjir-rob"
    assert not Redirect.objects.exists()


def test_the_confirmation_is_offered_only_on_published_articles(client, editor, live):
    client.force_login(editor)
    assert 'name="confirm_address_change"' in client.get(change_url(live)).text
    draft = make_article("draft")
    assert 'name="confirm_address_change"' not in client.get(change_url(draft)).text


def test_an_emptied_slug_keeps_a_published_address(client, editor, live):
    client.force_login(editor)
    response = client.post(change_url(live), form_of(live, slug="", headline="Judul yang sama sekali baru"))
    assert response.status_code == 302
    assert Article.objects.get(pk=live.pk).slug == "banjir-rob"


def test_a_draft_moves_freely_without_redirects(db):
    draft = make_article("draft", slug="sementara")
    draft.slug = "final"
    draft.save()
    assert not Redirect.objects.exists()


def test_a_move_in_code_is_recorded_too(client, live):
    live.slug = "banjir-rob-baru"
    live.full_clean()
    live.save()
    response = client.get("/berita/banjir-rob/")
    assert (response.status_code, response["Location"]) == (301, "/berita/banjir-rob-baru/")


def test_an_old_address_too_long_for_the_table_refuses_the_move(client, editor):
    article = make_article(slug="kata-" * 39)
    client.force_login(editor)
    response = client.post(change_url(article), form_of(article, slug="pendek", confirm_address_change="on"))
    assert response.status_code == 200
    assert "tidak dapat diubah" in response.text
    assert Article.objects.get(pk=article.pk).slug == "kata-" * 39
