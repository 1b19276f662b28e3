"""Editorial decisions written to the audit log, with summaries a person reads."""

from django.utils.translation import gettext as _

from articles.audit import record
from articles.audit.models import Action
from articles.dates import short_date

from .history import field_label


def move_action(article, old_status):
    """The audit action for a status change of `article` from `old_status`."""
    Status = type(article).Status
    if article.status == Status.PUBLISHED:
        return Action.SCHEDULE if article.is_scheduled else Action.PUBLISH
    return {
        Status.REVIEW: Action.SUBMIT,
        Status.DRAFT: Action.RETURN_TO_DRAFT,
        Status.UNPUBLISHED: Action.UNPUBLISH,
    }[article.status]


def record_move(article, user, old_status, reason="", request=None):
    action = move_action(article, old_status)
    summary = f"{Action(action).label}"
    if action == Action.SCHEDULE:
        summary += " " + short_date(article.publish_at)
    if reason:
        summary += f": {reason}"
    details = {"version": article.version, "from": old_status, "to": article.status}
    if reason:
        details["reason"] = reason
    record(action, actor=user, obj=article, summary=summary, request=request, details=details)


def record_save(request, article, created, old_status, changed_fields):
    """A save through the change form: create, save, or the status move it made."""
    if created:
        record(Action.CREATE, obj=article, request=request, summary=_("Created"), details={"version": article.version})
        return
    if old_status != article.status:
        record_move(article, request.user, old_status, request=request)
    words = ", ".join(field_label(name) for name in changed_fields if name not in ("status", "base_version", "mark_updated"))
    if words or old_status == article.status:
        record(Action.SAVE, obj=article, request=request, summary=words or _("Saved without changes"), details={"version": article.version})


def record_refusal(request, article, message):
    record(Action.CONFLICT, obj=article, request=request, summary=message)


def record_deletion(request, article):
    status = type(article).Status(article.status).label
    summary = _("Deleted (was “%(state)s”, version %(version)d)") % {"state": status, "version": article.version}
    if article.first_published_at:
        summary += " — " + _("its public address no longer works")
    record(Action.DELETE, obj=article, request=request, summary=summary, details={"version": article.version, "status": article.status})


def record_import_run(counts, argv):
    """An import run: who ran it (the shell user), the command line and the counts."""
    import getpass
    import shlex

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "?"
    command = shlex.join(["import_articles", *argv[2:]]) if len(argv) > 1 and argv[1] == "import_articles" else "import_articles"
    summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items())) or "0"
    record(Action.IMPORT, actor=None, actor_name=f"{who} (shell)", object_repr=command[:300], summary=summary, details={"counts": counts, "command": command})
