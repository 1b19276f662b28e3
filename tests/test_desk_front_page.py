"""The front page as editors place it: Headline, Pilihan Editor, fallbacks, times; the section pin; the bar."""

import pytest

from articles.desk.models import PICK_SLOTS, BreakingNews, Placement
from tests.desk_helpers import hours, place, put_up_bar, scoped, scoped_texts
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def lead_headline(client):
    found = scoped_texts(client.get("/").text, "lead-story", "card-title")
    return found[0] if found else None


def highlight_headlines(client):
    return scoped_texts(client.get("/").text, "highlights", "card-title")


@pytest.fixture
def stories():
    section = make_section("Nasional", slug="nasional")
    return [make_article(section=section, hours=n, headline=f"Cerita ke-{n}") for n in range(1, 16)]


def test_without_picks_the_newest_story_leads(client, stories):
    assert lead_headline(client) == "Cerita ke-1"
    assert highlight_headlines(client) == [f"Cerita ke-{n}" for n in range(2, 2 + PICK_SLOTS)]
    assert "Pilihan Editor" not in client.get("/").text


def test_headline_and_ordered_picks_stay_where_the_editor_put_them(client, stories):
    place(stories[9], "headline")
    place(stories[12], "pick", position=0)
    place(stories[5], "pick", position=1)
    assert lead_headline(client) == "Cerita ke-10"
    # Picks first in their order, then the newest stories not shown elsewhere fill the rest.
    assert highlight_headlines(client) == ["Cerita ke-13", "Cerita ke-6", "Cerita ke-1", "Cerita ke-2", "Cerita ke-3", "Cerita ke-4"]
    text = client.get("/").text
    assert "Pilihan Editor" in text
    assert text.count(stories[9].get_absolute_url()) == 1


def test_withdrawn_or_expired_picks_leave_their_slot(client, stories, editor):
    place(stories[9], "headline")
    place(stories[12], "pick", expires_at=hours(-1), starts_at=hours(-3))
    stories[9].unpublish(editor)
    assert lead_headline(client) == "Cerita ke-1"
    assert "Cerita ke-13" not in highlight_headlines(client)
    # The placement rows stay: publishing again puts the story back in its slot.
    assert Placement.objects.count() == 2


def test_a_pick_can_start_later_with_its_scheduled_article(client, stories, editor):
    scheduled = make_article("scheduled", section=stories[0].section, headline="Embargo pukul enam", hours=2)
    place(scheduled, "headline")
    place(stories[7], "pick", starts_at=hours(1))
    assert lead_headline(client) == "Cerita ke-1"
    assert "Embargo pukul enam" not in client.get("/").text
    assert "Cerita ke-8" not in highlight_headlines(client)[:1]
    Placement.objects.filter(article=stories[7]).update(starts_at=hours(-1))
    scheduled.publish_at = hours(-0.1)
    scheduled.save()
    assert lead_headline(client) == "Embargo pukul enam"
    assert highlight_headlines(client)[0] == "Cerita ke-8"


def test_the_latest_started_headline_wins(client, stories):
    place(stories[3], "headline", starts_at=hours(-5))
    place(stories[4], "pick")
    Placement.objects.create(article=stories[6], slot="headline", starts_at=hours(-1))
    assert lead_headline(client) == "Cerita ke-7"


def test_only_published_articles_can_be_placed(db):
    from django.core.exceptions import ValidationError

    draft = make_article("draft")
    with pytest.raises(ValidationError) as error:
        Placement(article=draft, slot="pick").full_clean()
    assert "Hanya artikel yang sudah terbit atau terjadwal" in " ".join(error.value.messages)


def test_section_pin_heads_its_section_page_only(client, stories):
    place(stories[11], "section")
    assert scoped_texts(client.get("/rubrik/nasional/").text, "pinned-story", "card-title") == ["Cerita ke-12"]
    assert client.get("/rubrik/nasional/").text.count(stories[11].get_absolute_url()) == 1
    assert "pinned-story" not in client.get("/rubrik/nasional/?page=2").text
    assert "pinned-story" not in client.get("/").text


def test_breaking_news_bar_on_every_reader_page_until_it_expires(client, stories, settings):
    # Time is moved by rewriting the row, which no page-cache generation hears of.
    settings.PAGE_CACHE = False
    bar = put_up_bar(stories[2])
    for url in ["/", "/rubrik/nasional/", stories[0].get_absolute_url(), "/indeks/", "/cari/?q=cerita"]:
        html = client.get(url).text
        assert scoped(html, "breaking-news", "breaking-link") == [("Gempa M 6,2 guncang Lombok", stories[2].get_absolute_url())], url
        assert scoped_texts(html, "breaking-news", "breaking-news-label") == ["Berita Terkini"], url
    # Two hours by default.
    assert hours(1.9) < bar.expires_at < hours(2.1)
    BreakingNews.objects.filter(pk=bar.pk).update(starts_at=hours(-3), expires_at=hours(-1))
    assert "breaking-news" not in client.get("/").text


def test_cleared_bar_and_bar_of_a_withdrawn_story_disappear(client, stories, editor):
    bar = put_up_bar(stories[2])
    bar.clear()
    assert "breaking-news" not in client.get("/").text
    put_up_bar(stories[3], text="Banjir bandang")
    stories[3].unpublish(editor)
    assert "breaking-news" not in client.get("/").text
