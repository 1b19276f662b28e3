"""
Ending a user's sessions: after a change of role or of the account's
powers, every session the user has open must start again from the login.
(A change of password already ends the others: Django ties each session
to a hash of the password.)
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from .models import StaffSession


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
