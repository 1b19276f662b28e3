"""Readers get responsive pictures: srcset, sizes, width and height, lazy below the first screen, and thumbnails on every list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_person, make_photo, make_tag
from tests.html_page import Page


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pictures(html):
    return Page(html).find_all("img")


def test_the_lead_image_is_a_responsive_picture_loaded_first(client, db, media):
    photo = make_photo(credit="Antara/Budi Santoso", caption="Perahu di muara")
    article = make_article(lead_image=photo)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in html
    lead = next(img for img in pictures(html) if img.get("fetchpriority"))
    assert lead["width"] == "1600" and lead["height"] == "1200"
    assert "640w" in lead["srcset"] and lead["sizes"]
    assert lead["fetchpriority"] == "high" and "loading" not in lead
    assert "Antara/Budi Santoso" in html
    social = Page(html).meta("og:image")
    assert social.endswith("-social.jpg")


def test_every_list_of_stories_shows_thumbnails_lazily(client, db, media):
    photo = make_photo(size=(800, 600))
    tag, person = make_tag("Banjir"), make_person("Rina Wulandari")
    article = make_article(lead_image=photo, headline="Banjir rob rendam pesisir utara", tags=[tag], people=[person])
    make_article(lead_image=photo, headline="Nelayan kembali melaut")
    local_day = timezone.localdate(article.publish_at).isoformat()
    pages = {
        "front": reverse("articles:home"),
        "section": article.section.get_absolute_url(),
        "topic": tag.get_absolute_url(),
        "person": person.get_absolute_url(),
        "index": reverse("articles:index") + f"?tanggal={local_day}",
        "search": reverse("articles:search") + "?q=banjir",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        thumbs = [img for img in pictures(response.content.decode()) if "160w" in img.get("srcset", "")]
        assert thumbs, f"no thumbnail on the {name} page"
        for img in thumbs:
            assert img["width"] and img["height"] and img["sizes"], name
        if name != "front":
            assert all(img.get("loading") == "lazy" for img in thumbs), name
