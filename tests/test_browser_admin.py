"""
The editors' admin in a real browser: a reporter writes and submits a
draft, an editor publishes it, each seeing only what their role allows.
Run with `make test-browser`.
"""

import pytest

from articles.models import Article
from tests.browser_helpers import log_in
from tests.factories import make_section, make_user

pytestmark = pytest.mark.browser


def test_reporter_writes_a_draft_and_submits_it_but_cannot_publish(page, live_server, transactional_db):
    make_user("reporter", "Reporter")
    make_section("Nasional", slug="nasional")
    log_in(page, live_server, "reporter")
    assert page.locator("html").get_attribute("lang") == "id"

    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_headline", "Jembatan Gantung Putus, Warga Seberangi Sungai dengan Rakit")
    page.press("#id_headline", "End")  # a keystroke, as typing would send
    # The slug is filled in from the headline as the reporter types.
    assert page.input_value("#id_slug") == "jembatan-gantung-putus-warga-seberangi-sungai-dengan-rakit"
    page.fill("#id_standfirst", "Warga dua desa kini bergantung pada rakit bambu.")
    # The body is a WYSIWYG editor (articles/blocks/): type into it as a reporter does.
    page.locator(".body-editor .ProseMirror[contenteditable]").click()
    page.keyboard.type("Jembatan putus sejak Senin.")
    # One move is open to a reporter: a button that says so, not a status menu.
    assert page.locator("select#id_status").count() == 0
    page.click("button[name=_workflow][value=review]")
    page.wait_for_url(live_server.url + "/admin/articles/article/")

    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.created_by.username == "reporter"
    # No publishing actions are offered to a reporter.
    actions = page.locator("select[name=action] option").all_text_contents()
    assert not any("Terbitkan" in label for label in actions)


def test_editor_publishes_from_the_waiting_list_and_readers_see_it(page, live_server, transactional_db):
    from tests.factories import make_article

    make_user("editor", "Editor")
    article = make_article("review", section=make_section("Ekonomi", slug="ekonomi"), headline="Harga Cabai Turun Jelang Panen Raya")
    log_in(page, live_server, "editor")

    page.goto(live_server.url + "/admin/articles/article/?state=review")
    assert "Harga Cabai Turun Jelang Panen Raya" in page.content()
    page.check(f"input[name=_selected_action][value='{article.pk}']")
    page.select_option("select[name=action]", "publish_now")
    page.click("button[name=index]")
    page.wait_for_load_state()
    assert "1 artikel diterbitkan." in page.content()

    reader = page.context.browser.new_page()
    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    assert reader.locator("h1").inner_text() == "Harga Cabai Turun Jelang Panen Raya"
    reader.close()
