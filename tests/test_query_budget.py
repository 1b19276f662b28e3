"""
Every reader page costs at most 8 SQL queries, and the same number whatever
the count of tags, people, sources, related articles or list items.
"""

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.desk_helpers import put_up_bar
from tests.factories import make_article, make_contribution, make_person, make_section, make_tag

BUDGET = 8


@pytest.fixture(autouse=True)
def uncached(settings):
    # These count what rendering costs; a cache hit would cost nothing.
    settings.PAGE_CACHE = False


def build(n):
    """A story with n of everything, in a section with n more stories."""
    section = make_section()
    picks = [make_article(section=make_section(), hours=10 + i) for i in range(n)]
    article = make_article(
        section=section,
        tags=[make_tag() for _ in range(n)],
        sources=[f"Sumber {i}" for i in range(n)],
        hours=1,
    )
    for i in range(n):
        make_contribution(article, make_person(), "writer" if i % 2 else "editor")
    article.related_articles.set(picks)
    for i in range(n):
        make_article(section=section, tags=list(article.tags.all()[:1]), hours=2 + i)
    return article


def pages(article):
    day = timezone.localdate(article.publish_at).isoformat()
    return {
        "front page": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "tag": article.tags.first().get_absolute_url(),
        "person": article.contributions.first().person.get_absolute_url(),
        "index": f"/indeks/?tanggal={day}",
        "index by section": f"/indeks/?tanggal={day}&rubrik={article.section.slug}",
        "latest feed": "/rss/",
        "section feed": f"/rubrik/{article.section.slug}/rss/",
        "tag feed": f"/topik/{article.tags.first().slug}/rss/",
        "person feed": f"/penulis/{article.contributions.first().person.slug}/rss/",
        "404": "/berita/tidak-ada/",
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 404), url
    return len(queries)


@pytest.mark.django_db
def test_every_reader_page_is_within_budget(client):
    for name, url in pages(build(10)).items():
        used = count_queries(client, url)
        assert used <= BUDGET, f"{name} ({url}) used {used} queries"


@pytest.mark.django_db
def test_ten_of_everything_cost_what_one_costs(client):
    one, ten = pages(build(1)), pages(build(10))
    # Feeds ask contrib.sites for the current site: one query per process,
    # then cached. Warm it so the first page measured does not pay it.
    Site.objects.get_current()
    for name in one:
        assert count_queries(client, one[name]) == count_queries(client, ten[name]), name


@pytest.mark.django_db
def test_section_count_does_not_change_the_front_page_cost(client):
    build(1)
    before = count_queries(client, "/")
    for _ in range(6):
        make_article(section=make_section())
    assert count_queries(client, "/") == before


@pytest.mark.django_db
def test_article_page_pinned(client, django_assert_num_queries):
    article = build(3)
    # article; byline, tags and sources in one; related, menu, breaking-news bar (footer pages are cached)
    with django_assert_num_queries(5):
        client.get(article.get_absolute_url())


@pytest.mark.django_db
def test_a_breaking_news_bar_costs_no_query_more(client, django_assert_num_queries):
    article = build(3)
    story = make_article(headline="Gempa guncang Lombok")
    put_up_bar(story)
    with django_assert_num_queries(5):
        html = client.get(article.get_absolute_url()).text
    # The bar's link is its story's address (the slug comes with the bar).
    assert f'class="breaking-link" href="{story.get_absolute_url()}"' in html
