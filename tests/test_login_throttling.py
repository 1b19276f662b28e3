"""
Login throttling (django-axes, articles/accounts/throttle.py): repeated
failures lock the user name and the client address each on its own, a
locked login is refused before any password is hashed, the message is the
same whether the account exists or not, the chief editor sees and lifts
locks, and every step is in the audit log.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from articles.audit.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db
LIMIT = 10
LOCKED_TEXT = "Terlalu banyak percobaan masuk yang gagal"


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts how often a password is checked."""

    calls = 0

    def verify(self, password, encoded):
        type(self).calls += 1
        return super().verify(password, encoded)

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.test_login_throttling.CountingHasher"]
    settings.AXES_FAILURE_LIMIT = LIMIT
    CountingHasher.calls = 0
    return CountingHasher


def log_in(client, username, password, ip="203.0.113.5", **headers):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip, headers=headers)


def test_account_is_locked_after_ten_failures_and_refused_before_hashing(client, counting_hasher):
    make_user("editor-a", "Editor")
    statuses = [log_in(client, "editor-a", f"wrong-{n}", ip=f"198.51.100.{n}").status_code for n in range(LIMIT)]
    # The tenth failure is answered with the lock already.
    assert statuses == [200] * (LIMIT - 1) + [429]
    hashed_before = counting_hasher.calls
    response = log_in(client, "editor-a", "pw-editor-a", ip="192.0.2.99")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert counting_hasher.calls == hashed_before, "a locked login must not hash a password"
    assert "_auth_user_id" not in client.session


def test_address_is_locked_across_user_names_and_others_still_log_in(client, counting_hasher):
    make_user("reporter-b", "Reporter")
    for attempt in range(LIMIT):
        log_in(client, f"guess-{attempt}", "wrong-password", ip="203.0.113.7")
    hashed_before = counting_hasher.calls
    assert log_in(client, "reporter-b", "pw-reporter-b", ip="203.0.113.7").status_code == 429
    assert counting_hasher.calls == hashed_before
    response = log_in(client, "reporter-b", "pw-reporter-b", ip="203.0.113.8")
    assert response.status_code == 302


def test_message_does_not_tell_whether_the_account_exists(client):
    make_user("editor-c", "Editor")
    for attempt in range(LIMIT):
        log_in(client, "editor-c", "wrong", ip=f"198.51.100.{attempt}")
        log_in(client, "nobody-here", "wrong", ip=f"192.0.2.{attempt}")
    real = log_in(client, "editor-c", "wrong", ip="192.0.2.200")
    ghost = log_in(client, "nobody-here", "wrong", ip="192.0.2.201")
    assert real.status_code == ghost.status_code == 429
    strip = lambda response: response.content.decode().replace(response.headers.get("X-Request-ID", ""), "")  # noqa: E731
    assert strip(real).replace("csrfmiddlewaretoken", "") .count(LOCKED_TEXT) == strip(ghost).count(LOCKED_TEXT) == 1
    assert "editor-c" not in strip(real) and "nobody-here" not in strip(ghost)


def test_forwarded_address_counts_only_when_a_proxy_is_configured(client, settings):
    make_user("editor-d", "Editor")
    # Without TRUSTED_PROXY_COUNT a forged X-Forwarded-For changes nothing.
    for attempt in range(LIMIT):
        log_in(client, f"guess-{attempt}", "wrong", ip="203.0.113.9", x_forwarded_for=f"10.0.0.{attempt}")
    assert log_in(client, "editor-d", "pw-editor-d", ip="203.0.113.9", x_forwarded_for="10.9.9.9").status_code == 429
    # Behind one proxy the client is the last forwarded address; what the
    # client itself put further left is ignored.
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(LIMIT):
        log_in(client, f"other-{attempt}", "wrong", ip="127.0.0.1", x_forwarded_for=f"6.6.6.{attempt}, 198.51.100.77")
    assert log_in(client, "editor-d", "pw-editor-d", ip="127.0.0.1", x_forwarded_for="198.51.100.77").status_code == 429
    assert log_in(client, "editor-d", "pw-editor-d", ip="127.0.0.1", x_forwarded_for="198.51.100.78").status_code == 302


def test_chief_editor_sees_the_lock_and_lifts_it(client):
    make_user("editor-e", "Editor")
    chief = make_user("chief-e", "Chief editor")
    for attempt in range(LIMIT):
        log_in(client, "editor-e", "wrong", ip=f"198.51.100.{attempt}")
    assert log_in(client, "editor-e", "pw-editor-e", ip="192.0.2.50").status_code == 429
    assert AuditEntry.objects.filter(action="lockout", actor_name="editor-e").exists()

    boss = client.__class__()
    boss.force_login(chief)
    listing = boss.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor-e" in listing.content.decode()
    from axes.models import AccessAttempt

    # One row per user name and address; the chief editor selects them all.
    selected = [str(pk) for pk in AccessAttempt.objects.filter(username="editor-e").values_list("pk", flat=True)]
    confirm = boss.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": selected, "post": "yes"})
    assert confirm.status_code == 302
    assert not AccessAttempt.objects.filter(username="editor-e").exists()
    assert AuditEntry.objects.filter(action="lockout_lifted", actor=chief).exists()
    assert log_in(client, "editor-e", "pw-editor-e", ip="192.0.2.50").status_code == 302


def test_reporters_and_editors_do_not_see_locks(client):
    for role in ("Reporter", "Editor"):
        user = make_user(f"user-{role}", role)
        client.force_login(user)
        assert client.get("/admin/axes/accessattempt/").status_code == 403
