"""
How many matches the search page says it found: exact up to the number of
matches it ranks (settings.SEARCH_CANDIDATES), "more than" that beyond it,
and pages only for the matches it ranked.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article
from tests.html_page import Page
from tests.search_helpers import SEARCH, headlines, search

CAP = 25


def flood(n, *, start=1):
    """`n` stories mentioning "banjir", the first the newest; `start` numbers them."""
    for number in range(start, start + n):
        make_article(headline=f"Banjir kiriman ke-{number}", hours=number)


def count_line(response):
    """The sentence above the results, as read."""
    found = re.findall(r'<p class="search-count"[^>]*>(.*?)</p>', response.text, re.S)
    assert len(found) == 1
    return " ".join(found[0].split())


@pytest.mark.django_db
def test_the_count_is_exact_up_to_the_cap(client, settings):
    settings.SEARCH_CANDIDATES = CAP
    flood(CAP)
    response = search(client, "banjir")
    assert count_line(response) == f"{CAP} artikel ditemukan"
    assert "Ini hasil terbaik" not in response.text
    assert len(headlines(response)) == 20


@pytest.mark.django_db
def test_beyond_the_cap_the_page_says_more_than_and_offers_no_pages_past_it(client, settings):
    settings.SEARCH_CANDIDATES = CAP
    flood(CAP + 12)
    first = search(client, "banjir")
    assert count_line(first) == f"Lebih dari {CAP} artikel ditemukan"
    assert f"Ini hasil terbaik di antara {CAP} terbaru" in first.text
    assert headlines(first) == [f"Banjir kiriman ke-{n}" for n in range(1, 21)]
    pages = Page(first.text).find_all("a", rel="next")
    assert len(pages) == 1 and "page=2" in pages[0]["href"]

    second = client.get(pages[0]["href"])
    # The newest CAP, ranked; the older twelve are not on any page.
    assert headlines(second) == [f"Banjir kiriman ke-{n}" for n in range(21, CAP + 1)]
    assert not Page(second.text).find_all("a", rel="next")
    assert client.get(SEARCH, {"q": "banjir", "page": 3}).status_code == 404


@pytest.mark.django_db
def test_one_match_past_the_cap_is_enough_to_say_more(client, settings):
    settings.SEARCH_CANDIDATES = CAP
    flood(CAP + 1)
    assert count_line(search(client, "banjir")) == f"Lebih dari {CAP} artikel ditemukan"
    # Unpublished stories do not count: back to exactly CAP.
    withdrawn = Article.objects.get(headline="Banjir kiriman ke-1")
    withdrawn.status = Article.Status.UNPUBLISHED
    withdrawn.save()
    assert count_line(search(client, "banjir")) == f"{CAP} artikel ditemukan"


@pytest.mark.django_db
def test_a_date_range_reaches_older_stories_beyond_the_cap(client, settings):
    settings.SEARCH_CANDIDATES = 3
    flood(3)
    make_article(headline="Banjir bandang lama", hours=24 * 40)
    assert "Banjir bandang lama" not in headlines(search(client, "banjir"))
    day = (timezone.localdate() - timedelta(days=40)).isoformat()
    older = search(client, "banjir", dari=day, sampai=day)
    assert headlines(older) == ["Banjir bandang lama"]
    assert count_line(older) == "1 artikel ditemukan"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, exact, more",
    [
        ("id", "2 artikel ditemukan", "Lebih dari 2 artikel ditemukan"),
        ("en", "2 articles found", "More than 2 articles found"),
    ],
)
def test_the_count_is_translated(client, settings, language, exact, more):
    settings.LANGUAGE_CODE = language
    settings.SEARCH_CANDIDATES = 2
    flood(2)
    assert count_line(search(client, "banjir")) == exact
    flood(1, start=3)
    assert count_line(search(client, "banjir")) == more
