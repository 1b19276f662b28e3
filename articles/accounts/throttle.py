"""
Login throttling, by django-axes (settings under "Accounts"): after
AXES_FAILURE_LIMIT failed logins within AXES_COOLOFF_TIME, the user name is
locked, and so is the client address, each on its own. A locked login is
refused by axes' authentication backend, first in the chain, before any
password is hashed, so a flood of guesses costs one database lookup each
and cannot slow the readers' pages.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    """
    The answer to a locked login: the admin's login page with one neutral
    sentence and status 429. It never says whether the account exists or
    which of account and address is locked.
    """
    context = {
        "title": _("Log in"),
        "site_header": None,
        "lockout_message": _(
            "Too many failed attempts to log in. Wait %(minutes)s minutes and try again, "
            "or ask the chief editor to lift the lock."
        )
        % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
    }
    return render(request, "accounts/locked_out.html", context, status=429)


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
    hostile 10,000-character name must be refused, not crash the login).
    """
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username", "")
    return str(name or "")[:150]
