"""
The desk in Chromium: a reporter files a story and sends it for review, an
editor leaves a note, meets the pre-publish check and publishes, the chief
editor makes it the Headline and puts up a breaking-news bar. Screenshots of
each step are kept in $TEST_ARTIFACTS (default var/test-artifacts/desk/).
Run with `make test-browser`.
"""

import os
from pathlib import Path

import pytest

from articles.desk.models import BreakingNews, Placement
from articles.models import Article
from articles.workflow.models import EditorialNote
from tests.browser_helpers import log_in
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "var" / "test-artifacts")) / "desk"
HEADLINE = "Pengungsi banjir Demak bertambah jadi 21 ribu orang"


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def choose(page, container, text):
    """Pick in one of the admin's autocomplete boxes, as a person does: click, type, choose."""
    page.click(f"{container} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def test_reporter_to_editor_to_chief_editor(page, live_server, transactional_db):
    reporter = make_user("reporter", "Reporter", first_name="Dewi", last_name="Lestari")
    make_user("editor", "Editor")
    make_user("pemred", "Chief editor")
    section = make_section("Nasional", slug="nasional")
    for n in range(8):
        make_article(section=section, hours=n + 1, headline=f"Berita rutin nomor {n + 1}")

    article = reporter_files_and_sends_for_review(page, live_server, reporter)
    editor_notes_checks_and_publishes(page, live_server, article)
    chief_editor_makes_it_the_headline_with_a_bar(page, live_server, article)
    reader_sees_the_headline_and_the_bar(page, live_server, article)


def reporter_files_and_sends_for_review(page, live_server, reporter):
    log_in(page, live_server, "reporter")
    page.goto(live_server.url + "/admin/articles/article/add/")
    # The byline already names the reporter as writer.
    assert "Dewi Lestari" in page.locator("#contributions-group").inner_text()
    page.fill("#id_headline", HEADLINE)
    page.fill("#id_standfirst", "BPBD mencatat pengungsi tersebar di 40 titik.")
    # The body is a WYSIWYG editor: type into it as a reporter does.
    page.locator(".body-editor .ProseMirror[contenteditable]").click()
    page.keyboard.type("Warga di 40 titik pengungsian menunggu bantuan; [...] orang masih bertahan di rumah.")
    choose(page, ".field-section", "Nasional")
    shot(page, "1-reporter-new-article")
    page.click("button[name=_workflow][value=review]")
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    assert "dikirim untuk ditinjau" in page.content()
    shot(page, "2-reporter-sent-for-review")
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.REVIEW
    assert [c.person.user_id for c in article.contributions.all()] == [reporter.pk]
    return article


def editor_notes_checks_and_publishes(page, live_server, article):
    log_in(page, live_server, "editor")
    page.goto(live_server.url + "/admin/articles/article/?state=review")
    page.click(f"text={HEADLINE}")
    page.fill("#id_notes-0-text", "Tolong konfirmasi angka pengungsi ke BPBD.")
    page.click("button[name=_workflow][value=publish]")
    page.wait_for_load_state()
    errors = page.locator(".errornote, ul.errorlist.nonfield").all_inner_texts()
    text = " ".join(errors)
    assert "Periksa sebelum terbit" in text and "Tanpa foto utama" in text and "[...]" in text
    shot(page, "3-editor-prepublish-check")
    page.click("button[name=_override][value=publish]")
    page.wait_for_url(live_server.url + "/admin/articles/article/*")
    assert "sudah terbit" in page.content()
    shot(page, "4-editor-published")
    article.refresh_from_db()
    assert article.is_live
    notes = list(EditorialNote.objects.filter(article=article).values_list("text", flat=True))
    assert notes[0] == "Tolong konfirmasi angka pengungsi ke BPBD." and "Tanpa foto utama" in notes[1]


def chief_editor_makes_it_the_headline_with_a_bar(page, live_server, article):
    log_in(page, live_server, "pemred")
    page.goto(live_server.url + "/admin/")
    page.click("a[href='/admin/desk/placement/']:has-text('Halaman depan')")
    page.wait_for_url(live_server.url + "/admin/desk/placement/")
    choose(page, "#place-form", "Pengungsi banjir Demak")
    page.select_option("#id_place-slot", "headline")
    with page.expect_navigation():
        page.click("#place-form button[value=place]")
    assert page.url == live_server.url + "/admin/desk/placement/", page.content()[:2000]
    assert Placement.objects.filter(article=article, slot="headline").exists()
    page.fill("#id_breaking-text", "Pengungsi banjir Demak 21 ribu orang")
    choose(page, "#breaking-form", "Pengungsi banjir Demak")
    with page.expect_navigation():
        page.click("#breaking-form button[value=breaking]")
    assert BreakingNews.objects.live().exists()
    first_slot = page.locator(".desk-slot-lead .desk-slot-title").inner_text()
    assert first_slot == HEADLINE
    shot(page, "5-chief-front-page-screen")


def reader_sees_the_headline_and_the_bar(page, live_server, article):
    reader = page.context.browser.new_page()
    reader.goto(live_server.url + "/")
    assert reader.locator(".lead-story .card-title").inner_text() == HEADLINE
    assert "Pengungsi banjir Demak 21 ribu orang" in reader.locator(".breaking-news").inner_text()
    assert reader.locator(".breaking-news a").get_attribute("href") == article.get_absolute_url()
    shot(reader, "6-reader-front-page")
    reader.close()
