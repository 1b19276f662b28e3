"""
The search results page: ranking, what a result shows (marked, escaped
snippets), filters, pagination, hostile queries and the query budget.
"""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section, make_tag
from tests.html_page import Page
from tests.search_helpers import SEARCH, found, headlines, search


# --- Ranking --------------------------------------------------------------------------


@pytest.mark.django_db
def test_headline_outranks_standfirst_outranks_body(client):
    make_article(headline="Kabar pagi", standfirst="", body="<p>Warga membahas vaksin baru.</p>", hours=1)
    make_article(headline="Laporan kesehatan", standfirst="Vaksin tiba di puskesmas.", body="<p>Antrean panjang.</p>", hours=2)
    make_article(headline="Vaksin gratis untuk lansia", standfirst="", body="<p>Mulai pekan depan.</p>", hours=3)
    assert found(client, "vaksin") == ["Vaksin gratis untuk lansia", "Laporan kesehatan", "Kabar pagi"]


@pytest.mark.django_db
def test_newer_stories_come_first_when_equally_relevant(client):
    for days in [30, 1, 400]:
        make_article(headline=f"Pemadaman listrik ({days} hari)", standfirst="", body="<p>Listrik padam.</p>", hours=24 * days)
    assert found(client, "pemadaman") == ["Pemadaman listrik (1 hari)", "Pemadaman listrik (30 hari)", "Pemadaman listrik (400 hari)"]


@pytest.mark.django_db
def test_a_strong_old_match_beats_a_passing_new_mention(client):
    make_article(headline="Rekor baru panen padi", standfirst="", body="<p>Lumbung penuh.</p>", hours=24 * 60)
    make_article(headline="Pasar ramai", standfirst="", body="<p>Pedagang berharap panen membaik.</p>", hours=1)
    assert found(client, "panen") == ["Rekor baru panen padi", "Pasar ramai"]


# --- What a result shows --------------------------------------------------------------


@pytest.mark.django_db
def test_a_result_shows_section_headline_date_and_a_marked_snippet(client):
    section = make_section("Nasional", slug="nasional")
    article = make_article(
        headline="Pengiriman bantuan ke Lombok",
        standfirst="Pemerintah mengirim tenda.",
        body="<p>Truk berangkat pagi.</p><p>Relawan <strong>mengirimkan</strong> obat &amp; makanan.</p>",
        section=section,
    )
    response = search(client, "kirim")
    result = response.text[response.text.index('class="card search-result"') :]
    assert 'href="/rubrik/nasional/">Nasional</a>' in result
    assert f'<a href="{article.get_absolute_url()}"><mark>Pengiriman</mark> bantuan ke Lombok</a>' in result
    assert "<mark>mengirim</mark> tenda" in result
    assert "<mark>mengirimkan</mark> obat &amp; makanan" in result
    assert "<strong>" not in result
    local = timezone.localtime(article.publish_at)
    assert f'datetime="{local.isoformat(timespec="seconds")}"' in result or local.strftime("%Y-%m-%d") in result


@pytest.mark.django_db
def test_marked_text_is_escaped(client):
    make_article(headline='<script>alert("x")</script> Serangan & "kutipan"', standfirst="<b>tebal</b> serangan")
    response = search(client, "serang")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Serangan</mark> &amp; &quot;kutipan&quot;" in response.text
    assert "&lt;b&gt;tebal&lt;/b&gt; <mark>serangan</mark>" in response.text


@pytest.mark.django_db
def test_the_snippet_is_taken_around_the_matches(client):
    filler = " ".join(f"kalimat{n}" for n in range(200))
    make_article(headline="Laporan panjang", standfirst="", body=f"<p>{filler} Gunung Semeru meletus lagi. {filler}</p>")
    snippet = re.search(r'<p class="search-snippet">(.*?)</p>', search(client, "semeru").text, re.S).group(1)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "Gunung <mark>Semeru</mark> meletus" in snippet
    assert len(re.sub(r"<[^>]+>", "", snippet).split()) <= 32


# --- Filters and pages -------------------------------------------------------------------


@pytest.mark.django_db
def test_filter_by_section(client):
    economy, sport = make_section("Ekonomi", slug="ekonomi"), make_section("Olahraga", slug="olahraga")
    make_article(headline="Target pertumbuhan ekonomi", section=economy)
    make_article(headline="Target juara liga", section=sport)
    assert found(client, "target", rubrik="olahraga") == ["Target juara liga"]
    assert len(found(client, "target")) == 2


@pytest.mark.django_db
def test_filter_by_date_range_in_local_days(client):
    today = timezone.localdate()
    day = today - timedelta(days=10)

    def at(d, hour, minute):
        return timezone.make_aware(datetime.combine(d, time(hour, minute)))

    make_article(headline="Sidang hari pertama", publish_at=at(day, 0, 5))
    make_article(headline="Sidang hari kedua", publish_at=at(day + timedelta(days=1), 23, 55))
    make_article(headline="Sidang malam sebelumnya", publish_at=at(day - timedelta(days=1), 23, 55))
    make_article(headline="Sidang putusan", publish_at=at(day + timedelta(days=2), 0, 5))
    params = {"dari": day.isoformat(), "sampai": (day + timedelta(days=1)).isoformat()}
    assert found(client, "sidang", **params) == ["Sidang hari kedua", "Sidang hari pertama"]
    assert found(client, "sidang", dari=(day + timedelta(days=2)).isoformat()) == ["Sidang putusan"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"dari": "2024-13-45"}, "Masukkan tanggal yang valid."),
        ({"dari": "2024-05-02", "sampai": "2024-05-01"}, "Tanggal awal jatuh setelah tanggal akhir."),
        ({"sampai": "0001-01-01"}, "Pilih tanggal antara tahun 1900 dan 2999."),
        ({"rubrik": "tidak-ada"}, "Rubrik itu tidak ada"),
    ],
)
def test_bad_filters_get_a_clear_message(client, params, message):
    make_article(headline="Sidang kasus tambang")
    response = search(client, "sidang", **params)
    assert 'class="form-errors"' in response.text
    assert message in response.text
    assert headlines(response) == []


@pytest.mark.django_db
def test_results_are_paginated_and_links_keep_the_search(client):
    section = make_section("Daerah", slug="daerah")
    for n in range(23):
        make_article(headline=f"Jalan rusak nomor {n}", section=section, hours=n + 1)
    first = search(client, "jalan", rubrik="daerah")
    assert len(headlines(first)) == 20
    assert "23 artikel ditemukan" in first.text
    next_link = Page(first.text).find_all("a", rel="next")[0]["href"]
    assert "q=jalan" in next_link and "rubrik=daerah" in next_link and "page=2" in next_link
    second = client.get(next_link)
    assert headlines(second) == [f"Jalan rusak nomor {n}" for n in range(20, 23)]
    assert client.get(SEARCH, {"q": "jalan", "page": 9}).status_code == 404
    assert client.get(SEARCH, {"q": "jalan", "page": "x"}).status_code == 404


@pytest.mark.django_db
def test_very_many_matches_are_ranked_among_the_newest(client, settings):
    settings.SEARCH_CANDIDATES = 3
    for days in range(1, 6):
        make_article(headline=f"Cuaca hari ke-{days}", hours=24 * days)
    response = search(client, "cuaca")
    assert "Lebih dari 3 artikel ditemukan" in response.text
    assert headlines(response) == ["Cuaca hari ke-1", "Cuaca hari ke-2", "Cuaca hari ke-3"]
    assert "3 terbaru" in response.text
    narrowed = search(client, "cuaca", dari=(timezone.localdate() - timedelta(days=2)).isoformat())
    assert "2 artikel ditemukan" in narrowed.text
    assert "3 terbaru" not in narrowed.text


@pytest.mark.django_db
def test_no_results_page_helps(client):
    section = make_section("Hukum", slug="hukum")
    make_article(headline="Gugatan ditolak hakim")
    response = search(client, "gugatan", rubrik="hukum")
    assert "Tidak ada artikel terbit yang cocok dengan “gugatan”." in response.text
    widen = Page(response.text).find_all("a", href=f"{SEARCH}?q=gugatan")
    assert widen, "a link to search without the filters"
    assert "Cara mencari" in response.text
    assert section.name in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q, message",
    [
        ("yang dan di", "hanya berisi kata yang sangat umum"),
        ("!!! ???", "hanya berisi kata yang sangat umum"),
        ("-korupsi", "Tambahkan setidaknya satu kata"),
    ],
)
def test_queries_with_nothing_to_look_for_say_so(client, q, message):
    make_article(headline="Korupsi dana desa yang besar")
    response = search(client, q)
    assert message in response.text
    assert headlines(response) == []


@pytest.mark.django_db
def test_a_long_query_is_shortened_with_a_notice(client):
    make_article(headline="Banjir rob di pesisir utara")
    long_query = "banjir " + "rob " * 100
    response = search(client, long_query)
    assert "hanya bagian awalnya yang dipakai" in response.text
    assert headlines(response) == ["Banjir rob di pesisir utara"]
    value = Page(response.text).find_all("input", id="search-page-q")[0]["value"]
    assert len(value) <= 256 and value.startswith("banjir rob")
    assert "hanya bagian awalnya" not in search(client, "banjir rob").text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        '"unclosed quote',
        "((((banjir",
        "banjir)))",
        "' OR 1=1; --",
        "'; DROP TABLE articles_article; --",
        "NEAR(banjir rob, 2)",
        "banjir AND OR NOT rob",
        "title:banjir",
        "banjir*",
        "^banjir",
        "banjir -",
        "- - -",
        '"" "" ""',
        "\\",
        "%_%",
        "🌊🌊 banjir 🌊",
        "banjir 洪水 флуд فيضان",
        "x" * 10_000,
        "banjir " * 2_000,
    ],
)
def test_hostile_queries_get_a_page(client, q):
    make_article(headline="Banjir rob di pesisir utara")
    search(client, q)


@pytest.mark.django_db
def test_null_characters_get_a_message(client):
    response = search(client, "banjir\x00rob", rubrik="a\x00b")
    assert 'class="form-errors"' in response.text


def _build(n):
    section = make_section()
    for i in range(n):
        article = make_article(headline=f"Kebakaran hutan {i}", section=section)
        article.tags.set([make_tag(), make_tag()])


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 10])
def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries, n, settings):
    settings.PAGE_CACHE = False  # What rendering costs; tests/test_pagecache.py counts the cache's own.
    _build(n)
    # The search (on PostgreSQL inside a savepoint that sets a planner
    # option: three more), the page's articles, the menu's sections, the
    # section filter's and the breaking-news bar.
    with django_assert_max_num_queries(8):
        response = search(client, "kebakaran")
    assert len(headlines(response)) == n


@pytest.mark.django_db
def test_ten_results_cost_what_one_costs(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _build(1)
    with CaptureQueriesContext(connection) as one:
        search(client, "kebakaran")
    _build(9)
    with django_assert_num_queries(len(one)):
        assert len(headlines(search(client, "kebakaran"))) == 10
