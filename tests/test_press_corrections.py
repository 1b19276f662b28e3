"""
Corrections (guideline point 4): ralat, koreksi and klarifikasi, linked to
the story, with their time; the story counts as updated; /ralat/ and its feed.
"""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.audit.models import AuditEntry
from articles.models import Article
from articles.press.actions import add_correction
from articles.press.models import Correction
from tests.factories import empty_inline_forms, make_article
from tests.html_page import Page
from tests.test_query_budget import BUDGET, count_queries
from tests.test_editorial_conflicts import form_of

TEXT = "Sebelumnya tertulis 12 korban; yang benar 21 korban."


@pytest.fixture
def live(db):
    return make_article(headline="Banjir bandang di Garut", slug="banjir-garut", hours=5)


def correction_form(live, kind="ralat", text=TEXT):
    data = form_of(live)
    data.update(empty_inline_forms("corrections"))
    data.update({"corrections-TOTAL_FORMS": "1", "corrections-0-kind": kind, "corrections-0-text": text, "corrections-0-article": live.pk})
    return data


def test_an_editor_adds_a_correction_on_the_article_form(client, editor, live):
    client.force_login(editor)
    before = timezone.now()
    response = client.post(reverse("admin:articles_article_change", args=[live.pk]), correction_form(live))
    assert response.status_code == 302, response.text[:3000]
    correction = Correction.objects.get()
    assert (correction.article_id, correction.kind, correction.text, correction.created_by) == (live.pk, "ralat", TEXT, editor)
    assert before <= correction.published_at <= timezone.now()
    assert Article.objects.get(pk=live.pk).updated_substantively_at == correction.published_at
    assert AuditEntry.objects.filter(action="correction", object_id=str(live.pk)).exists()


def test_readers_see_the_notice_at_the_top_and_every_entry_with_its_time_at_the_end(client, editor, live):
    add_correction(live, editor, kind="ralat", text=TEXT)
    add_correction(live, editor, kind="klarifikasi", text="Lokasi yang benar adalah Kecamatan Tarogong.")
    response = client.get(live.get_absolute_url())
    text = response.text
    notice = text.index("Artikel ini telah dikoreksi, lihat catatan di bawah.")
    body = text.index('class="story-body"')
    assert notice < body < text.rindex(TEXT) < text.rindex("Lokasi yang benar")
    page = Page(text)
    assert (2, "Ralat") in page.headings
    assert "<strong>Ralat</strong>" in text and "<strong>Klarifikasi</strong>" in text
    assert text.count("<time") >= 4  # published, updated and one per correction
    assert "Diperbarui" in text


def test_json_ld_carries_the_corrections(client, editor, live):
    add_correction(live, editor, kind="koreksi", text=TEXT)
    [article] = Page(client.get(live.get_absolute_url()).text).json_ld_of_type("NewsArticle")
    [entry] = article["correction"]
    assert entry["@type"] == "CorrectionComment" and entry["text"] == TEXT and entry["name"] == "Koreksi"
    assert entry["datePublished"] == article["dateModified"]


def test_the_article_page_costs_one_more_query_only_when_corrected(client, editor, live, settings):
    settings.PAGE_CACHE = False  # what rendering costs
    before = count_queries(client, live.get_absolute_url())
    add_correction(live, editor, kind="ralat", text=TEXT)
    assert count_queries(client, live.get_absolute_url()) == before + 1 <= BUDGET


def test_only_editors_correct_and_only_live_stories(reporter, editor, live):
    with pytest.raises(PermissionDenied):
        add_correction(live, reporter, kind="ralat", text=TEXT)
    with pytest.raises(ValidationError):
        add_correction(make_article("draft"), editor, kind="ralat", text=TEXT)
    with pytest.raises(ValidationError):
        add_correction(live, editor, kind="ralat", text="   ")
    assert not Correction.objects.exists()


def test_corrections_cannot_be_edited_or_deleted_afterwards(client, editor, live):
    correction = add_correction(live, editor, kind="ralat", text=TEXT)
    client.force_login(editor)
    data = form_of(live)
    data.update({
        "corrections-TOTAL_FORMS": "1", "corrections-INITIAL_FORMS": "1", "corrections-MIN_NUM_FORMS": "0", "corrections-MAX_NUM_FORMS": "1000",
        "corrections-0-id": correction.pk, "corrections-0-article": live.pk, "corrections-0-kind": "koreksi",
        "corrections-0-text": "Diubah diam-diam.", "corrections-0-DELETE": "on",
    })
    live.refresh_from_db()
    client.post(reverse("admin:articles_article_change", args=[live.pk]), {**data, "base_version": live.version})
    correction.refresh_from_db()
    assert (correction.kind, correction.text) == ("ralat", TEXT)


def test_the_corrections_page_lists_newest_first_with_links_and_pages(client, editor, db):
    stories = [make_article(headline=f"Berita koreksi {n}", hours=30 - n) for n in range(22)]
    for n, story in enumerate(stories):
        correction = add_correction(story, editor, kind="ralat", text=f"Ralat nomor {n}.")
        Correction.objects.filter(pk=correction.pk).update(published_at=timezone.now() - timedelta(minutes=60 - n))
    first = client.get("/ralat/")
    assert first.status_code == 200
    text = first.text
    assert text.index("Ralat nomor 21.") < text.index("Ralat nomor 20.")
    assert "Ralat nomor 1." not in text  # on page 2
    assert f'href="{stories[21].get_absolute_url()}#ralat-' in text
    second = client.get("/ralat/?page=2")
    assert "Ralat nomor 1." in second.text and "Ralat nomor 0." in second.text
    assert client.get("/ralat/?page=3").status_code == 404


def test_corrections_of_withdrawn_stories_leave_the_page(client, editor, live):
    add_correction(live, editor, kind="ralat", text=TEXT)
    live.refresh_from_db()
    live.unpublish(editor, reason="Ditarik")
    assert TEXT not in client.get("/ralat/").text
    assert TEXT not in client.get("/ralat/rss/").text


def test_the_corrections_feed(client, editor, live, settings):
    settings.SITE_URL = "https://www.wartakum.example"
    add_correction(live, editor, kind="ralat", text=TEXT)
    response = client.get("/ralat/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    [item] = channel.findall("item")
    assert item.findtext("title") == "Ralat: Banjir bandang di Garut"
    assert item.findtext("description") == TEXT
    assert item.findtext("link").startswith("https://www.wartakum.example/berita/banjir-garut/#ralat-")
    assert item.findtext("pubDate")
    assert "/ralat/rss/" in client.get("/ralat/").text
