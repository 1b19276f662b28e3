"""
Hostile plain text (markup, control characters) in every place text enters
HTML or XML: feeds deliver it as text and stay valid XML, sitemaps stay
valid, pages escape it in meta tags and JSON-LD, the admin escapes it, and
control characters are stripped wherever text comes in.
"""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Person, Section, Tag
from tests.factories import make_article, make_person, make_section, make_tag
from tests.html_page import Page
from tests.test_admin import article_form_data

MARKUP = '<img src=x onerror="alert(2)">'
CONTROLS = "Banjir\x0bRob\x1f Rendam\x08 Pesisir"


@pytest.fixture
def hostile(db):
    """A published story whose every text carries markup, stored with control characters
    (written with update(), as data saved before stripping existed would be)."""
    section = make_section("Nasional", slug="nasional")
    tag, person = make_tag("Banjir"), make_person("Rina Wulandari")
    article = make_article(section=section, tags=[tag], people=[person])
    Article.objects.filter(pk=article.pk).update(
        headline=f"{CONTROLS} {MARKUP}", standfirst=f"Ringkasan {MARKUP}\x0c", dateline="JAKARTA\x0b"
    )
    Tag.objects.filter(pk=tag.pk).update(name=f"Banjir\x0b {MARKUP}")
    Person.objects.filter(pk=person.pk).update(name=f"Rina\x1f {MARKUP}")
    Section.objects.filter(pk=section.pk).update(name=f"Nasional\x0b {MARKUP}", description=f"Berita {MARKUP}")
    article.refresh_from_db()
    return article, section, tag, person


def feed_urls(article, section, tag, person):
    return [
        reverse("articles:feed"),
        reverse("articles:section_feed", args=[section.slug]),
        reverse("articles:tag_feed", args=[tag.slug]),
        reverse("articles:person_feed", args=[person.slug]),
    ]


def test_feeds_stay_valid_and_deliver_plain_text_as_text(client, hostile):
    for url in feed_urls(*hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        channel = ET.fromstring(response.content).find("channel")
        descriptions = [channel.findtext("description")] + [item.findtext("description") for item in channel.iter("item")]
        for text in descriptions:
            # What a feed reader decodes as HTML must hold no tag, only its escaped text.
            assert "<img" not in text, (url, text)
        [item] = channel.iter("item")
        assert item.findtext("description") == "Ringkasan &lt;img src=x onerror=&quot;alert(2)&quot;&gt;"
        # Django's syndication takes titles as HTML too, and escapes them the same way.
        assert item.findtext("title") == "BanjirRob Rendam Pesisir &lt;img src=x onerror=&quot;alert(2)&quot;&gt;"


def test_corrections_feed_delivers_plain_text_as_text(client, hostile):
    from articles.press.models import Correction

    correction = Correction.objects.create(article=hostile[0], text=f"Nama yang benar {MARKUP}")
    Correction.objects.filter(pk=correction.pk).update(text=f"Nama\x0b yang benar {MARKUP}")
    response = client.get(reverse("press:corrections_feed"))
    assert response.status_code == 200
    [item] = ET.fromstring(response.content).find("channel").iter("item")
    assert item.findtext("description") == "Nama yang benar &lt;img src=x onerror=&quot;alert(2)&quot;&gt;"


def test_sitemaps_stay_valid_xml(client, hostile):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    locations = [loc.text for loc in ET.fromstring(index.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for url in ["/sitemap-news.xml", *(location.split("localhost:8000", 1)[-1] for location in locations)]:
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)
    news = client.get("/sitemap-news.xml").content.decode()
    assert f"<news:title>BanjirRob Rendam Pesisir &lt;img src=x onerror=&quot;alert(2)&quot;&gt;</news:title>" in news


def test_pages_escape_it_in_meta_tags_and_json_ld(client, hostile):
    article, section, tag, person = hostile
    for url in [article.get_absolute_url(), section.get_absolute_url(), tag.get_absolute_url(), person.get_absolute_url(), "/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKUP not in response.text, url
    page = Page(client.get(article.get_absolute_url()).text)
    assert MARKUP in page.meta("description") and MARKUP in page.meta("og:title")
    [data] = page.json_ld_of_type("NewsArticle")
    assert MARKUP in data["headline"] and MARKUP in data["description"]


def test_admin_escapes_it(client, hostile, chief):
    article, section, tag, person = hostile
    client.force_login(chief)
    for url in [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_tag_changelist"),
        reverse("admin:articles_person_changelist"),
        reverse("admin:articles_section_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKUP not in response.text, url


def test_admin_form_strips_control_characters(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(headline="Gempa\x0bMagnitudo 5,1\x1f Guncang Lombok", standfirst="BMKG\x0c memastikan.\tTanpa tsunami."),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.headline == "GempaMagnitudo 5,1 Guncang Lombok"
    assert article.standfirst == "BMKG memastikan.\tTanpa tsunami."


def test_export_reimport_strips_control_characters(db, tmp_path):
    record = {
        "slug": "banjir-rob",
        "headline": f"Banjir\x0b rob {MARKUP}",
        "standfirst": "Air\x1f laut naik.",
        "body": "<p>Paragraf\x08 satu.</p>",
        "sources": [{"name": "BMKG\x0b", "url": "", "position": 0}],
    }
    path = Path(tmp_path / "export.jsonl")
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    call_command("import_articles", str(path), stdout=open(tmp_path / "out.txt", "w"))
    article = Article.objects.get(slug="banjir-rob")
    assert article.headline == f"Banjir rob {MARKUP}" and article.standfirst == "Air laut naik."
    assert article.body == "<p>Paragraf satu.</p>"
    assert list(article.sources.values_list("name", flat=True)) == ["BMKG"]
