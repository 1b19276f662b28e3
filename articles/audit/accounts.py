"""
Account events recorded from Django's authentication signals: login,
failed login, logout. (Password and permission changes are recorded where
they happen, by the account screens.)
"""

from django.contrib.auth import signals
from django.utils.translation import gettext as _

from .models import Action


def _logged_in(sender, request, user, **kwargs):
    from .log import record

    record(Action.LOGIN, actor=user, obj=user, summary=_("Logged in"), request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    from .log import record

    # Only the user name: Django already masks the password in `credentials`.
    typed = str(credentials.get("username", ""))[:150]
    record(
        Action.LOGIN_FAILED,
        actor=None,
        actor_name=typed,
        summary=_("Failed login as “%(name)s”") % {"name": typed},
        request=request,
        details={"username": typed},
    )


def _logged_out(sender, request, user, **kwargs):
    from .log import record

    if user is None:
        return
    record(Action.LOGOUT, actor=user, obj=user, summary=_("Logged out"), request=request)


def connect():
    signals.user_logged_in.connect(_logged_in, dispatch_uid="audit.logged_in")
    signals.user_login_failed.connect(_login_failed, dispatch_uid="audit.login_failed")
    signals.user_logged_out.connect(_logged_out, dispatch_uid="audit.logged_out")
