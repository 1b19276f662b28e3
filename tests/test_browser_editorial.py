"""
Issue 10's scenarios in Chromium, each with two browser contexts (two
people, two sessions): they end with nothing lost and the user told. The
conflict page, the refused reporter, the history, the audit log and the
delete confirmation are screenshotted into var/screenshots/.
Run with `make test-browser`.
"""

from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def type_body(page, paragraphs):
    """The body is a WYSIWYG editor: replace its text by typing, as a person does."""
    page.locator(".body-editor .ProseMirror[contenteditable]").click()
    page.keyboard.press("Control+A")
    for number, paragraph in enumerate(paragraphs):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"editorial-{name}.png"), full_page=True)


@pytest.fixture
def person(browser, live_server):
    """Open a logged-in page in a context of its own: person("editor")."""
    contexts = []

    def open_as(username):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", f"pw-{username}")
        page.click("input[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def story(transactional_db):
    make_user("editor", "Editor", first_name="Hendra")
    make_user("pemred", "Chief editor", first_name="Ratna")
    return make_article(
        "published",
        headline="Banjir rob, 430 warga mengungsi",
        standfirst="Sekitar 430 warga mengungsi ke balai desa.",
        body="<p>Air laut naik sejak pagi.</p>",
        dateline="JAKARTA",
        section=make_section("Metropolitan", slug="metro"),
    )


def test_a_correction_is_not_lost_to_a_stale_form(person, live_server, story):
    chief = person("pemred")
    chief.goto(change_url(live_server, story))  # opened first, edited later
    editor = person("editor")
    editor.goto(change_url(live_server, story))
    assert "Sedang dibuka oleh Ratna (Chief editor)" in editor.content()
    editor.fill("#id_headline", "Banjir rob, 512 warga mengungsi")
    editor.fill("#id_standfirst", "Sekitar 512 warga mengungsi ke balai desa.")
    editor.check("#id_mark_updated")
    editor.click("input[name=_save]")
    editor.wait_for_url(live_server.url + "/admin/articles/article/")

    type_body(chief, ['Air laut naik sejak pagi.', 'Pemprov membuka dapur umum.'])
    chief.click("input[name=_save]")
    chief.wait_for_load_state()
    text = chief.content()
    assert "Perubahan Anda belum disimpan" in text
    assert "Hendra (Editor) menyimpan perubahan pukul" in text
    assert chief.input_value("#id_headline") == "Banjir rob, 512 warga mengungsi"
    assert "Pemprov membuka dapur umum." in chief.input_value("#id_body")
    shoot(chief, "conflict")

    chief.click("input[name=_save]")
    chief.wait_for_url(live_server.url + "/admin/articles/article/")
    final = Article.objects.get(pk=story.pk)
    assert final.headline == "Banjir rob, 512 warga mengungsi"
    assert "Pemprov membuka dapur umum." in final.body
    assert final.updated_substantively_at is not None


def test_a_withdrawn_story_stays_withdrawn(person, live_server, story):
    stale = person("pemred")
    stale.goto(change_url(live_server, story))
    editor = person("editor")
    editor.goto(change_url(live_server, story))
    editor.click("a.editorial-withdraw-link")
    editor.fill("#id_reason", "Permintaan hukum dari kuasa hukum narasumber")
    editor.check("#id_confirm")
    editor.click("input[type=submit].default")
    editor.wait_for_url(change_url(live_server, story))
    assert Article.objects.get(pk=story.pk).status == Article.Status.UNPUBLISHED

    stale.fill("#id_dateline", "JAKARTA UTARA")
    stale.click("input[name=_save]")
    stale.wait_for_load_state()
    assert "Perubahan Anda belum disimpan" in stale.content()
    assert stale.input_value("#id_status") == "unpublished"
    stale.click("input[name=_save]")
    stale.wait_for_url(live_server.url + "/admin/articles/article/")
    final = Article.objects.get(pk=story.pk)
    assert final.status == Article.Status.UNPUBLISHED and final.dateline == "JAKARTA UTARA"
    reader = person("editor").context.browser.new_page()
    assert reader.goto(live_server.url + story.get_absolute_url()).status == 404
    reader.close()


def test_a_reporter_keeps_their_paragraph_after_an_editor_publishes(person, live_server, transactional_db):
    reporter_user = make_user("reporter", "Reporter", first_name="Dewi")
    make_user("editor", "Editor", first_name="Hendra")
    draft = make_article("draft", created_by=reporter_user, section=make_section(), headline="Harga cabai naik")
    reporter = person("reporter")
    reporter.goto(change_url(live_server, draft))
    Article.objects.get(pk=draft.pk).publish(make_user("pemred2", "Editor"))
    type_body(reporter, ['Paragraf pertama.', 'Paragraf baru dari lapangan.'])
    reporter.click("input[name=_save]")
    reporter.wait_for_load_state()
    text = reporter.content()
    assert "Perubahan Anda tidak disimpan" in text
    assert "Paragraf baru dari lapangan." in text
    assert "Forbidden" not in text
    shoot(reporter, "reporter-refused")


def test_presence_updates_and_unsaved_edits_ask_before_leaving(person, live_server, story, monkeypatch):
    from articles.editorial import presence

    monkeypatch.setattr(presence, "PING_SECONDS", 1)
    chief = person("pemred")
    chief.goto(change_url(live_server, story))
    editor = person("editor")
    editor.goto(change_url(live_server, story))
    chief.wait_for_selector("text=Sedang dibuka oleh Hendra (Editor)", timeout=5000)

    chief.fill("#id_standfirst", "Belum disimpan.")
    dialogs = []
    chief.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    from playwright.sync_api import Error

    with pytest.raises(Error, match="ERR_ABORTED"):
        chief.goto(live_server.url + "/admin/", wait_until="commit")  # the person chose to stay
    assert dialogs == ["beforeunload"]
    assert chief.input_value("#id_standfirst") == "Belum disimpan."


def test_history_audit_and_delete_confirmation_screens(person, live_server, story):
    from articles import audit

    editor = person("editor")
    editor.goto(change_url(live_server, story))
    editor.fill("#id_headline", "Banjir rob, 512 warga mengungsi")
    type_body(editor, ['Air laut naik sejak pagi hari.', 'Dapur umum dibuka.'])
    editor.click("input[name=_save]")
    editor.wait_for_url(live_server.url + "/admin/articles/article/")
    audit.record("unpublish", actor=story.created_by, obj=story, summary="Ditarik: contoh")

    chief = person("pemred")
    chief.goto(f"{live_server.url}/admin/articles/article/{story.pk}/history/")
    assert "judul, isi" in chief.content()
    shoot(chief, "history")
    chief.click("input[type=submit]")
    chief.wait_for_load_state()
    assert "<ins>" in chief.content()
    shoot(chief, "compare")
    chief.goto(f"{live_server.url}/admin/audit/auditentry/")
    assert "Banjir rob" in chief.content()
    shoot(chief, "audit-log")
    chief.goto(f"{live_server.url}/admin/articles/article/{story.pk}/delete/")
    assert "alamat publiknya" in chief.content()
    shoot(chief, "delete-confirmation")
    assert editor.goto(f"{live_server.url}/admin/articles/article/{story.pk}/delete/").status == 403
