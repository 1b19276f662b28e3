"""The article page: everything the issue lists, as a reader sees it."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from tests.factories import (
    make_article,
    make_contribution,
    make_image,
    make_person,
    make_section,
    make_tag,
)
from tests.html_page import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def story(media):
    section = make_section("Nasional", slug="nasional")
    writer, second_writer, editor = make_person("Bayu Pratama"), make_person("Dewi Lestari"), make_person("Rina Kusuma")
    image = make_image(caption="Warga mengungsi dari Desa Dayeuhkolot.", credit="Antara/Raisan Al Farisi")
    article = make_article(
        headline="Banjir Rendam Ribuan Rumah di Kabupaten Bandung",
        standfirst="Sebanyak 3.200 warga mengungsi setelah Sungai Citarum meluap.",
        body="<p>Banjir setinggi dua meter merendam enam kecamatan.</p><h2>Posko darurat</h2><p>BPBD membuka posko.</p>",
        dateline="Bandung",
        section=section,
        lead_image=image,
        tags=[make_tag("Banjir"), make_tag("Citarum")],
        sources=["BPBD Jawa Barat", "Antara"],
    )
    make_contribution(article, writer, "writer")
    make_contribution(article, second_writer, "writer")
    make_contribution(article, editor, "editor")
    return article


def get_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response, Page(response.text)


def test_section_link_headline_and_standfirst(client, story):
    response, page = get_page(client, story)
    assert page.headings[0] == (1, "Banjir Rendam Ribuan Rumah di Kabupaten Bandung")
    assert [h for h in page.headings if h[0] == 1] == [page.headings[0]]
    assert "/rubrik/nasional/" in page.anchors()
    assert "Sebanyak 3.200 warga mengungsi setelah Sungai Citarum meluap." in response.text


def test_byline_groups_people_by_role_in_indonesian(client, story):
    response, page = get_page(client, story)
    text = " ".join(response.text.split())
    assert "Penulis: <a" in text and "Editor: <a" in text
    byline = text[text.index("Penulis:") : text.index("</p>", text.index("Penulis:"))]
    assert byline.index("Bayu Pratama") < byline.index("Dewi Lestari") < byline.index("·") < byline.index("Editor:") < byline.index("Rina Kusuma")
    for name in ["Bayu Pratama", "Dewi Lestari", "Rina Kusuma"]:
        person = story.contributions.get(person__name=name).person
        assert person.get_absolute_url() in page.anchors()


@pytest.mark.parametrize(
    ("role", "label"),
    [("photographer", "Fotografer"), ("translator", "Penerjemah"), ("contributor", "Kontributor")],
)
def test_other_roles_are_labelled_in_indonesian(client, role, label):
    article = make_article()
    make_contribution(article, make_person("Agus Salim"), role)
    response = client.get(article.get_absolute_url())
    assert f"{label}: <a" in response.text


def test_dateline_opens_the_first_paragraph_with_the_outlet_name(client, story, settings):
    settings.SITE_NAME = "Kabar Priangan"
    response, _page = get_page(client, story)
    assert '<p><span class="dateline">BANDUNG, Kabar Priangan</span> –&nbsp;Banjir setinggi dua meter' in response.text


def test_published_time_in_wib_with_machine_readable_offset(client, story):
    local = timezone.localtime(story.publish_at)
    response, page = get_page(client, story)
    times = page.find_all("time")
    assert times[0]["datetime"] == local.isoformat(timespec="seconds")
    assert times[0]["datetime"].endswith("+07:00")
    assert f"{local.day} " in response.text and f"{local:%H:%M} WIB" in response.text
    assert "Diperbarui" not in response.text


def test_updated_time_is_shown_after_a_substantive_update(client, story):
    story.updated_substantively_at = story.publish_at + timedelta(minutes=45)
    story.save()
    response, page = get_page(client, story)
    assert "Diperbarui" in response.text
    updated = timezone.localtime(story.updated_substantively_at)
    assert {"datetime": updated.isoformat(timespec="seconds")} in page.find_all("time")


def test_lead_image_with_alt_caption_and_credit(client, story):
    response, page = get_page(client, story)
    image = story.lead_image
    [img] = [a for a in page.find_all("img") if a.get("src") == image.file.url]
    assert img["alt"] == "Warga mengungsi di atas perahu karet"
    assert (img["width"], img["height"]) == ("1200", "675")
    assert "Warga mengungsi dari Desa Dayeuhkolot." in response.text
    assert "Foto: Antara/Raisan Al Farisi" in response.text


def test_body_sources_and_tags(client, story):
    response, page = get_page(client, story)
    assert "BPBD membuka posko." in response.text
    assert (2, "Posko darurat") in page.headings
    assert (2, "Sumber") in page.headings
    assert "BPBD Jawa Barat" in response.text and "Antara" in response.text
    for tag in story.tags.all():
        assert tag.get_absolute_url() in page.anchors()


def test_share_links_need_no_third_party_script(client, story, settings):
    settings.SITE_URL = "https://www.wartakum.example"
    response, page = get_page(client, story)
    url = "https://www.wartakum.example" + story.get_absolute_url()
    share = {urlsplit(href).netloc or urlsplit(href).scheme: href for href in page.anchors() if href.startswith(("https://wa.me", "https://www.facebook.com", "https://x.com", "https://t.me", "mailto:"))}
    assert set(share) == {"wa.me", "www.facebook.com", "x.com", "t.me", "mailto"}
    assert parse_qs(urlsplit(share["www.facebook.com"]).query)["u"] == [url]
    assert url in parse_qs(urlsplit(share["wa.me"]).query)["text"][0]
    # The only scripts on the page are JSON-LD data, and nothing loads from elsewhere.
    assert all(attrs.get("type") == "application/ld+json" for attrs, _text in page.scripts)
    for tag, attrs in page.elements:
        if tag in ("img", "script", "iframe", "source", "video", "audio") and "src" in attrs:
            assert attrs["src"].startswith("/"), attrs
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "apple-touch-icon", "preload", "manifest"):
            assert attrs["href"].startswith("/"), attrs


class TestRelated:
    """'Baca juga': editor's picks, then shared topics, then the same section; newest first; never unpublished."""

    def test_order_and_visibility(self, client):
        section, other_section = make_section(), make_section()
        shared = make_tag("Pemilu")
        article = make_article(section=section, tags=[shared], hours=1)
        pick_old = make_article(section=other_section, hours=300, headline="Pilihan editor lama")
        pick_new = make_article(section=other_section, hours=200, headline="Pilihan editor baru")
        hidden_pick = make_article("draft", headline="Draf yang dipilih editor")
        scheduled_pick = make_article("scheduled", section=section, tags=[shared], headline="Terjadwal yang dipilih")
        tagged = make_article(section=other_section, tags=[shared], hours=5, headline="Sama topik")
        same_section = make_article(section=section, hours=2, headline="Sama rubrik")
        make_article(section=other_section, hours=3, headline="Tidak berkaitan")
        make_article("unpublished", section=section, tags=[shared], headline="Sudah ditarik")
        article.related_articles.set([pick_old, pick_new, hidden_pick, scheduled_pick])

        response = client.get(article.get_absolute_url())
        text = response.text
        block = text[text.index("Baca juga") :]
        order = [pick_new.headline, pick_old.headline, tagged.headline, same_section.headline]
        positions = [block.index(headline) for headline in order]
        assert positions == sorted(positions)
        for absent in ["Tidak berkaitan", "Draf yang dipilih editor", "Terjadwal yang dipilih", "Sudah ditarik", article.headline]:
            assert absent not in block

    def test_no_block_without_relations(self, client):
        article = make_article()
        assert "Baca juga" not in client.get(article.get_absolute_url()).text

    def test_at_most_five(self, client):
        section = make_section()
        article = make_article(section=section)
        for n in range(8):
            make_article(section=section, hours=n + 2)
        page = Page(client.get(article.get_absolute_url()).text)
        related_links = [href for href in page.anchors() if href.startswith("/berita/") and href != article.get_absolute_url()]
        assert len(related_links) == 5


def test_article_without_optional_parts_still_renders(client):
    article = make_article(standfirst="", dateline="", body="<p>Singkat.</p>")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Singkat." in response.text
    assert "Sumber" not in response.text and "Foto:" not in response.text


def test_unknown_article_is_404(client, db):
    assert client.get("/berita/tidak-pernah-ada/").status_code == 404
