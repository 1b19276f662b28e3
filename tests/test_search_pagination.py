"""
The search page's page links ({% pagination_nav %}, rendered in Python): the
markup pinned as the includes/pagination.html loop wrote it, on the first,
a middle and the last page of a search filtered by section, and the head's
prev/next links and the results of each page.
"""

import pytest

from django.conf import settings

from articles.search.views import SearchView
from tests.factories import make_article, make_section
from tests.html_page import Page
from tests.search_helpers import SEARCH, headlines

SITE = settings.SITE_URL.rstrip("/")
PAGE = '<span class="visually-hidden">Halaman </span>'


def link(number, current=False):
    url = "/cari/?q=jalan&amp;rubrik=daerah" + (f"&amp;page={number}" if number > 1 else "")
    if current:
        return f'\n      <li><a href="{url}" aria-current="page">{PAGE}{number}</a></li>\n      \n    '
    return f'\n      <li><a href="{url}">{PAGE}{number}</a></li>\n    '


ELLIPSIS = '\n      <li class="ellipsis" aria-hidden="true">…</li>\n      \n    '


def nav(previous, items, next_):
    prev_link = f'<li><a rel="prev" href="/cari/?q=jalan&amp;rubrik=daerah{previous}">Sebelumnya</a></li>' if previous is not None else ""
    next_link = f'<li><a rel="next" href="/cari/?q=jalan&amp;rubrik=daerah&amp;page={next_}">Berikutnya</a></li>' if next_ else ""
    return (
        '  </section>\n  \n<nav class="pagination" aria-label="Halaman">\n  <ul>\n    '
        f"{prev_link}\n    {''.join(items)}\n    {next_link}\n  </ul>\n</nav>\n\n\n  \n</div>"
    )


@pytest.fixture
def twenty_in_daerah(db, monkeypatch):
    """Two results a page: 24 matches in "daerah" make twelve pages; two in "kota" make one."""
    monkeypatch.setattr(SearchView, "paginate_by", 2)
    daerah, kota = make_section("Daerah", slug="daerah"), make_section("Kota", slug="kota")
    for n in range(24):
        make_article(headline=f"Jalan rusak nomor {n}", section=daerah, hours=n + 1)
    for n in range(2):
        make_article(headline=f"Jalan kota nomor {n}", section=kota, hours=n + 1)


@pytest.mark.parametrize(
    ("page", "previous", "items", "next_"),
    [
        (1, None, [link(1, True), link(2), link(3), ELLIPSIS, link(12)], 2),
        (2, "", [link(1), link(2, True), link(3), link(4), ELLIPSIS, link(12)], 3),
        (6, "&amp;page=5", [link(1), ELLIPSIS, link(4), link(5), link(6, True), link(7), link(8), ELLIPSIS, link(12)], 7),
        (12, "&amp;page=11", [link(1), ELLIPSIS, link(10), link(11), link(12, True)], None),
    ],
)
def test_the_page_links_of_a_filtered_search(client, twenty_in_daerah, page, previous, items, next_):
    params = {"q": "jalan", "rubrik": "daerah"} | ({"page": page} if page > 1 else {})
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    text = response.text
    assert text[text.index("  </section>\n", text.index('class="search-results"')) : text.index("</div>", text.index('<nav class="pagination"')) + 6] == nav(previous, items, next_)
    assert headlines(response) == [f"Jalan rusak nomor {n}" for n in (2 * page - 2, 2 * page - 1)]
    head = Page(text)  # the head's links, absolute, for the same pages
    assert head.link("prev") == (None if previous is None else f"{SITE}/cari/?q=jalan&rubrik=daerah{previous.replace('&amp;', '&')}")
    assert head.link("next") == (None if next_ is None else f"{SITE}/cari/?q=jalan&rubrik=daerah&page={next_}")


def test_one_page_of_results_has_no_page_links(client, twenty_in_daerah):
    response = client.get(SEARCH, {"q": "jalan", "rubrik": "kota"})
    assert headlines(response) == ["Jalan kota nomor 0", "Jalan kota nomor 1"]
    assert 'class="pagination"' not in response.text
    assert "  </section>\n  \n\n  \n</div>" in response.text
    assert Page(response.text).link("next") is None
