"""
Login throttling, by django-axes (settings under "Accounts").

Repeated failures are first slowed, then locked, per user name and per
client address, each on its own: from the LOGIN_SLOW_AFTER-th failure on,
the next attempt must wait 1 s, then 2 s, 4 s ... (at most
LOGIN_SLOW_MAX_SECONDS) after the last failure, and AXES_FAILURE_LIMIT
failures within AXES_COOLOFF_TIME lock the login. Both refusals come before
any password is hashed, and no worker ever sleeps: an attempt that comes too
early is simply refused. The wait is read from axes' own records of failed
attempts (AccessAttempt), through axes' handler, so there is one store, one
admin screen and one way to lift it.

A flood of guesses must not cost the readers either, so LoginThrottleMiddleware
answers a login that would be refused before it takes one of the threads
kept for pages (newsroom/capacity.py), opens a session or renders the login
form: a few indexed lookups and a small page (bench/login_flood_benchmark.py
measures what is left). axes' authentication backend, first in the chain,
checks again behind it, for any other way into authenticate().
"""

import math
import threading
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _, ngettext


def seconds_to_wait_after(failures):
    """The wait before the next attempt after `failures` recent failures: 0, then 1, 2, 4 ... capped."""
    if failures < settings.LOGIN_SLOW_AFTER:
        return 0
    return min(2 ** (failures - settings.LOGIN_SLOW_AFTER), settings.LOGIN_SLOW_MAX_SECONDS)


class LoginThrottleHandler(AxesDatabaseHandler):
    """
    axes' database handler with the slowdown before the lock. An attempt
    refused early (slowed or locked) is not counted as a failure: no
    password was tried, and counting it would let a flood write on every
    request and stretch a colleague's wait with each impatient retry.
    """

    def is_allowed(self, request, credentials=None):
        if not super().is_allowed(request, credentials):
            request.login_refused = "locked"
            return False
        if self.is_whitelisted(request, credentials):
            return True
        wait = self.seconds_to_wait(request, credentials)
        if wait:
            request.login_refused = "slowed"
            request.login_wait_seconds = wait
            return False
        return True

    def seconds_to_wait(self, request, credentials=None):
        """Whole seconds until this user name and this address may both try again (0: now)."""
        longest = timedelta(0)
        # One query set per lockout parameter (user name, address), limited
        # to the cool-off window, as axes counts them for the lock.
        for attempts in self.get_user_attempts(request, credentials):
            seen = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            wait = seconds_to_wait_after(seen["failures"] or 0)
            if wait and seen["last"] is not None:
                longest = max(longest, seen["last"] + timedelta(seconds=wait) - request.axes_attempt_time)
        return math.ceil(longest.total_seconds())

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and getattr(request, "login_refused", None):
            # AxesMiddleware answers with lockout_response(); the lock itself
            # was announced (and audited) once, when it began.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return
        super().user_login_failed(sender, credentials, request=request, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """
    The answer to a refused login: one neutral sentence on a page in the
    admin's look, status 429. It never says whether the account exists or
    which of account and address is held back. A small template of its own,
    rendered without context processors, so a flood of refusals stays cheap;
    in the language the visitor chose, as newsroom.middleware would pick it
    (the refusal may come before that middleware has run).
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        wait, message = _refusal(request)
        context = {
            "title": _("Log in"),
            "site_header": admin.site.site_header,
            "site_title": admin.site.site_title,
            "lockout_message": message,
            "login_url": reverse("admin:login"),
            "LANGUAGE_CODE": language,
        }
        response = HttpResponse(render_to_string("accounts/locked_out.html", context), status=429)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _refusal(request):
    """Seconds to wait (0: unknown) and the sentence saying so."""
    if getattr(request, "login_busy", False):
        return 1, _("Too many logins at once. Wait a moment and try again.")
    wait = getattr(request, "login_wait_seconds", 0)
    if wait:
        return wait, ngettext(
            "Too many failed attempts to log in. Wait %(seconds)d second and try again.",
            "Too many failed attempts to log in. Wait %(seconds)d seconds and try again.",
            wait,
        ) % {"seconds": wait}
    return 0, _(
        "Too many failed attempts to log in. Wait %(minutes)s minutes and try again, "
        "or ask the chief editor to lift the lock."
    ) % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}


class LoginThrottleMiddleware:
    """
    Early in the chain, after the client's address is known
    (newsroom.proxy) and before the page slots and sessions: a login POST
    that axes would refuse is answered here, without a session, a CSRF
    check or the login form. Allowed attempts go on to the login view,
    where the backend checks again.

    An allowed attempt costs a password hash (a third of a second of CPU)
    and holds one of the threads kept for pages meanwhile. A worker checks
    LOGIN_CHECKS_PER_WORKER passwords at once; another attempt arriving then
    is asked to try again in a second, instead of taking more of the
    readers' threads. (Several guessers whose wait ends at the same moment
    would otherwise all pass and hash together.)
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.password_checks = threading.BoundedSemaphore(settings.LOGIN_CHECKS_PER_WORKER)

    def __call__(self, request):
        if request.method != "POST" or request.path_info != reverse("admin:login"):
            return self.get_response(request)
        credentials = get_credentials(username_for_throttling(request, None))
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, credentials=credentials)
        if not self.password_checks.acquire(blocking=False):
            request.login_busy = True
            return lockout_response(request, credentials=credentials)
        try:
            return self.get_response(request)
        finally:
            self.password_checks.release()


class LoginThrottleBackend(AxesStandaloneBackend):
    """
    axes' backend, except for authentication without a request (the shell,
    a management command, the test client's login()): there is no client to
    throttle, and axes would refuse such a call outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def username_for_throttling(request, credentials):
    """
    The user name a login tried, cut to the longest a user name can be: axes
    stores it in 255 characters, and PostgreSQL refuses a longer value (a
    hostile 10,000-character name must be refused, not crash the login),
    and without NUL characters, which PostgreSQL refuses outright.
    """
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username", "")
    # No user name holds a NUL, and PostgreSQL refuses one in any text it is sent.
    return str(name or "").replace("\x00", "")[:150]
