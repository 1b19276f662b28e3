"""The curated front page stays within the reader-page budget with every slot filled."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.desk.models import PICK_SLOTS
from tests.desk_helpers import place, put_up_bar, scoped_texts
from tests.factories import make_article, make_image, make_section
from tests.test_query_budget import BUDGET

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # These count what rendering costs; a page-cache hit would cost nothing.
    settings.PAGE_CACHE = False


def fill_every_slot(picks=PICK_SLOTS):
    sections = [make_section() for _ in range(4)]
    stories = [make_article(section=sections[n % 4], hours=n + 1, lead_image=make_image()) for n in range(30)]
    place(stories[20], "headline")
    for position, story in enumerate(stories[21 : 21 + picks]):
        place(story, "pick", position=position)
    for section, story in zip(sections, stories[:4]):
        place(story, "section")
    put_up_bar(stories[0])
    return stories


def count(client, url="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


def test_front_page_with_every_slot_filled_is_within_budget(client):
    stories = fill_every_slot()
    used, html = count(client)
    assert used <= BUDGET, f"front page used {used} queries"
    assert scoped_texts(html, "lead-story", "card-title") == [stories[20].headline]
    assert scoped_texts(html, "highlights", "card-title") == [story.headline for story in stories[21:27]]
    assert "Berita Terkini" in html


def test_one_pick_costs_what_six_cost(client):
    fill_every_slot(picks=1)
    one, _html = count(client)
    fill_every_slot(picks=PICK_SLOTS)
    six, _html = count(client)
    assert one == six


def test_section_page_with_a_pin_is_within_budget(client):
    stories = fill_every_slot()
    used, html = count(client, stories[0].section.get_absolute_url())
    assert used <= BUDGET
    assert scoped_texts(html, "pinned-story", "card-title") == [stories[0].headline]
