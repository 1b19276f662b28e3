"""
Terpopuler: views are counted for anonymous readers (cache hits included),
never for bots, staff or previews; no reader is identified; the ranking is
shown on the front page and article pages, and a withdrawn story leaves it
on the next request.
"""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.popular import counting
from articles.popular.models import HourlyViews
from articles.popular.ranking import refresh
from tests.view_counts import nothing_pending, views_of  # noqa: F401 (an autouse fixture)
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"




def read(client, article, agent=BROWSER, method="get"):
    return getattr(client, method)(article.get_absolute_url(), headers={"User-Agent": agent})


def test_anonymous_views_count_cache_hits_included(client):
    article = make_article()
    outcomes = [read(client, article).headers["X-Page-Cache"] for _ in range(3)]
    assert outcomes == ["MISS", "HIT", "HIT"]
    assert views_of(article) == 3


@pytest.mark.parametrize(
    "agent",
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.5.0", ""],
)
def test_bots_are_not_counted(client, agent):
    article = make_article()
    read(client, article, agent)
    read(client, article, agent)
    assert views_of(article) == 0


def test_staff_head_requests_and_hidden_articles_are_not_counted(client):
    article, draft = make_article(), make_article("draft")
    read(client, article, method="head")
    client.force_login(make_user("redaksi", "Editor"))
    read(client, article)
    read(client, draft)
    assert views_of(article) == 0 and views_of(draft) == 0


def test_nothing_about_the_reader_is_stored():
    assert {field.name for field in HourlyViews._meta.get_fields()} == {"id", "article", "hour", "views"}


def test_a_flush_is_one_batch_whatever_the_number_of_articles(client):
    articles = [make_article() for _ in range(12)]
    for article in articles:
        read(client, article)
    with CaptureQueriesContext(connection) as queries:
        counting.flush()
    writes = [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith("INSERT") and "popular_hourlyviews" in query["sql"]]
    assert len(writes) == 1
    assert HourlyViews.objects.count() == 12


def most_read_headlines(client, path):
    html = client.get(path, headers={"User-Agent": BROWSER}).content.decode()
    block = re.search(r'<ol class="most-read-list">(.*?)</ol>', html, re.S)
    return [unescape(text) for text in re.findall(r"<a [^>]*>([^<]*)</a>", block.group(1))] if block else []


def test_ranking_on_front_and_article_pages_and_withdrawal_leaves_it(client, editor):
    first = make_article(headline="Gempa di Cianjur")
    second = make_article(headline="Harga cabai naik")
    for _ in range(5):
        read(client, first)
    for _ in range(2):
        read(client, second)
    counting.flush()
    refresh(force=True)
    page = client.get("/", headers={"User-Agent": BROWSER})
    assert "Terpopuler" in page.content.decode()
    assert most_read_headlines(client, "/") == ["Gempa di Cianjur", "Harga cabai naik"]
    assert most_read_headlines(client, second.get_absolute_url()) == ["Gempa di Cianjur", "Harga cabai naik"]
    first.unpublish(editor)
    assert most_read_headlines(client, "/") == ["Harga cabai naik"]


def test_most_read_lines_link_each_story_and_label_paid_content(client):
    # The block's stories are rows of values (articles/popular/ranking.py), not model instances.
    plain = make_article(headline="Gempa di Cianjur")
    paid = make_article(headline="Promo tabungan emas", paid_kind="advertorial")
    for article in (plain, paid, plain):
        read(client, article)
    counting.flush()
    refresh(force=True)
    html = client.get("/", headers={"User-Agent": BROWSER}).content.decode()
    block = re.search(r'<ol class="most-read-list">(.*?)</ol>', html, re.S).group(1)
    assert f'<a href="{plain.get_absolute_url()}">Gempa di Cianjur</a>' in block
    assert f'<a href="{paid.get_absolute_url()}">Promo tabungan emas</a>' in block
    assert block.count('class="paid-label"') == 1 and "Advertorial" in block
