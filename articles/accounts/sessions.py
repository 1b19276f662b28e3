"""
Staff sessions: kept alive while they are used, and ended when they must.

A session lives SESSION_COOKIE_AGE (a working day) after it was last
refreshed; a signed-in request refreshes it, but at most once every
SESSION_REFRESH_SECONDS (SessionRefreshMiddleware). Writing it on every
request instead (SESSION_SAVE_EVERY_REQUEST) made each admin request a
database write, so the editor's own page, its scripts' requests (presence
pings, the admin's jsi18n) and a save all raced to write the same row. On
SQLite they queue for its one write lock, and a write that fails (the busy
timeout passes, or at once on the tests' shared in-memory connection) is
reported by Django as a session "deleted before the request completed"
(status 400).

After a change of role or of the account's powers, every session the user
has open must start again from the login. (A change of password already
ends the others: Django ties each session to a hash of the password.)
"""

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from .models import StaffSession


# When the session was last written to push its expiry, in epoch seconds.
REFRESHED_KEY = "_refreshed"


def refresh(session, force=False):
    """Push the session's expiry forward if it was last pushed SESSION_REFRESH_SECONDS ago or more."""
    now = int(time.time())
    if force or now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
        session[REFRESHED_KEY] = now


def _store(session_key):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def remember(user, session_key):
    """Record a new session of `user`; forget records older than any session can live."""
    if not session_key:
        return
    StaffSession.objects.update_or_create(session_key=session_key, defaults={"user": user})
    StaffSession.objects.filter(started__lt=timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE * 7)).delete()


def forget(session_key):
    StaffSession.objects.filter(session_key=session_key).delete()


def end_sessions(user, keep=None):
    """End every recorded session of `user` except `keep`; return how many were ended."""
    ended = 0
    for record in StaffSession.objects.filter(user=user).exclude(session_key=keep or ""):
        _store(record.session_key).delete()
        record.delete()
        ended += 1
    return ended
