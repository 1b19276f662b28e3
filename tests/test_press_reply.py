"""Right of reply (guideline point 4): an article of its own, linked both ways with the story it answers."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.press.models import RightOfReply
from tests.factories import empty_inline_forms, make_article
from tests.test_editorial_conflicts import form_of


@pytest.fixture
def pair(db):
    original = make_article(headline="Proyek jalan tol diduga bermasalah", hours=30)
    reply = make_article(headline="PT Maju Jaya: proyek sesuai aturan", hours=2)
    RightOfReply.objects.create(reply=reply, original=original, respondent="PT Maju Jaya")
    return original, reply


def test_the_original_shows_the_reply_with_who_and_when(client, pair):
    original, reply = pair
    text = client.get(original.get_absolute_url()).text
    assert "Hak jawab atas berita ini dari PT Maju Jaya, dimuat" in text
    assert f'href="{reply.get_absolute_url()}"' in text


def test_the_reply_links_back_to_the_story_it_answers(client, pair):
    original, reply = pair
    text = client.get(reply.get_absolute_url()).text
    assert "Ini adalah hak jawab dari PT Maju Jaya atas berita yang dimuat" in text
    assert f'href="{original.get_absolute_url()}"' in text


def test_an_unpublished_reply_is_not_announced(client, db):
    original = make_article()
    draft = make_article("draft", headline="Jawaban yang belum terbit")
    RightOfReply.objects.create(reply=draft, original=original, respondent="Budi")
    assert "Jawaban yang belum terbit" not in client.get(original.get_absolute_url()).text


def test_an_editor_links_a_reply_on_the_article_form(client, editor, db):
    original, reply = make_article(), make_article()
    client.force_login(editor)
    data = form_of(reply)
    data.update(empty_inline_forms("reply_to"))
    data.update({"reply_to-TOTAL_FORMS": "1", "reply_to-0-original": original.pk, "reply_to-0-respondent": "Kuasa hukum Budi"})
    response = client.post(reverse("admin:articles_article_change", args=[reply.pk]), data)
    assert response.status_code == 302
    link = RightOfReply.objects.get()
    assert (link.reply_id, link.original_id, link.respondent) == (reply.pk, original.pk, "Kuasa hukum Budi")


def test_an_article_cannot_answer_itself(db):
    article = make_article()
    with pytest.raises(ValidationError):
        RightOfReply(reply=article, original=article, respondent="X").full_clean()
