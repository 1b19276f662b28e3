"""
Lists longer than the shortcuts behind them: the front page's section blocks
come from a window of the newest stories, with a quiet section asking for its
own; topic and person pages count their stories with the page's keys
(articles/queries.py CountedKeysPaginator); a page past a list's middle is
read from its other end (KeysFirstPaginator). Readers must not see the seams.
"""

from datetime import timedelta

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from articles import views
from tests.desk_helpers import place, scoped_texts
from tests.factories import make_article, make_contribution, make_person, make_section, make_tag
from tests.html_page import Page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE = False


def block_headlines(html, slug):
    """The headlines in the front page's block for the section `slug`, in order."""
    start = html.index(f'aria-labelledby="block-{slug}"')
    block = html[html.rindex("<section", 0, start) : html.index("</section>", start)]
    return scoped_texts(block, "section-block", "card-title")


def test_a_quiet_section_keeps_its_block_beyond_the_window(client, monkeypatch):
    busy, quiet = make_section(slug="sibuk"), make_section(slug="sepi")
    old = [make_article(section=quiet, hours=200 + n, headline=f"Kabar lama {n}") for n in range(5)]
    for n in range(40):
        make_article(section=busy, hours=1 + n, headline=f"Kabar baru {n}")
    html = client.get("/").text
    assert block_headlines(html, "sepi") == [article.headline for article in old[:4]]
    # The same page when the window of newest stories holds none of the quiet section's.
    monkeypatch.setattr(views, "SECTION_WINDOW", 1)
    assert client.get("/").text == html


def test_a_section_block_leaves_out_the_stories_shown_above(client):
    section = make_section(slug="nasional")
    stories = [make_article(section=section, hours=1 + n, headline=f"Berita {n}") for n in range(20)]
    html = client.get("/").text
    shown_above = set(scoped_texts(html, "front-top", "card-title"))
    block = block_headlines(html, "nasional")
    assert len(block) == views.FRONT_PER_SECTION
    assert not shown_above & set(block)
    expected = [story.headline for story in stories if story.headline not in shown_above][: views.FRONT_PER_SECTION]
    assert block == expected


@pytest.mark.parametrize("kind", ["topic", "person"])
def test_long_topic_and_person_lists_page_and_count(client, kind):
    tag, person = make_tag(), make_person()
    stories = []
    for n in range(45):
        story = make_article(hours=1 + n, headline=f"Cerita {n}", tags=[tag])
        make_contribution(story, person)
        stories.append(story)
    make_article("draft", tags=[tag], headline="Draf yang tidak terlihat")
    base = tag.get_absolute_url() if kind == "topic" else person.get_absolute_url()
    first = Page(client.get(base).text)
    last = client.get(f"{base}?page=3")
    assert last.status_code == 200
    assert [text for level, text in Page(last.text).headings if level == 2] == [story.headline for story in stories[40:]]
    assert first.link("next").endswith("?page=2")
    assert f"{base}?page=3" in [attrs.get("href") for tag_name, attrs in first.elements if tag_name == "a"]
    assert client.get(f"{base}?page=4").status_code == 404
    assert client.get(f"{base}?page=0").status_code == 404
    assert client.get(f"{base}?page=x").status_code == 404


def list_headlines(html):
    return [text for level, text in Page(html).headings if level == 2]


def test_every_page_of_a_long_section_in_order_from_either_end(client):
    # Stories three to a publish time: the order's tie-break (newest key
    # first) must hold read backwards too.
    section = make_section(slug="nasional")
    start = timezone.now() - timedelta(days=2)
    stories = [make_article(section=section, publish_at=start + timedelta(minutes=n // 3), headline=f"Cerita {n}") for n in range(48)]
    make_article("draft", section=section, headline="Draf yang tidak terlihat")
    pinned = stories[30]
    place(pinned, "section")
    listed = [story.headline for story in sorted(stories, key=lambda story: (story.publish_at, story.pk), reverse=True) if story != pinned]
    pages = [list_headlines(client.get(f"/rubrik/nasional/?page={number}").text) for number in (2, 3)]
    first = Page(client.get("/rubrik/nasional/").text)
    assert [text for level, text in first.headings if level == 2][1:] == listed[:20]  # After the pinned story.
    assert pages == [listed[20:40], listed[40:]]
    assert client.get("/rubrik/nasional/?page=4").status_code == 404


def test_a_topic_page_asks_no_more_than_its_queries(client):
    tag = make_tag()
    for n in range(25):
        make_article(hours=1 + n, tags=[tag])
    client.get(tag.get_absolute_url())  # Menu and the like, once.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(tag.get_absolute_url()).status_code == 200
    # Topic, the page's keys with the count, their cards, the menu, the bar.
    assert len(queries) <= 5, [query["sql"] for query in queries]
