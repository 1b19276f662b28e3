"""
Pieces shared by reader pages (menu, breaking-news bar, related stories,
"Most read", the footer) are memoised under the generations
(articles/pagecache/memo.py, and as rendered HTML with {% memo %}): a page
that is not in the page cache does not rebuild them, and none is ever stale.

A query string the page ignores gives each request a page-cache key of its
own, so these requests miss the page cache while the pieces stay memoised,
as after a "Most read" change or an eviction.
"""

import re
import time
from datetime import timedelta
from html import unescape
from itertools import count

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.pagecache.generations import POPULAR, bump
from articles.popular.ranking import KEY as RANKING_KEY
from tests.desk_helpers import put_up_bar
from tests.factories import make_article, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db
_fresh = count()


def miss(client, path):
    """`path` rendered afresh (a new page-cache key), and the queries that took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"v": next(_fresh)})
    assert response.status_code == 200 and response.headers["X-Page-Cache"] == "MISS"
    return response.content.decode(), len(queries)


def test_an_article_page_miss_reuses_the_shared_pieces(client):
    section = make_section("Ekonomi", slug="ekonomi")
    tag = make_tag("Pelabuhan")
    make_article(section=section, tags=[tag], headline="Dermaga baru dibuka", hours=3)
    article = make_article(section=section, tags=[tag], headline="Bongkar muat naik", hours=1)
    first, cold = miss(client, article.get_absolute_url())
    again, warm = miss(client, article.get_absolute_url())
    assert "Dermaga baru dibuka" in first and "Dermaga baru dibuka" in again
    # Stamps (local memory keeps them in the database), article, byline, tags, sources.
    assert warm <= 5 < cold


def test_renamed_section_shows_in_the_menu_on_the_next_miss(client):
    section = make_section("Ekonomi", slug="ekonomi")
    article = make_article(section=section)
    assert ">Ekonomi<" in miss(client, article.get_absolute_url())[0]
    section.name = "Bisnis"
    section.save()
    html, _queries = miss(client, article.get_absolute_url())
    assert ">Bisnis<" in html and ">Ekonomi<" not in html


def test_withdrawn_story_leaves_the_related_box_at_once(client):
    chief = make_user("pemred-memo", "Chief editor")
    section = make_section("Hukum", slug="hukum")
    related = make_article(section=section, headline="Sidang perdana ditunda", hours=3)
    article = make_article(section=section, headline="Saksi kunci diperiksa", hours=1)
    assert "Sidang perdana ditunda" in miss(client, article.get_absolute_url())[0]
    related.unpublish(chief)
    assert "Sidang perdana ditunda" not in miss(client, article.get_absolute_url())[0]


# Slow: it waits on the real clock (about 1 s) for the bar's expiry.
@pytest.mark.slow
def test_breaking_news_bar_comes_down_at_its_expiry(client):
    article = make_article(headline="Gempa guncang Lombok")
    # A second is ample for the one page rendered before the expiry, even on a busy machine.
    expires_at = timezone.now() + timedelta(seconds=1)
    put_up_bar(article, text="Gempa M 6,2 guncang Lombok", expires_at=expires_at)
    assert "Gempa M 6,2" in miss(client, article.get_absolute_url())[0]
    # Nobody saves anything: the memo was stored with the bar's expiry as its end.
    time.sleep(max(0, (expires_at - timezone.now()).total_seconds()) + 0.05)
    assert "Gempa M 6,2" not in miss(client, article.get_absolute_url())[0]


def test_a_draft_preview_never_uses_the_memo(client):
    chief = make_user("pemred-preview", "Chief editor")
    section = make_section("Olahraga", slug="olahraga")
    other = make_section("Sains", slug="sains")
    make_article(section=section, headline="Timnas menang tipis", hours=2)
    draft = make_article("draft", section=section, headline="Pelatih baru diumumkan")
    client.force_login(chief)
    assert "Timnas menang tipis" in client.get(draft.get_absolute_url()).content.decode()
    # Saving a draft bumps no generation (no reader page shows it).
    draft.section = other
    draft.save()
    # The draft's related stories follow its new section at once: previews are never memoised.
    assert "Timnas menang tipis" not in client.get(draft.get_absolute_url()).content.decode()


def test_the_menu_marks_each_pages_own_section_from_the_memo(client):
    economy, sport = make_section("Ekonomi", slug="ekonomi"), make_section("Olahraga", slug="olahraga")
    in_economy, in_sport = make_article(section=economy), make_article(section=sport)
    for article, section in ((in_economy, "ekonomi"), (in_sport, "olahraga"), (in_economy, "ekonomi")):
        html, _queries = miss(client, article.get_absolute_url())
        assert re.findall(r'<a href="/rubrik/([^/]+)/" aria-current="page">', html) == [section]


def test_most_read_block_follows_the_ranking_and_withdrawals_on_a_miss(client):
    chief = make_user("pemred-terpopuler", "Chief editor")
    first, second = make_article(headline="Gempa di Cianjur"), make_article(headline="Harga cabai naik")
    page = make_article(headline="Sidang ditunda")
    cache.set(RANKING_KEY, (timezone.now() + timedelta(minutes=5), [first.pk, second.pk]))
    bump(POPULAR)
    assert most_read(miss(client, page.get_absolute_url())[0]) == ["Gempa di Cianjur", "Harga cabai naik"]
    cache.set(RANKING_KEY, (timezone.now() + timedelta(minutes=5), [second.pk, first.pk]))
    bump(POPULAR)  # What refresh() does when the order changed.
    assert most_read(miss(client, page.get_absolute_url())[0]) == ["Harga cabai naik", "Gempa di Cianjur"]
    second.unpublish(chief)
    assert most_read(miss(client, page.get_absolute_url())[0]) == ["Gempa di Cianjur"]


def most_read(html):
    block = re.search(r'<ol class="most-read-list">(.*?)</ol>', html, re.S)
    return [unescape(text) for text in re.findall(r"<a [^>]*>([^<]*)</a>", block.group(1))] if block else []


def test_the_story_follows_its_own_edits_and_corrections_on_the_next_miss(client):
    from articles.press.models import Correction

    article = make_article(headline="Harga beras naik", standfirst="Naik dua persen sepekan.")
    assert "Naik dua persen sepekan." in miss(client, article.get_absolute_url())[0]
    # The story is kept under the article's own stamp: a save bumps it.
    article.standfirst = "Naik tiga persen sepekan."
    article.save()
    html, _queries = miss(client, article.get_absolute_url())
    assert "Naik tiga persen sepekan." in html and "Naik dua persen" not in html
    Correction.objects.create(article=article, text="Kenaikan tiga persen, bukan dua.")
    assert "Kenaikan tiga persen, bukan dua." in miss(client, article.get_absolute_url())[0]


def test_the_story_shows_a_renamed_topic_on_the_next_miss(client):
    tag = make_tag("Pangan")
    article = make_article(tags=[tag])
    assert ">Pangan<" in miss(client, article.get_absolute_url())[0]
    tag.name = "Ketahanan pangan"
    tag.save()
    html, _queries = miss(client, article.get_absolute_url())
    assert ">Ketahanan pangan<" in html and ">Pangan<" not in html


def test_a_draft_preview_shows_each_edit_at_once(client):
    chief = make_user("pemred-story", "Chief editor")
    draft = make_article("draft", headline="Jadwal mudik diumumkan", standfirst="Versi pertama.")
    client.force_login(chief)
    assert "Versi pertama." in client.get(draft.get_absolute_url()).content.decode()
    draft.standfirst = "Versi kedua."
    draft.save()  # A draft's save bumps nothing: its story is never memoised.
    assert "Versi kedua." in client.get(draft.get_absolute_url()).content.decode()


def test_a_body_edit_shows_on_the_next_miss(client):
    article = make_article(headline="Inflasi melandai", body="<p>Inflasi Oktober 2,1 persen.</p>")
    assert "Inflasi Oktober 2,1 persen." in miss(client, article.get_absolute_url())[0]
    # A body edit bumps only the article's own stamp (no list shows the body): the story is kept under it.
    article.body = "<p>Inflasi Oktober 2,3 persen.</p>"
    article.save()
    html, _queries = miss(client, article.get_absolute_url())
    assert "Inflasi Oktober 2,3 persen." in html and "2,1 persen" not in html


def test_the_social_tags_and_json_ld_follow_a_body_edit_on_the_next_miss(client):
    # Without a standfirst the description comes from the body, which bumps only the article's stamp.
    article = make_article(headline="Curah hujan tinggi", standfirst="", body="<p>Hujan deras sepanjang pekan.</p>")
    html, _queries = miss(client, article.get_absolute_url())
    assert 'og:description" content="Hujan deras sepanjang pekan.' in html
    article.body = "<p>Kemarau datang lebih awal.</p>"
    article.save()
    html, _queries = miss(client, article.get_absolute_url())
    assert 'og:description" content="Kemarau datang lebih awal.' in html
    [json_ld] = [block for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html) if "NewsArticle" in block]
    assert "Kemarau datang lebih awal." in json_ld and "Hujan deras" not in html
