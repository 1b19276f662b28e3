"""
Two-factor authentication (articles/accounts/twofactor.py): required for
Editors, Chief editors and superusers, optional for Reporters, required for
everyone by a setting; set up with a real TOTP code, passed with a code or a
single-use recovery code; a password alone opens no admin page and shows
no draft; every step is in the audit log.
"""

import pytest
from django.test import Client
from django_otp.oath import TOTP

from articles.audit.models import AuditEntry
from articles.accounts import twofactor
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True
    return settings


def password_login(username):
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": f"pw-{username}"})
    assert response.status_code == 302
    return client


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrol(client, user):
    client.get("/admin/2fa/setup/")
    device = twofactor.authenticator(user, confirmed=False)
    response = client.post("/admin/2fa/setup/", {"code": current_code(device), "next": "/admin/"})
    assert response.status_code == 200
    device.refresh_from_db()
    return device, response


@pytest.mark.parametrize("role, required", [("Reporter", False), ("Editor", True), ("Chief editor", True)])
def test_who_must_use_two_factor(role, required):
    user = make_user(f"user-{role}", role)
    assert twofactor.required_for(user) is required


def test_setting_requires_it_for_everyone(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ALL = True
    assert twofactor.required_for(make_user("reporter-all", "Reporter"))


def test_editor_with_a_password_only_is_sent_to_set_up_and_sees_no_draft():
    make_user("editor-1", "Editor")
    draft = make_article("draft", headline="Rahasia Redaksi Belum Terbit")
    client = password_login("editor-1")
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pasang autentikasi dua langkah" in text and "<svg" in text
    # A stolen password alone is a reader's view on the public site.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_enrolment_gives_ten_single_use_recovery_codes_and_opens_the_admin():
    editor = make_user("editor-2", "Editor")
    client = password_login("editor-2")
    device, response = enrol(client, editor)
    assert device.confirmed
    assert len(response.context["codes"]) == 10
    assert "Kode pemulihan" in response.content.decode()
    assert client.get("/admin/articles/article/").status_code == 200
    assert AuditEntry.objects.filter(action="two_factor_enabled", object_id=str(editor.pk)).exists()


def test_next_login_asks_for_the_code_and_refuses_a_wrong_one():
    editor = make_user("editor-3", "Editor")
    device, _ = enrol(password_login("editor-3"), editor)
    client = password_login("editor-3")
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/2fa/verify/")
    wrong = client.post("/admin/2fa/verify/", {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and "Kode itu tidak berlaku" in wrong.content.decode()
    assert AuditEntry.objects.filter(action="two_factor_failed", object_id=str(editor.pk)).exists()
    assert client.get("/admin/").status_code == 302


def test_code_from_the_app_opens_the_admin():
    editor = make_user("editor-4", "Editor")
    device, _ = enrol(password_login("editor-4"), editor)
    client = password_login("editor-4")
    # A code is accepted once per time step; wait out the one used to enrol.
    device.last_t -= 1
    device.save()
    response = client.post("/admin/2fa/verify/", {"code": current_code(device), "next": "/admin/articles/article/"})
    assert response.status_code == 302 and response["Location"] == "/admin/articles/article/"
    assert client.get("/admin/articles/article/").status_code == 200


def test_recovery_code_works_once():
    editor = make_user("editor-5", "Editor")
    _device, response = enrol(password_login("editor-5"), editor)
    code = response.context["codes"][0]
    first = password_login("editor-5")
    assert first.post("/admin/2fa/verify/", {"code": code.upper(), "next": "/admin/"}).status_code == 302
    assert first.get("/admin/").status_code == 200
    assert twofactor.recovery_codes_left(editor) == 9
    assert AuditEntry.objects.filter(action="recovery_code_used", object_id=str(editor.pk)).exists()
    second = password_login("editor-5")
    assert second.post("/admin/2fa/verify/", {"code": code, "next": "/admin/"}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_reporter_may_work_without_it_and_may_turn_it_on_and_off():
    reporter = make_user("reporter-6", "Reporter")
    client = password_login("reporter-6")
    assert client.get("/admin/").status_code == 200
    enrol(client, reporter)
    assert client.post("/admin/2fa/disable/").status_code == 302
    assert not twofactor.is_enrolled(reporter)
    assert AuditEntry.objects.filter(action="two_factor_disabled", object_id=str(reporter.pk)).exists()


def test_editor_cannot_turn_it_off():
    editor = make_user("editor-7", "Editor")
    client = password_login("editor-7")
    enrol(client, editor)
    client.post("/admin/2fa/disable/")
    assert twofactor.is_enrolled(editor)


def test_demo_accounts_are_exempt_only_with_debug_on(settings):
    demo = make_user("editor", "Editor")
    settings.DEBUG = False
    assert twofactor.required_for(demo)
    settings.DEBUG = True
    assert not twofactor.required_for(demo)


def test_chief_editor_resets_a_lost_authenticator_but_not_a_superusers():
    editor = make_user("editor-8", "Editor")
    enrol(password_login("editor-8"), editor)
    boss = make_user("boss-8", is_superuser=True)
    enrol(password_login("boss-8"), boss)
    chief = make_user("chief-8", "Chief editor")
    client = Client()
    client.force_login(chief)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # The chief editor, too, passes the second step first.
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 302
    enrol(client, chief)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200 and "editor-8" in listing.content.decode()
    assert "key" not in listing.context["cl"].list_display

    editors_device = TOTPDevice.objects.get(user=editor)
    response = client.post(f"/admin/otp_totp/totpdevice/{editors_device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not twofactor.is_enrolled(editor) and twofactor.recovery_codes_left(editor) == 0
    assert AuditEntry.objects.filter(action="two_factor_reset", actor=chief, object_id=str(editor.pk)).exists()

    bosses_device = TOTPDevice.objects.get(user=boss)
    assert client.post(f"/admin/otp_totp/totpdevice/{bosses_device.pk}/delete/", {"post": "yes"}).status_code == 403
    assert twofactor.is_enrolled(boss)


def test_reporters_see_no_devices():
    client = Client()
    client.force_login(make_user("reporter-9", "Reporter"))
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 403
