"""
The frame of reader pages (head links, masthead, menu, footer) is rendered
once per process for the values it shows (articles/page_frame.py): what
readers see must still follow every change at once, and nothing one page
shows for itself (a search query, its own section) may reach another page.
"""

import re

import pytest
from django.contrib.flatpages.models import FlatPage

from articles.press.redirects import current_site
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE = False


def masthead_query(html):
    return re.search(r'id="site-search-q" name="q" value="([^"]*)"', html).group(1)


def menu(html):
    return re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)


def test_the_search_words_fill_the_masthead_on_the_search_page_alone(client):
    make_article(headline="Banjir di Bandung")
    assert masthead_query(client.get("/cari/", {"q": "banjir <b>"}).text) == "banjir &lt;b&gt;"
    assert masthead_query(client.get("/").text) == ""
    assert masthead_query(client.get("/cari/", {"q": "gempa"}).text) == "gempa"


def test_the_menu_marks_the_pages_own_section_only(client):
    economy = make_section("Ekonomi", slug="ekonomi")
    make_section("Hukum", slug="hukum")
    article = make_article(section=economy)
    on_article = menu(client.get(article.get_absolute_url()).text)
    assert '<a href="/rubrik/ekonomi/" aria-current="page">Ekonomi</a>' in on_article
    assert '<a href="/rubrik/hukum/">Hukum</a>' in on_article
    on_front = menu(client.get("/").text)
    assert "aria-current" not in on_front and '<a href="/rubrik/ekonomi/">Ekonomi</a>' in on_front


def test_a_renamed_section_and_a_new_flat_page_show_on_the_next_page(client):
    section = make_section("Ekonomi", slug="ekonomi")
    assert ">Ekonomi</a>" in menu(client.get("/").text)
    section.name = "Bisnis"
    section.save()
    page = FlatPage.objects.create(url="/redaksi/", title="Redaksi", content="<p>Isi.</p>")
    page.sites.add(current_site())
    html = client.get("/").text
    assert ">Bisnis</a>" in menu(html) and ">Ekonomi</a>" not in menu(html)
    assert '<li><a href="/redaksi/">Redaksi</a></li>' in html
