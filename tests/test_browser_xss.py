"""
The XSS vectors in a real Chromium, with the Content-Security-Policy
switched off (bypass_csp) so that escaping alone is on trial: a sample of
pages and admin screens carrying the vectors opens no dialog, and neither
does a visitor's interaction (focus, hover) with them.
"""

import pytest
from django.core.management import call_command

from tests.factories import make_user
from tests.test_xss import VECTORS, pages_for, plant

SAMPLE = VECTORS[::16]

pytestmark = pytest.mark.browser


def test_no_vector_runs_in_chromium(browser, live_server, transactional_db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("setup_roles", verbosity=0)
    editor = make_user("editor-x", "Editor")
    articles = [plant(vector, n, editor) for n, vector in enumerate(SAMPLE)]
    make_user("boss-x", is_superuser=True)

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "boss-x")
    page.fill("#id_password", "pw-boss-x")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    paths = ["/", "/rss/", "/ralat/", f"/cari/?q={SAMPLE[0]}"]
    for article in articles[::2]:
        paths += pages_for(article)[:2]
        paths += [f"/admin/articles/article/{article.pk}/change/", f"/admin/articles/image/{article.lead_image_id}/change/"]
    paths += ["/admin/articles/article/", "/admin/articles/tag/", "/admin/articles/person/", "/admin/articles/section/"]
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)
    context.close()
    assert len(paths) >= 20
    assert not dialogs, dialogs
