"""
Two-factor authentication (articles/accounts/twofactor.py): required for
Editors, Chief editors and superusers, optional for Reporters, required for
everyone by a setting; set up with a real TOTP code, passed with a code or a
single-use recovery code; a password alone opens no admin page and shows
no draft; every step is in the audit log.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken

from articles.audit.models import AuditEntry
from articles.accounts import twofactor
from articles.accounts.models import RecoveryCode, RecoveryCodes
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


def test_recovery_codes_are_stored_only_as_keyed_hashes():
    editor = make_user("editor-10", "Editor")
    client = password_login("editor-10")
    _device, response = enrol(client, editor)
    codes = response.context["codes"]
    assert len(set(codes)) == 10
    # Shown once: the page that shows them is never cached, and no other
    # page (the overview, the admin) can show them again.
    assert "no-store" in response["Cache-Control"]
    assert not any(code in client.get("/admin/2fa/").content.decode() for code in codes)
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    stored = dump.getvalue().lower()
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
    digests = list(RecoveryCode.objects.filter(device__user=editor).values_list("digest", flat=True))
    assert len(digests) == 10 and all(len(digest) == 64 for digest in digests)
    assert not StaticToken.objects.exists()


def test_a_recovery_code_is_spent_once_even_by_two_logins_at_once():
    editor = make_user("editor-11", "Editor")
    codes = twofactor.new_recovery_codes(editor)
    first, second = RecoveryCodes.objects.get(user=editor), RecoveryCodes.objects.get(user=editor)
    assert list(first.codes.all()) == list(second.codes.all())
    assert first.verify_token(codes[3])
    # The second had read the same codes before the first spent this one.
    assert not second.verify_token(codes[3])
    assert twofactor.recovery_codes_left(editor) == 9
    assert not first.verify_token("aaaaa-aaaaa")


def test_recovery_codes_outlive_a_rotated_secret_key(settings):
    editor = make_user("editor-12", "Editor")
    codes = twofactor.new_recovery_codes(editor)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert twofactor.check_code(editor, codes[0]) is not None
    settings.SECRET_KEY_FALLBACKS = []
    assert twofactor.check_code(editor, codes[1]) is None


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_existing_plaintext_codes():
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0001_initial")])
    old_apps = executor.loader.project_state([("accounts", "0001_initial"), ("otp_static", "0003_add_timestamps")]).apps
    editor = make_user("editor-13", "Editor")
    StaticDevice = old_apps.get_model("otp_static", "StaticDevice")
    device = StaticDevice.objects.create(user_id=editor.pk, name="backup", confirmed=True)
    old_apps.get_model("otp_static", "StaticToken").objects.bulk_create(
        old_apps.get_model("otp_static", "StaticToken")(device=device, token=token) for token in ["abcd2345", "wxyz7654"]
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM otp_static_statictoken")
        assert cursor.fetchone()[0] == 0
    assert twofactor.recovery_codes_left(editor) == 2
    assert not RecoveryCode.objects.filter(digest__in=["abcd2345", "wxyz7654"]).exists()
    assert twofactor.check_code(editor, "ABCD 2345") is not None
    assert twofactor.check_code(editor, "abcd2345") is None
    assert twofactor.recovery_codes_left(editor) == 1
