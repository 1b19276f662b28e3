"""
Verification (guideline point 2): an unverified story carries a note at the
end (italic, in parentheses) and a label; once verified it links the result.
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from articles.press.models import Verification
from tests.factories import make_article
from tests.html_page import Page

NOTE = "(Berita ini masih memerlukan verifikasi. Redaksi sedang memverifikasinya dan akan memuat hasilnya sebagai pembaruan.)"


@pytest.fixture
def unverified(db):
    article = make_article(headline="Ledakan terdengar di pelabuhan", body="<p>Warga mendengar ledakan.</p>")
    Verification.objects.create(article=article)
    return article


def test_readers_see_the_label_and_the_note_at_the_end_in_italics(client, unverified):
    text = client.get(unverified.get_absolute_url()).text
    assert '<p class="press-label unverified-label">Belum terverifikasi</p>' in text
    assert f'<p class="verification-note"><em>{NOTE}</em></p>' in text
    assert text.index("Warga mendengar ledakan.") < text.index(NOTE)
    [article] = Page(text).json_ld_of_type("NewsArticle")
    assert article["creativeWorkStatus"] == "Unverified"


def test_feeds_carry_the_label_and_the_note(client, unverified):
    item = ET.fromstring(client.get("/rss/").content).find("channel/item")
    assert "Belum terverifikasi" in [c.text for c in item.findall("category")]
    assert item.findtext("description").startswith("[Belum terverifikasi]")
    assert NOTE in item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")


def test_marking_verified_needs_a_follow_up_or_a_note(unverified):
    verification = unverified.verification
    verification.status = Verification.Status.VERIFIED
    with pytest.raises(ValidationError) as refused:
        verification.full_clean()
    assert "Untuk menandai berita terverifikasi" in " ".join(refused.value.messages)


def test_once_verified_the_story_links_the_result_and_says_when(client, unverified):
    follow_up = make_article(headline="Polisi: ledakan berasal dari tabung gas")
    verification = unverified.verification
    verification.status, verification.follow_up = Verification.Status.VERIFIED, follow_up
    verification.full_clean()
    verification.save()
    text = client.get(unverified.get_absolute_url()).text
    assert "Belum terverifikasi" not in text
    assert "Berita ini telah diverifikasi pada" in text
    assert f'<a href="{follow_up.get_absolute_url()}">Polisi: ledakan berasal dari tabung gas</a>' in text
    assert "creativeWorkStatus" not in text


def test_a_dated_note_can_stand_in_for_a_follow_up(client, unverified):
    verification = unverified.verification
    verification.status, verification.note = Verification.Status.VERIFIED, "Dikonfirmasi Basarnas pukul 14.00 WIB."
    verification.full_clean()
    verification.save()
    assert verification.verified_at is not None
    text = client.get(unverified.get_absolute_url()).text
    assert "Berita ini telah diverifikasi pada" in text and "Dikonfirmasi Basarnas pukul 14.00 WIB." in text


def test_an_unpublished_follow_up_is_not_linked(client, unverified):
    follow_up = make_article("draft", headline="Hasil verifikasi belum terbit")
    Verification.objects.filter(pk=unverified.verification.pk).update(status="verified", follow_up=follow_up)
    assert "Hasil verifikasi belum terbit" not in client.get(unverified.get_absolute_url()).text
