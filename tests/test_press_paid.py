"""Paid content (guideline point 6): labelled everywhere, sponsored for machines, not in Google News."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.press.labels import PaidKind
from tests.factories import make_article, make_section
from tests.html_page import Page

SITE = "https://www.wartakum.example"
LABEL = '<p class="paid-label">Advertorial</p>'


@pytest.fixture
def advertorial(db, settings):
    settings.SITE_URL = SITE
    section = make_section("Ekonomi", slug="ekonomi")
    make_article(section=section, headline="Berita biasa tentang pasar", hours=3)
    return make_article(
        section=section,
        headline="Tabungan emas kini makin mudah",
        paid_kind=PaidKind.ADVERTORIAL,
        body=(
            '<p>Kunjungi <a href="https://bank.example/emas">situs bank</a>, '
            f'baca <a href="{SITE}/berita/berita-biasa-tentang-pasar/">berita kami</a> '
            'dan <a href="/rubrik/ekonomi/">rubrik ekonomi</a>.</p>'
        ),
        hours=1,
    )


@pytest.mark.parametrize("path", ["/", "/rubrik/ekonomi/", "/indeks/?tanggal={day}", "/cari/?q=tabungan+emas", "/berita/berita-biasa-tentang-pasar/"])
def test_every_card_carries_the_label(client, advertorial, path):
    path = path.format(day=timezone.localdate(advertorial.publish_at).isoformat())
    text = client.get(path).text
    assert text.count(LABEL) == 1, path
    assert text.index(LABEL) < text.index("kini makin mudah")


@pytest.mark.parametrize(("kind", "label"), [("advertisement", "Iklan"), ("sponsored", "Konten bersponsor")])
def test_each_kind_has_its_indonesian_label(client, advertorial, kind, label):
    advertorial.paid_kind = kind
    advertorial.save()
    assert f'<p class="paid-label">{label}</p>' in client.get(advertorial.get_absolute_url()).text


def test_the_article_is_labelled_and_marked_sponsored(client, advertorial):
    text = client.get(advertorial.get_absolute_url()).text
    assert LABEL in text
    [article] = [data for data in Page(text).json_ld() if data.get("@type") == "AdvertiserContentArticle"]
    assert article["genre"] == "sponsored"


def test_only_outgoing_links_carry_rel_sponsored(client, advertorial):
    text = client.get(advertorial.get_absolute_url()).text
    assert '<a href="https://bank.example/emas" rel="sponsored noopener noreferrer">' in text
    assert f'<a href="{SITE}/berita/berita-biasa-tentang-pasar/" rel="noopener noreferrer">' in text
    assert '<a href="/rubrik/ekonomi/" rel="noopener noreferrer">' in text


def test_ordinary_articles_are_untouched(client, advertorial):
    ordinary = make_article(body='<p><a href="https://bank.example/">bank</a></p>')
    text = client.get(ordinary.get_absolute_url()).text
    assert "sponsored" not in text and "paid-label" not in text


def test_paid_content_stays_out_of_the_google_news_sitemap(client, advertorial):
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert SITE + "/berita/berita-biasa-tentang-pasar/" in locations
    assert SITE + advertorial.get_absolute_url() not in locations


def test_the_feed_labels_it(client, advertorial):
    items = ET.fromstring(client.get("/rss/").content).findall("channel/item")
    item = next(i for i in items if i.findtext("title") == "Tabungan emas kini makin mudah")
    assert "Advertorial" in [c.text for c in item.findall("category")]
    assert item.findtext("description").startswith("[Advertorial]")
    assert 'rel="sponsored' in item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")


def test_the_paid_kind_survives_an_export_and_import(advertorial, tmp_path):
    from django.core.management import call_command

    from articles.models import Article

    dump = tmp_path / "ekspor.jsonl"
    call_command("export_articles", "--output", str(dump), verbosity=0)
    Article.objects.filter(pk=advertorial.pk).update(paid_kind="")
    call_command("import_articles", str(dump), stdout=open(tmp_path / "out.txt", "w"))
    assert Article.objects.get(pk=advertorial.pk).paid_kind == PaidKind.ADVERTORIAL
