"""
Unpublished articles appear nowhere. One article of each hidden kind (draft,
in review, scheduled, withdrawn) is planted right beside a published one:
same section, topic and author, picked by the editor as "Baca juga", with a
publish time that would otherwise qualify. Then every public address an
anonymous reader or crawler can reach is fetched, by following links from
the front page, the index, robots.txt, the sitemaps and the feeds.
"""

import xml.etree.ElementTree as ET
from collections import deque
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.press.actions import add_correction, take_down
from articles.press.models import RightOfReply
from tests.factories import make_article, make_contribution, make_person, make_section, make_tag
from tests.html_page import Page

SITE = "https://www.wartakum.example"
HIDDEN_STATES = ["draft", "review", "scheduled", "unpublished"]
# Places a crawler has no business in, or that serve files rather than pages.
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/")
MAX_PAGES = 400
# The index links each day to the one before, back to 1900; the planted
# stories are all within a day of now, so older days have nothing to show.
INDEX_DAYS_BACK = 7


@pytest.fixture
def planted(db, settings):
    settings.SITE_URL = SITE
    section = make_section("Nasional", slug="nasional")
    shared_tag, shared_person = make_tag("Pemilu"), make_person("Bayu Pratama")
    visible = make_article(section=section, tags=[shared_tag], people=[shared_person], hours=3, headline="Berita yang boleh dibaca")
    hidden = []
    for state in HIDDEN_STATES:
        fields = {}
        if state != "scheduled":
            # A past publish time must not help an article whose status hides it.
            fields["publish_at"] = timezone.now() - timedelta(hours=2)
        article = make_article(
            state,
            section=section,
            tags=[shared_tag, make_tag(f"Topik Rahasia {state}")],
            headline=f"Rahasiaembargo {state} jangan bocor",
            standfirst=f"Ringkasan rahasiaembargo {state}.",
            **fields,
        )
        make_contribution(article, shared_person, "writer")
        make_contribution(article, make_person(f"Penulis Rahasia {state}"), "editor")
        hidden.append(article)
    visible.related_articles.set(hidden)
    return visible, hidden


def secrets_of(hidden):
    found = set()
    for article in hidden:
        found |= {article.headline, article.slug, article.get_absolute_url()}
        found |= {tag.name for tag in article.tags.all() if tag.name.startswith("Topik Rahasia")}
        found |= {tag.slug for tag in article.tags.all() if tag.name.startswith("Topik Rahasia")}
        found |= {c.person.name for c in article.contributions.all() if c.person.name.startswith("Penulis Rahasia")}
        found |= {c.person.slug for c in article.contributions.all() if c.person.name.startswith("Penulis Rahasia")}
    found.add("rahasiaembargo")
    return found


def links_in(response):
    content_type = response["Content-Type"]
    if content_type.startswith("text/html"):
        return Page(response.text).anchors() + [link["href"] for link in Page(response.text).links("alternate")]
    if "xml" in content_type:
        root = ET.fromstring(response.content)
        return [element.text for element in root.iter() if element.tag.endswith("}loc") or element.tag == "link"]
    if content_type.startswith("text/plain"):
        return [line.split(":", 1)[1].strip() for line in response.text.splitlines() if line.startswith("Sitemap:")]
    return []


def local_path(href):
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme and f"{parts.scheme}://{parts.netloc}" != SITE:
        return None
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
        return None
    if parts.path == "/indeks/" and is_long_ago(parse_qs(parts.query).get("tanggal", [""])[0]):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_long_ago(day):
    try:
        return date.fromisoformat(day) < timezone.localdate() - timedelta(days=INDEX_DAYS_BACK)
    except ValueError:
        return False


def crawl(client, seeds):
    """(path, response) for every local page reachable from `seeds` by links, feeds and sitemaps."""
    queue, seen, fetched = deque(seeds), set(seeds), 0
    while queue and fetched < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        fetched += 1
        yield path, response
        if response.status_code != 200:
            continue
        for href in links_in(response):
            found = local_path(href)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)


def test_nothing_unpublished_leaks_anywhere(client, planted):
    crawl_for_leaks(client, *planted)


def crawl_for_leaks(client, visible, hidden):
    """Crawl every public address from the usual seeds; fail on any trace of `hidden`."""
    secrets = {secret.lower() for secret in secrets_of(hidden)}
    day = timezone.localdate(visible.publish_at).isoformat()
    seeds = [
        "/",
        "/indeks/",
        f"/indeks/?tanggal={day}",
        f"/indeks/?tanggal={day}&rubrik=nasional",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/rss/",
        visible.get_absolute_url(),
        "/cari/?q=jangan+bocor",
        "/cari/?q=Pemilu",
    ]
    fetched = []
    for path, response in crawl(client, seeds):
        fetched.append(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        if response.status_code != 200:
            continue
        body = response.content.decode().lower()
        leaked = [secret for secret in secrets if secret in body]
        assert not leaked, f"{path} shows {leaked}"

    # The crawl really went everywhere a reader can go.
    expected = {
        visible.get_absolute_url(),
        "/rubrik/nasional/",
        "/rubrik/nasional/rss/",
        visible.tags.get().get_absolute_url(),
        visible.contributions.get().person.get_absolute_url(),
        "/sitemap-rubrik.xml",
        "/sitemap-topik.xml",
        "/sitemap-penulis.xml",
    }
    assert expected <= set(fetched), expected - set(fetched)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_articles_own_addresses_are_404(client, planted, state):
    _visible, hidden = planted
    article = hidden[HIDDEN_STATES.index(state)]
    secret_tag = article.tags.get(name__startswith="Topik Rahasia")
    secret_person = article.contributions.get(person__name__startswith="Penulis Rahasia").person
    for url in [
        article.get_absolute_url(),
        secret_tag.get_absolute_url(),
        f"/topik/{secret_tag.slug}/rss/",
        secret_person.get_absolute_url(),
        f"/penulis/{secret_person.slug}/rss/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "rahasiaembargo" not in response.text.lower()


def test_a_taken_down_story_leaves_no_trace(client, planted, chief, editor):
    """
    A story taken down under the guideline (articles/press) is gone from
    every page, feed, sitemap and search: its text, address, correction and
    right-of-reply box. Only the removal notice at its address (410) and the
    list of takedowns name its headline, as the guideline requires.
    """
    visible, _hidden = planted
    gone = make_article(
        section=visible.section,
        tags=list(visible.tags.all()),
        hours=2,
        headline="Kisahcabut korban di sekolah",
        standfirst="Ringkasan isicabut yang dicabut.",
        body="<p>Paragraf isicabut dengan nama korban.</p>",
        slug="kisahcabut-korban",
    )
    make_contribution(gone, visible.contributions.get().person, "writer")
    visible.related_articles.add(gone)
    add_correction(gone, editor, kind="ralat", text="Ralat isicabut.")
    RightOfReply.objects.create(reply=gone, original=visible, respondent="Pihakcabut")
    take_down(gone, chief, reason="victim", statement="Dicabut demi pemulihan korban.")

    text_secrets = {"isicabut", "pihakcabut"}
    seeds = ["/", "/rss/", "/sitemap.xml", "/sitemap-news.xml", "/ralat/", "/ralat/rss/", "/pencabutan/",
             visible.get_absolute_url(), "/cari/?q=korban+sekolah", "/cari/?q=nama+korban", gone.get_absolute_url()]
    statuses = {}
    for path, response in crawl(client, seeds):
        statuses[path] = response.status_code
        body = response.content.decode().lower()
        leaked = [secret for secret in text_secrets if secret in body]
        assert not leaked, f"{path} shows {leaked}"
        if path != gone.get_absolute_url() and not path.startswith("/pencabutan/"):
            assert "kisahcabut" not in body, f"{path} names the taken-down story"
    assert statuses[gone.get_absolute_url()] == 410
    assert statuses["/pencabutan/"] == 200
    assert {"/rubrik/nasional/", "/rubrik/nasional/rss/", "/sitemap-rubrik.xml"} <= set(statuses)
    # The crawl really reached the announcements, and they name the story.
    assert "kisahcabut" in client.get("/pencabutan/").content.decode().lower()
