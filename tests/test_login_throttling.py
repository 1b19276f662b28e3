"""
Login throttling (django-axes, articles/accounts/throttle.py): repeated
failures are slowed and then lock the user name and the client address each
on its own, a slowed or locked login is refused before any password is
hashed, the message is the same whether the account exists or not, the chief
editor sees and lifts locks, and every step is in the audit log.

Time passes by moving the stored failure times back, never by sleeping.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone

from articles.accounts.throttle import LoginThrottleMiddleware
from articles.audit.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db
LIMIT = 10
LOCKED_TEXT = "Terlalu banyak percobaan masuk yang gagal"
LOCK_TEXT = "minta pemimpin redaksi membuka kuncinya"


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


def seconds_pass(seconds):
    """As if `seconds` had passed since each recorded failure."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


def wait_is_over():
    """As if the longest slowdown had passed since the last failure (the lock's window stays open)."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=61))


def fail(client, username, times, ip=None, **headers):
    """`times` failed logins, each after the wait the one before asked for; the statuses."""
    statuses = []
    for n in range(times):
        if n:
            wait_is_over()
        statuses.append(log_in(client, username, f"wrong-{n}", ip=ip or f"198.51.100.{n}", **headers).status_code)
    return statuses


def failures_recorded(**lookup):
    return sum(AccessAttempt.objects.filter(**lookup).values_list("failures_since_start", flat=True))


def test_account_is_locked_after_ten_failures_and_refused_before_hashing(client, counting_hasher):
    make_user("editor-a", "Editor")
    statuses = fail(client, "editor-a", LIMIT)
    # The tenth failure is answered with the lock already.
    assert statuses == [200] * (LIMIT - 1) + [429]
    hashed_before = counting_hasher.calls
    response = log_in(client, "editor-a", "pw-editor-a", ip="192.0.2.99")
    assert response.status_code == 429
    assert LOCK_TEXT in response.content.decode()
    assert counting_hasher.calls == hashed_before, "a locked login must not hash a password"
    assert "_auth_user_id" not in client.session


def test_address_is_locked_across_user_names_and_others_still_log_in(client, counting_hasher):
    make_user("reporter-b", "Reporter")
    for attempt in range(LIMIT):
        log_in(client, f"guess-{attempt}", "wrong-password", ip="203.0.113.7")
        wait_is_over()
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
        wait_is_over()
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
        wait_is_over()
    assert log_in(client, "editor-d", "pw-editor-d", ip="203.0.113.9", x_forwarded_for="10.9.9.9").status_code == 429
    # Behind one proxy the client is the last forwarded address; what the
    # client itself put further left is ignored.
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(LIMIT):
        log_in(client, f"other-{attempt}", "wrong", ip="127.0.0.1", x_forwarded_for=f"6.6.6.{attempt}, 198.51.100.77")
        wait_is_over()
    assert log_in(client, "editor-d", "pw-editor-d", ip="127.0.0.1", x_forwarded_for="198.51.100.77").status_code == 429
    assert log_in(client, "editor-d", "pw-editor-d", ip="127.0.0.1", x_forwarded_for="198.51.100.78").status_code == 302


def test_chief_editor_sees_the_lock_and_lifts_it(client):
    make_user("editor-e", "Editor")
    chief = make_user("chief-e", "Chief editor")
    assert fail(client, "editor-e", LIMIT)[-1] == 429
    assert log_in(client, "editor-e", "pw-editor-e", ip="192.0.2.50").status_code == 429
    assert AuditEntry.objects.filter(action="lockout", actor_name="editor-e").exists()

    boss = client.__class__()
    boss.force_login(chief)
    listing = boss.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor-e" in listing.content.decode()
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


def test_third_failure_slows_the_next_attempt_which_is_refused_unhashed_and_uncounted(client, counting_hasher):
    make_user("editor-f", "Editor")
    assert fail(client, "editor-f", 2) == [200, 200]
    # Two failures cost nothing; the third asks for a second's wait.
    assert log_in(client, "editor-f", "wrong-again", ip="198.51.100.20").status_code == 200
    hashed_before = counting_hasher.calls
    early = log_in(client, "editor-f", "pw-editor-f", ip="192.0.2.20")
    assert early.status_code == 429
    assert early["Retry-After"] == "1"
    assert "Tunggu 1 detik" in early.content.decode()
    # Answered before the login form, its session or its CSRF cookie exist,
    # but inside the security headers.
    assert 'name="password"' not in early.content.decode()
    assert not early.cookies
    assert "default-src 'self'" in early["Content-Security-Policy"] and early["X-Content-Type-Options"] == "nosniff"
    assert counting_hasher.calls == hashed_before, "a slowed login must not hash a password"
    assert "_auth_user_id" not in client.session
    # A refused attempt tried no password: it is not counted as a failure.
    assert failures_recorded(username="editor-f") == 3
    # In the language the visitor chose.
    client.cookies["django_language"] = "en"
    assert "Wait 1 second and try again" in log_in(client, "editor-f", "pw-editor-f", ip="192.0.2.20").content.decode()
    seconds_pass(1)
    assert log_in(client, "editor-f", "pw-editor-f", ip="192.0.2.20").status_code == 302


def test_the_wait_doubles_with_each_failure_and_is_capped(client, settings):
    make_user("editor-g", "Editor")
    fail(client, "editor-g", 5)
    # Five failures: the next attempt waits 4 s after the last one.
    seconds_pass(3)
    refused = log_in(client, "editor-g", "pw-editor-g")
    assert refused.status_code == 429 and refused["Retry-After"] == "1"
    seconds_pass(1)
    assert log_in(client, "editor-g", "wrong-5").status_code == 200
    assert log_in(client, "editor-g", "pw-editor-g")["Retry-After"] == "8"
    settings.LOGIN_SLOW_MAX_SECONDS = 5
    assert log_in(client, "editor-g", "pw-editor-g")["Retry-After"] == "5"


def test_address_is_slowed_across_user_names(client, counting_hasher):
    make_user("reporter-h", "Reporter")
    for n in range(3):
        assert log_in(client, f"guess-h{n}", "wrong", ip="203.0.113.30").status_code == 200
    hashed_before = counting_hasher.calls
    assert log_in(client, "reporter-h", "pw-reporter-h", ip="203.0.113.30").status_code == 429
    assert counting_hasher.calls == hashed_before
    # Another address is not held back by this one's failures.
    assert log_in(client, "reporter-h", "pw-reporter-h", ip="203.0.113.31").status_code == 302


def test_slowdown_message_does_not_tell_whether_the_account_exists(client):
    make_user("editor-i", "Editor")
    for n in range(3):
        log_in(client, "editor-i", "wrong", ip=f"198.51.100.{n}")
        log_in(client, "nobody-i", "wrong", ip=f"192.0.2.{n}")
    real = log_in(client, "editor-i", "wrong", ip="198.51.100.99")
    ghost = log_in(client, "nobody-i", "wrong", ip="192.0.2.99")
    assert real.status_code == ghost.status_code == 429
    assert real["Retry-After"] == ghost["Retry-After"]
    for response, name in ((real, "editor-i"), (ghost, "nobody-i")):
        text = response.content.decode()
        assert "Tunggu" in text and name not in text and "pemimpin redaksi" not in text


def test_forged_forwarded_address_does_not_escape_the_slowdown(client, settings):
    make_user("editor-j", "Editor")
    for n in range(3):
        log_in(client, f"guess-j{n}", "wrong", ip="203.0.113.40", x_forwarded_for=f"10.0.1.{n}")
    assert log_in(client, "editor-j", "pw-editor-j", ip="203.0.113.40", x_forwarded_for="10.9.9.9").status_code == 429
    # Behind a configured proxy the forwarded client is the one slowed.
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(3):
        log_in(client, f"other-j{n}", "wrong", ip="127.0.0.1", x_forwarded_for="198.51.100.40")
    assert log_in(client, "editor-j", "pw-editor-j", ip="127.0.0.1", x_forwarded_for="198.51.100.40").status_code == 429
    assert log_in(client, "editor-j", "pw-editor-j", ip="127.0.0.1", x_forwarded_for="198.51.100.41").status_code == 302


def test_lock_is_announced_once_and_refused_attempts_write_nothing(client):
    make_user("editor-k", "Editor")
    fail(client, "editor-k", LIMIT)
    recorded = failures_recorded(username="editor-k")
    for n in range(5):
        assert log_in(client, "editor-k", "wrong", ip=f"192.0.2.{n}").status_code == 429
    assert failures_recorded(username="editor-k") == recorded == LIMIT
    assert AuditEntry.objects.filter(action="lockout", actor_name="editor-k").count() == 1


def test_a_worker_checks_one_password_at_a_time(rf):
    """A second login arriving while a worker hashes a password is asked to retry, not given a reader's thread."""
    answers = []

    def login_view(request):
        if not answers:
            answers.append(middleware(rf.post("/admin/login/", {"username": "b", "password": "x"}, REMOTE_ADDR="192.0.2.9")))
        return HttpResponse("password checked")

    middleware = LoginThrottleMiddleware(login_view)
    first = middleware(rf.post("/admin/login/", {"username": "a", "password": "x"}, REMOTE_ADDR="192.0.2.8"))
    assert first.content == b"password checked"
    busy = answers[0]
    assert busy.status_code == 429 and busy["Retry-After"] == "1"
    assert "Terlalu banyak percobaan masuk sekaligus" in busy.content.decode()
    # Once the first check is over, the next one goes ahead.
    later = middleware(rf.post("/admin/login/", {"username": "b", "password": "x"}, REMOTE_ADDR="192.0.2.9"))
    assert later.content == b"password checked"
