"""
Staff sessions: they end after a working day without activity, a change of
role or powers ends the user's sessions, a password change ends the
others (not the one it was made in), passwords follow the rules, and each
of these events is in the audit log.
"""

import threading
import urllib.error
import urllib.request

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from articles.accounts.sessions import REFRESHED_KEY
from articles.audit.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def signed_in(username):
    client = Client()
    assert client.post("/admin/login/", {"username": username, "password": f"pw-{username}"}).status_code == 302
    return client


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def test_session_lasts_a_working_day_of_inactivity(settings):
    make_user("reporter-s", "Reporter")
    client = signed_in("reporter-s")
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    # Within a minute of the login the session is not written again...
    assert "sessionid" not in client.get("/admin/").cookies
    # ...a minute later a request pushes the expiry forward and re-sends the cookie.
    session = client.session
    session[REFRESHED_KEY] -= 60
    session.save()
    before = Session.objects.get(pk=session.session_key).expire_date
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 9 * 3600
    assert Session.objects.get(pk=session.session_key).expire_date > before
    assert "sessionid" not in client.get("/admin/").cookies


def test_a_readers_request_never_writes_or_starts_a_session():
    reader = Client()
    response = reader.get("/", headers={"cookie": "sessionid=stale-or-forged"})
    assert response.status_code == 200
    # The forged cookie is cleared, and no session is made for it.
    assert response.cookies["sessionid"].value == ""
    assert not Session.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_of_one_editor_all_succeed(live_server):
    """
    An editor's change form fires requests of its own (the admin's jsi18n,
    presence pings) while the next page loads. When every request wrote the
    session, such concurrent writes failed on SQLite and Django answered 400
    ("the request's session was deleted before the request completed"): the
    browser tests' flake. (On PostgreSQL the writes queue instead, so this
    can only fail on SQLite, the default database.)
    """
    make_user("editor-c", "Editor")
    session_id = signed_in("editor-c").cookies["sessionid"].value
    answers = []

    def editor_scripts():
        for _ in range(15):
            request = urllib.request.Request(f"{live_server.url}/admin/jsi18n/", headers={"Cookie": f"sessionid={session_id}"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    answers.append(response.status)
            except urllib.error.HTTPError as error:
                answers.append(error.code)

    threads = [threading.Thread(target=editor_scripts) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 60


def test_role_change_ends_every_session_of_the_user():
    reporter = make_user("reporter-r", "Reporter")
    chief = make_user("chief-r", "Chief editor")
    laptop, phone = signed_in("reporter-r"), signed_in("reporter-r")
    boss = signed_in("chief-r")
    assert is_signed_in(laptop) and is_signed_in(phone)

    reporter.groups.add(Group.objects.get(name="Editor"))
    assert not is_signed_in(laptop) and not is_signed_in(phone)
    assert is_signed_in(boss)
    entry = AuditEntry.objects.filter(action="permission_change", object_id=str(reporter.pk)).latest("pk")
    assert entry.details["sessions_ended"] == 2
    assert chief.pk  # the chief's own session survives someone else's change


def test_role_change_through_the_admin_is_recorded_under_the_chief_editor():
    reporter = make_user("reporter-t", "Reporter")
    chief = make_user("chief-t", "Chief editor")
    laptop = signed_in("reporter-t")
    boss = signed_in("chief-t")
    page = boss.get(f"/admin/auth/user/{reporter.pk}/change/")
    assert page.status_code == 200
    boss.post(f"/admin/auth/user/{reporter.pk}/change/", {
        "username": "reporter-t", "is_active": "on", "is_staff": "", "groups": [Group.objects.get(name="Reporter").pk],
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })
    reporter.refresh_from_db()
    assert reporter.is_staff is False
    assert not is_signed_in(laptop)
    assert AuditEntry.objects.filter(action="permission_change", actor=chief, object_id=str(reporter.pk)).exists()


def test_password_change_ends_the_other_sessions_but_not_this_one():
    make_user("editor-p", "Editor")
    here, elsewhere = signed_in("editor-p"), signed_in("editor-p")
    response = here.post("/admin/password_change/", {
        "old_password": "pw-editor-p", "new_password1": "Sungai-Ciliwung-2026!", "new_password2": "Sungai-Ciliwung-2026!",
    })
    assert response.status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    assert AuditEntry.objects.filter(action="password_change", actor_name__startswith="editor-p").exists()


@pytest.mark.parametrize("password, code", [
    ("Pendek-123", "password_too_short"),
    ("password1234", "password_too_common"),
    ("384729104857", "password_entirely_numeric"),
])
def test_weak_passwords_are_refused(password, code):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert code in [e.code for e in error.value.error_list]


def test_a_long_uncommon_password_is_accepted():
    validate_password("Gempa-Lombok-Pagi-Hari")
