"""
What happens around account events, wherever they come from (the admin,
the shell, a command): sessions are recorded at login and ended when an
account's role or powers change, and password changes, role changes and
lockouts go to the audit log. Signals rather than explicit calls, because
these changes have many doors (admin forms, bulk actions, group screens,
createsuperuser, the shell) and missing one would be a silent hole.
(Logins, failed logins and logouts are recorded by articles.audit itself.)
"""

from contextvars import ContextVar

from django.contrib.auth import get_user_model, signals as auth_signals
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils.translation import gettext as _

from articles import audit

from . import sessions

# The request being handled, so a change made through a form is recorded
# under the person who made it (set by AccountSecurityMiddleware).
current_request = ContextVar("current_request", default=None)

POWER_FIELDS = ("is_active", "is_staff", "is_superuser")


def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.refresh(request.session, force=True)
        sessions.remember(user, request.session.session_key)


def _logged_out(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and request.session.session_key:
        sessions.forget(request.session.session_key)


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    typed = str(username or "").replace("\x00", "")[:150]
    audit.record(
        "lockout",
        actor=None,
        actor_name=typed,
        summary=_("Logins locked after repeated failures (user name “%(name)s”, address %(ip)s)") % {"name": typed, "ip": ip_address},
        request=request,
        details={"username": typed, "ip_address": ip_address},
    )


def _before_user_save(sender, instance, raw=False, **kwargs):
    instance._security_before = None
    if raw or instance.pk is None:
        return
    instance._security_before = sender.objects.filter(pk=instance.pk).values("password", *POWER_FIELDS).first()


def _after_user_save(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_security_before", None)
    if raw or created or not before:
        return
    request = current_request.get()
    if before["password"] != instance.password:
        audit.record("password_change", obj=instance, summary=_("Password changed"), request=request)
    changed = [field for field in POWER_FIELDS if before[field] != getattr(instance, field)]
    if changed:
        details = {field: getattr(instance, field) for field in changed}
        role_changed(instance, _("Account status changed: %(fields)s") % {"fields": ", ".join(changed)}, details)


def role_changed(user, summary, details):
    """Record a change of the user's powers and end their sessions (all but the changer's own)."""
    request = current_request.get()
    keep = None
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk:
        keep = request.session.session_key
    ended = sessions.end_sessions(user, keep=keep)
    audit.record("permission_change", obj=user, summary=summary, request=request, details={**details, "sessions_ended": ended})


def _memberships_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    User = get_user_model()
    kind = "groups" if sender is User.groups.through else "permissions"
    verb = action.removeprefix("post_")
    if not reverse:
        users, names = [instance], sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or ()))
    else:
        users, names = list(User.objects.filter(pk__in=pk_set or ())), [str(instance)]
    for user in users:
        summary = _("%(kind)s changed (%(verb)s): %(names)s") % {"kind": kind, "verb": verb, "names": ", ".join(names) or "-"}
        role_changed(user, summary, {kind: names, "change": verb})


def connect():
    from axes.signals import user_locked_out

    User = get_user_model()
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="accounts.logged_in")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="accounts.logged_out")
    user_locked_out.connect(_locked_out, dispatch_uid="accounts.locked_out")
    pre_save.connect(_before_user_save, sender=User, dispatch_uid="accounts.before_user_save")
    post_save.connect(_after_user_save, sender=User, dispatch_uid="accounts.after_user_save")
    m2m_changed.connect(_memberships_changed, sender=User.groups.through, dispatch_uid="accounts.groups")
    m2m_changed.connect(_memberships_changed, sender=User.user_permissions.through, dispatch_uid="accounts.permissions")
