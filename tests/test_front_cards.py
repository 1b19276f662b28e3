"""
The front page's lists of cards ({% card_list %}, articles/cards.py) and the
addresses they build from the routes once a list (articles/paths.py).
"""

import pytest
from django.urls import NoReverseMatch, reverse

from articles.desk.models import PICK_SLOTS
from articles.paths import slug_path, slug_paths
from articles.views import FRONT_LATEST
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["banjir-jakarta-2026", "kopi_tubruk.v2~", "kafé-sore", "a&b", "100%-naik", "a b"])
def test_addresses_are_what_reverse_returns(slug):
    for name in ("articles:detail", "articles:section"):
        expected = reverse(name, kwargs={"slug": slug})
        assert slug_path(name, slug) == expected
        assert slug_paths(name)(slug) == expected


def test_an_empty_slug_has_no_address():
    with pytest.raises(NoReverseMatch):
        slug_paths("articles:detail")("")


def test_front_page_lists_cards_in_order_with_one_standfirst_per_section_block(client):
    busy = make_section(name="Nasional", slug="nasional")
    top = [make_article(section=busy, hours=1 + n / 100, headline=f"Teratas {n}") for n in range(1 + PICK_SLOTS + FRONT_LATEST)]
    quiet = make_section(name="Olahraga & Bola", slug="olahraga")
    older = [
        make_article(section=quiet, hours=5 + n, headline=f"Bola <{n}>", standfirst=f"Ringkasan bola {n}") for n in range(3)
    ]
    html = client.get("/").content.decode()
    # Every top story, newest first, each linked once or more by its own address.
    positions = [html.index(f">Teratas {n}<") for n in range(len(top))]
    assert positions == sorted(positions)
    for article in top + older:
        assert f'href="{article.get_absolute_url()}"' in html
    # The latest list wraps each card in an item.
    assert html.count('<li><article class="card">') == FRONT_LATEST
    # The quiet section's block: escaped headlines, newest first, the first card's standfirst alone.
    block = html[html.index('aria-labelledby="block-olahraga"') :]
    block = block[: block.index("</section>")]
    assert [block.index(f"Bola &lt;{n}&gt;") for n in range(3)] == sorted(block.index(f"Bola &lt;{n}&gt;") for n in range(3))
    assert "Ringkasan bola 0" in block
    assert "Ringkasan bola 1" not in html and "Ringkasan bola 2" not in html
    assert 'class="kicker"' not in block
    assert "Olahraga &amp; Bola" in html


def test_front_page_cards_show_their_pictures_and_the_leads_credit(client, settings, tmp_path, django_assert_max_num_queries):
    # The front page's cards are made from rows of values (articles/queries.py cards_from_rows): their pictures too.
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE = False  # Counting what rendering asks: no page cache stamps.
    section = make_section(name="Nasional", slug="nasional")
    lead_picture = make_image(alt_text="Perahu karet di Kampung Melayu", credit="Antara/Budi Santoso")
    make_article(section=section, hours=0.5, headline="Banjir merendam Kampung Melayu", lead_image=lead_picture)
    pictures = [make_image(alt_text=f"Gambar berita {n}") for n in range(1, 6)]
    for n, picture in enumerate(pictures, start=1):
        make_article(section=section, hours=1 + n, headline=f"Berita {n}", lead_image=picture)
    make_article(section=section, hours=9, headline="Berita tanpa gambar")
    with django_assert_max_num_queries(6):  # No query per picture.
        html = client.get("/").content.decode()
    lead = html[html.index('class="lead-story"') :]
    assert 'alt="Perahu karet di Kampung Melayu"' in lead and lead_picture.file.url in lead
    assert "Antara/Budi Santoso" in lead
    for picture in pictures:
        assert f'alt="{picture.alt_text}"' in html and picture.file.url in html
    card = html[html.index(">Berita tanpa gambar<") - 400 : html.index(">Berita tanpa gambar<")]
    assert '<article class="card">' in card
