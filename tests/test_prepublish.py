"""The pre-publish check, one warning at a time."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from articles.workflow.checks import prepublish_warnings
from tests.factories import make_article, make_section

GOOD_BODY = "<p>" + " ".join(["kata"] * 160) + "</p>"


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


def warnings(**overrides):
    values = dict(headline="Banjir rob rendam pesisir", body=GOOD_BODY, section=object(), lead_image=object(), publish_at=None, has_byline=True)
    values.update(overrides)
    return prepublish_warnings(**values)


def test_a_ready_story_has_no_warnings(db):
    assert warnings() == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"has_byline": False}, "Tanpa byline"),
        ({"lead_image": None}, "Tanpa foto utama"),
        ({"section": None}, "Tanpa rubrik"),
        ({"body": GOOD_BODY + "<p>Korban [...] orang.</p>"}, "[...]"),
        ({"body": GOOD_BODY + "<p>Korban […] orang.</p>"}, "[…]"),
        ({"body": GOOD_BODY + "<p>Jumlah korban TK.</p>"}, "“TK”"),
        ({"body": GOOD_BODY + "<p>Kata xxx di sini.</p>"}, "“xxx”"),
        ({"body": "<p>Lorem ipsum dolor sit amet.</p>" + GOOD_BODY}, "“Lorem”"),
        ({"body": "<p>Terlalu pendek.</p>"}, "hanya 2 kata"),
        ({"publish_at": timezone.now() - timedelta(days=2)}, "masa lalu"),
        ({"headline": "J" * 101}, "101 karakter"),
    ],
)
def test_each_warning(db, overrides, expected):
    found = warnings(**overrides)
    assert len(found) == 1 and expected in found[0], found


def test_words_that_merely_contain_placeholders_pass(db):
    assert warnings(body=GOOD_BODY + "<p>Tokyo, TKI, kotak xx, explorem.</p>") == []


def test_links_to_our_own_drafts_are_named_and_live_ones_pass(db, settings):
    draft = make_article("draft", headline="Draf investigasi tambang")
    live = make_article("published", section=make_section())
    body = GOOD_BODY + (
        f'<p><a href="{draft.get_absolute_url()}">a</a> <a href="{settings.SITE_URL}{live.get_absolute_url()}">b</a>'
        ' <a href="https://contoh.id/berita/lain/">c</a></p>'
    )
    found = warnings(body=body)
    assert len(found) == 1 and "Draf investigasi tambang" in found[0]


def test_backdating_is_only_a_first_publish_matter(db):
    past = timezone.now() - timedelta(hours=3)
    assert warnings(publish_at=past, first_publish=False) == []
    assert warnings(publish_at=timezone.now() - timedelta(minutes=1)) == []
