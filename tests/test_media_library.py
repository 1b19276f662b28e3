"""
The image library in the admin: a thumbnail for each picture, a search over
alt text, caption and credit, and where each picture is used.
"""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_person, make_photo
from tests.html_page import Page


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def library(db, media):
    return {
        "perahu": make_photo(size=(400, 300), alt_text="Perahu nelayan di muara", caption="Nelayan pulang melaut", credit="Antara/Budi"),
        "banjir": make_photo(size=(400, 300), seed=1, alt_text="Banjir di Kampung Melayu", caption="", credit="Reuters/Ajeng"),
        "gunung": make_photo(size=(400, 300), seed=2, alt_text="Gunung Merapi", caption="Asap putih", credit="Wartakum/Rina"),
    }


def listed(client, **query):
    response = client.get(reverse("admin:articles_image_changelist"), query)
    assert response.status_code == 200
    return Page(response.content.decode()).find_all("img", class_="image-thumb")


@pytest.mark.parametrize(
    "term, found",
    [("muara", "perahu"), ("Reuters", "banjir"), ("asap putih", "gunung"), ("ANTARA/BUDI", "perahu")],
    ids=["alt-text", "credit", "caption", "any-case"],
)
def test_the_library_searches_alt_text_caption_and_credit(client, editor, library, term, found):
    client.force_login(editor)
    thumbs = listed(client, q=term)
    assert len(thumbs) == 1
    assert f"/images/renditions/{library[found].pk}/" in thumbs[0]["src"]


def test_every_picture_in_the_library_has_a_small_thumbnail(client, editor, library):
    client.force_login(editor)
    thumbs = listed(client)
    assert len(thumbs) == 3
    assert all(thumb["src"].endswith("-160.webp") and thumb["loading"] == "lazy" for thumb in thumbs)


def test_the_picture_form_shows_where_it_is_used(client, editor, library):
    photo = library["perahu"]
    make_article(headline="Nelayan Muara Angke kembali melaut", lead_image=photo)
    block = f'<figure data-block="picture" data-image="{photo.pk}"><img src="{photo.file.url}" alt="x"></figure>'
    make_article("draft", headline="Harga ikan turun", body=f"<p>Isi.</p>{block}")
    make_article(headline="Tidak memakai gambar ini", lead_image=library["banjir"])
    make_person("Budi Santoso", photo=photo)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_image_change", args=[photo.pk])).content.decode()
    used = page.split('class="image-used-in"', 1)[1].split("</ul>", 1)[0]
    assert "Nelayan Muara Angke kembali melaut" in used and "Harga ikan turun" in used and "Budi Santoso" in used
    assert "Tidak memakai gambar ini" not in used
    unused = client.get(reverse("admin:articles_image_change", args=[library["gunung"].pk])).content.decode()
    assert "image-used-in" not in unused
