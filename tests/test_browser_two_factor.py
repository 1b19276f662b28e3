"""
Two-factor authentication as a person meets it, in Chromium and in
Indonesian: an editor's first login leads to the set-up page, the code from
an authenticator app (computed here from the key shown on the page) turns
it on and shows the recovery codes; the next login asks for a code, and a
recovery code gets the editor in when the phone is lost. No CSP violation
on the way.
"""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.factories import make_user
from tests.test_browser_csp import visit, watch

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True


def password_step(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_editor_enrols_then_logs_in_with_a_recovery_code(page, live_server, transactional_db):
    make_user("editor", "Editor")
    seen = watch(page)
    password_step(page, live_server, "editor")
    assert "/admin/2fa/setup/" in page.url
    assert page.locator("h1").inner_text() == "Pasang autentikasi dua langkah"
    assert page.locator(".two-factor-qr svg").is_visible()

    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    code = f"{TOTP(b32decode(secret)).token():06d}"
    page.fill("#id_code", code)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Kode pemulihan Anda"
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    page.click("text=Sudah saya simpan, lanjutkan")
    page.wait_for_url(live_server.url + "/admin/")

    page.locator("#logout-form button").click()
    page.wait_for_load_state()
    password_step(page, live_server, "editor")
    assert "/admin/2fa/verify/" in page.url
    page.fill("#id_code", "123456")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert "Kode itu tidak berlaku" in page.locator(".errornote").inner_text()
    page.fill("#id_code", codes[0])
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    assert "tersisa 9" in page.locator(".messagelist").inner_text()

    visit(page, live_server.url + "/admin/2fa/", seen)
    assert "9 kode pemulihan" in page.content()
    assert not seen, seen
