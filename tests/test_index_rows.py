"""
The news index's rows (`{% index_entries %}`, articles/cards.py) exactly as
readers get them: clock time, picture, section, paid label and headline,
escaped, newest first, in the queries the page always used.
"""

import html
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.paths import escaped_slug_paths
from articles.press.labels import PaidKind
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE = False  # What rendering gives and costs, not a stored copy.


def at(day, hour, minute):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def rows_of(html):
    start = html.index('<ol class="index-list">')
    return html[start : html.index("</ol>", start) + len("</ol>")]


@pytest.fixture
def day_of_stories(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    day = timezone.localdate() - timedelta(days=2)
    law = make_section(name="Hukum & HAM", slug="hukum")
    money = make_section(name="Ekonomi", slug="ekonomi")
    picture = make_image(alt_text='Gedung "KPK" di Jakarta', size=(800, 450))
    stories = {
        "late": make_article(section=law, headline="KPK periksa saksi", slug="kpk-periksa-saksi", publish_at=at(day, 23, 59), lead_image=picture),
        "paid": make_article(section=money, headline="Tabungan emas", slug="tabungan-emas", publish_at=at(day, 7, 5), paid_kind=PaidKind.ADVERTORIAL),
        "odd": make_article(section=money, headline="Harga <naik> & 'turun' \"lagi\"", slug="kafé-sore", publish_at=at(day, 0, 0)),
    }
    # Neither shows: the next day's first minute, and a draft of the day.
    make_article(section=law, headline="Kabar esok hari", publish_at=at(day + timedelta(days=1), 0, 0))
    make_article("draft", section=law, headline="Draf hari itu", publish_at=at(day, 12, 0))
    return day, picture, stories


def test_a_days_rows_as_readers_see_them(client, day_of_stories, django_assert_num_queries):
    day, picture, _stories = day_of_stories
    d = day.isoformat()
    # The menu, the count, the rows with their pictures, the breaking-news bar.
    with django_assert_num_queries(4):
        html = client.get(f"/indeks/?tanggal={d}").text
    assert rows_of(html) == (
        '<ol class="index-list">\n    <li>\n'
        f'      <time datetime="{d}T23:59:00+07:00">23:59</time>\n'
        '      <div class="card-with-image">\n'
        f'        <a class="card-image" href="/berita/kpk-periksa-saksi/" tabindex="-1" aria-hidden="true"><img src="{picture.file.url}"'
        ' alt="Gedung &quot;KPK&quot; di Jakarta" width="800" height="450" loading="lazy" decoding="async"></a>\n'
        '        <p class="kicker"><a href="/rubrik/hukum/">Hukum &amp; HAM</a></p>\n'
        '        <h2 class="card-title"><a href="/berita/kpk-periksa-saksi/">KPK periksa saksi</a></h2>\n'
        "      </div>\n    </li>\n<li>\n"
        f'      <time datetime="{d}T07:05:00+07:00">07:05</time>\n'
        '      <div class="card-with-image">\n'
        '        <p class="kicker"><a href="/rubrik/ekonomi/">Ekonomi</a></p>\n'
        '<p class="paid-label">Advertorial</p>'
        '        <h2 class="card-title"><a href="/berita/tabungan-emas/">Tabungan emas</a></h2>\n'
        "      </div>\n    </li>\n<li>\n"
        f'      <time datetime="{d}T00:00:00+07:00">00:00</time>\n'
        '      <div class="card-with-image">\n'
        '        <p class="kicker"><a href="/rubrik/ekonomi/">Ekonomi</a></p>\n'
        '        <h2 class="card-title"><a href="/berita/kaf%C3%A9-sore/">Harga &lt;naik&gt; &amp; &#x27;turun&#x27; &quot;lagi&quot;</a></h2>\n'
        "      </div>\n    </li>\n\n  </ol>"
    )


def test_one_sections_rows_leave_the_section_out(client, day_of_stories):
    day, _picture, _stories = day_of_stories
    html = client.get(f"/indeks/?tanggal={day.isoformat()}&rubrik=ekonomi").text
    assert rows_of(html) == (
        '<ol class="index-list">\n    <li>\n'
        f'      <time datetime="{day.isoformat()}T07:05:00+07:00">07:05</time>\n'
        '      <div class="card-with-image">\n'
        '<p class="paid-label">Advertorial</p>'
        '        <h2 class="card-title"><a href="/berita/tabungan-emas/">Tabungan emas</a></h2>\n'
        "      </div>\n    </li>\n<li>\n"
        f'      <time datetime="{day.isoformat()}T00:00:00+07:00">00:00</time>\n'
        '      <div class="card-with-image">\n'
        '        <h2 class="card-title"><a href="/berita/kaf%C3%A9-sore/">Harga &lt;naik&gt; &amp; &#x27;turun&#x27; &quot;lagi&quot;</a></h2>\n'
        "      </div>\n    </li>\n\n  </ol>"
    )


def test_stories_of_one_minute_newest_key_first_and_a_full_page(client, db):
    day = timezone.localdate() - timedelta(days=3)
    section = make_section(name="Nasional", slug="nasional")
    Article.objects.bulk_create(
        Article(headline=f"Kabar {n:03}", slug=f"kabar-{n:03}", section=section, status="published", publish_at=at(day, 9, 30))
        for n in range(205)
    )
    html = client.get(f"/indeks/?tanggal={day.isoformat()}").text
    rows = rows_of(html)
    # 200 a page, the newest key first among equal times; the rest on page 2.
    assert rows.count("<li>") == 200
    assert rows.index(">Kabar 204<") < rows.index(">Kabar 203<") < rows.index(">Kabar 005<")
    assert ">Kabar 004<" not in rows
    second = rows_of(client.get(f"/indeks/?tanggal={day.isoformat()}&page=2").text)
    assert [f">Kabar {n:03}<" in second for n in range(5)] == [True] * 5 and second.count("<li>") == 5


@pytest.mark.parametrize("slug", ["banjir-jakarta-2026", "kopi_tubruk.v2~", "kafé-sore", "a&b", "100%-naik", "a b", "a'b"])
def test_escaped_addresses_are_reverse_escaped(slug):
    for name in ("articles:detail", "articles:section"):
        assert escaped_slug_paths(name)(slug) == html.escape(reverse(name, kwargs={"slug": slug}))


def test_stored_times_come_back_as_django_reads_them(db):
    # newsroom/sqlite3 remembers the parsed, aware times: equal to what was stored, in UTC, whatever the reads.
    moment = timezone.now().replace(microsecond=123456)
    article = make_article(publish_at=moment)
    for _ in range(2):
        read = Article.objects.values_list("publish_at", flat=True).get(pk=article.pk)
        assert read == moment and read.utcoffset() == timedelta(0)
    assert Article.objects.get(pk=article.pk).publish_at == moment
