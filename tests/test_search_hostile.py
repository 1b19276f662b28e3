"""
Whatever arrives in the search form's fields, the reader gets a page, never
a server error: property-based, on the database the suite runs on (run it on
SQLite and on PostgreSQL). Example counts stay modest to keep `make test`
quick; the fixed cases in test_search.py cover the known tricks.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from django.urls import reverse

from articles.search.results import search
from tests.factories import make_article, make_section

SEARCH = reverse("articles:search")

# Fragments of every query language a reader might paste, to be mixed with
# arbitrary text.
SYNTAX = st.sampled_from(
    [
        '"', "'", "(", ")", "-", "*", "^", ":", "|", "&", "!", "<->", "\\", "%", "_", ";", "--", "/*", "*/",
        " OR ", " or ", " AND ", " NOT ", "NEAR(", "NEAR/2", "{headline}:", "headline:", " atau ",
        "'; DROP TABLE articles_article; --", "1=1", "\x00", "😀", "洪水", "فيضان", "\u200b", "\ufeff",
        "banjir", "menyerang", "KPK",
    ]
)
QUERIES = st.lists(st.one_of(SYNTAX, st.text(max_size=20)), max_size=12).map("".join)

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def archive(db):
    section = make_section("Nasional", slug="nasional")
    make_article(headline="Banjir di Jakarta", body="<p>Warga menyerang balik genangan.</p>", section=section)
    make_article(headline="KPK memeriksa saksi", section=section)


@pytest.mark.slow
@HYPOTHESIS
@given(q=QUERIES)
def test_any_query_gets_a_results_page(client, archive, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200


@pytest.mark.slow
@HYPOTHESIS
@given(q=st.text(max_size=300))
def test_any_text_searches_without_error(archive, q):
    results = search(q)
    assert results.total >= len(results[0:20])


@pytest.mark.slow
@HYPOTHESIS
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            "q": QUERIES,
            "rubrik": st.one_of(st.just("nasional"), st.text(max_size=30)),
            "dari": st.one_of(st.dates().map(str), st.text(max_size=12)),
            "sampai": st.one_of(st.dates().map(str), st.text(max_size=12)),
            "page": st.one_of(st.integers(-5, 10_000).map(str), st.text(max_size=5)),
        },
    )
)
def test_any_filters_get_a_page_or_a_not_found(client, archive, params):
    response = client.get(SEARCH, params)
    assert response.status_code in (200, 404)
