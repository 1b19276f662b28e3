"""Curating from the admin: the "Halaman depan" screen and the placements in the article form."""

import pytest
from django.urls import reverse

from articles.desk.models import BreakingNews, Placement
from tests.desk_helpers import hours, place, put_up_bar, scoped_texts
from tests.factories import make_article, make_section
from tests.test_admin import article_form_data

SCREEN = reverse("admin:desk_placement_changelist")


@pytest.fixture
def stories(db):
    section = make_section("Nasional", slug="nasional")
    return [make_article(section=section, hours=n, headline=f"Cerita ke-{n}") for n in range(1, 10)]


def split(when):
    """A moment as the admin's date and time boxes show it in Indonesian ("30-11-2026", "06.00.00")."""
    from django.utils import formats, timezone, translation

    local = timezone.localtime(when)
    with translation.override("id"):
        return formats.localize_input(local.date()), formats.localize_input(local.time().replace(microsecond=0))


@pytest.mark.parametrize("role, allowed", [("reporter", False), ("editor", True), ("chief", True)])
def test_only_editors_curate(client, request, stories, role, allowed):
    client.force_login(request.getfixturevalue(role))
    assert client.get(SCREEN).status_code == (200 if allowed else 403)
    response = client.post(SCREEN, {"action": "place", "place-article": stories[3].pk, "place-slot": "headline"})
    assert response.status_code == (302 if allowed else 403)
    assert Placement.objects.exists() == allowed
    assert ("Halaman depan" in client.get(reverse("admin:index")).text) == allowed


def test_screen_shows_the_slots_as_readers_get_them(client, editor, stories):
    place(stories[4], "headline")
    place(stories[6], "pick")
    client.force_login(editor)
    html = client.get(SCREEN).text
    titles = scoped_texts(html, "desk-slots", "desk-slot-title")
    assert titles == ["Cerita ke-5", "Cerita ke-7", "Cerita ke-1", "Cerita ke-2", "Cerita ke-3", "Cerita ke-4", "Cerita ke-6"]
    labels = scoped_texts(html, "desk-slots", "desk-slot-label")
    assert labels[0].startswith("Headline · dipilih editor")
    assert labels[2] == "Pilihan Editor 2 · otomatis: berita terbaru"


def test_place_move_and_remove_in_a_few_clicks(client, editor, stories):
    client.force_login(editor)
    for story in (stories[5], stories[7]):
        response = client.post(SCREEN, {"action": "place", "place-article": story.pk, "place-slot": "pick"})
        assert response.status_code == 302
    client.post(SCREEN, {"action": "place", "place-article": stories[8].pk, "place-slot": "headline"})
    home = client.get("/").text
    assert scoped_texts(home, "lead-story", "card-title") == ["Cerita ke-9"]
    assert scoped_texts(home, "highlights", "card-title")[:2] == ["Cerita ke-6", "Cerita ke-8"]

    second = Placement.objects.get(article=stories[7])
    client.post(SCREEN, {"action": "up", "placement": second.pk})
    assert scoped_texts(client.get("/").text, "highlights", "card-title")[:2] == ["Cerita ke-8", "Cerita ke-6"]

    client.post(SCREEN, {"action": "remove", "placement": second.pk})
    assert scoped_texts(client.get("/").text, "highlights", "card-title")[:2] == ["Cerita ke-6", "Cerita ke-1"]

    # A new Headline replaces the one readers see.
    client.post(SCREEN, {"action": "place", "place-article": stories[2].pk, "place-slot": "headline"})
    assert list(Placement.objects.filter(slot="headline").values_list("article", flat=True)) == [stories[2].pk]


def test_a_draft_cannot_be_placed_and_the_form_keeps_what_was_typed(client, editor, stories):
    draft = make_article("draft", headline="Masih draf")
    client.force_login(editor)
    response = client.post(SCREEN, {"action": "place", "place-article": draft.pk, "place-slot": "pick"})
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert not Placement.objects.exists()
    start, _ = split(hours(3))
    response = client.post(
        SCREEN,
        {"action": "place", "place-article": stories[1].pk, "place-slot": "pick", "place-starts_at_0": start, "place-starts_at_1": "10.00.00",
         "place-expires_at_0": start, "place-expires_at_1": "09.00.00"},
    )
    assert response.status_code == 200 and "errorlist" in response.text
    assert 'value="10.00.00"' in response.text
    assert not Placement.objects.exists()


def test_breaking_news_bar_from_the_screen_defaults_to_two_hours_and_clears(client, chief, stories):
    client.force_login(chief)
    page = client.get(SCREEN).text
    day, time = split(hours(2))
    assert f'value="{day}"' in page
    response = client.post(
        SCREEN,
        {"action": "breaking", "breaking-text": "Gempa guncang Lombok", "breaking-article": stories[0].pk,
         "breaking-expires_at_0": day, "breaking-expires_at_1": time},
    )
    assert response.status_code == 302
    assert "Gempa guncang Lombok" in client.get("/").text
    bar = BreakingNews.objects.get()
    client.post(SCREEN, {"action": "clear", "bar": bar.pk})
    assert "breaking-news" not in client.get("/").text


def test_article_form_places_the_article(client, editor, stories):
    article = stories[3]
    client.force_login(editor)
    data = article_form_data(
        base_version=article.version, headline=article.headline, status="published", section=article.section_id,
        publish_at_0=split(article.publish_at)[0], publish_at_1=split(article.publish_at)[1], body=article.body,
        **{"placements-TOTAL_FORMS": "1", "placements-INITIAL_FORMS": "0", "placements-0-slot": "headline", "placements-0-position": "0"},
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert scoped_texts(client.get("/").text, "lead-story", "card-title") == ["Cerita ke-4"]


def test_article_form_refuses_placing_a_draft(client, editor):
    article = make_article("draft", section=make_section(), headline="Draf rahasia")
    client.force_login(editor)
    data = article_form_data(
        base_version=article.version, headline=article.headline, status="draft", section=article.section_id,
        **{"placements-TOTAL_FORMS": "1", "placements-INITIAL_FORMS": "0", "placements-0-slot": "headline", "placements-0-position": "0"},
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "Hanya artikel yang sudah terbit atau terjadwal" in response.text
    assert not Placement.objects.exists()


def test_desk_decisions_go_into_the_audit_log(client, chief, stories):
    from articles.audit.models import AuditEntry

    client.force_login(chief)
    client.post(SCREEN, {"action": "place", "place-article": stories[1].pk, "place-slot": "headline"})
    day, time = split(hours(2))
    client.post(
        SCREEN,
        {"action": "breaking", "breaking-text": "Gempa guncang Lombok", "breaking-article": stories[0].pk,
         "breaking-expires_at_0": day, "breaking-expires_at_1": time},
    )
    client.post(SCREEN, {"action": "remove", "placement": Placement.objects.get().pk})
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "actor", "object_repr", "summary"))
    assert entries[-3:] == [
        ("front_page", chief.pk, stories[1].headline, "Ditempatkan: Headline"),
        ("breaking_news", chief.pk, stories[0].headline, "Bilah berita terkini dipasang: Gempa guncang Lombok"),
        ("front_page", chief.pk, stories[1].headline, "Dicabut: Headline"),
    ]
