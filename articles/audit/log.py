"""How the rest of Newsroom writes to the audit log."""

from django.contrib.contenttypes.models import ContentType

from newsroom.logging import request_id as current_request_id

from .models import AuditEntry


def actor_label(user):
    """"Hendra (Editor)": the name colleagues know, with the role in brackets."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    name = user.get_full_name() or user.get_username()
    roles = ", ".join(group.name for group in user.groups.all())
    return f"{name} ({roles})" if roles else name


def client_ip(request):
    """REMOTE_ADDR as Django sees it (the proxy in front sets it right)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(action, *, actor=None, obj=None, summary="", request=None, details=None, actor_name=None, object_repr=None):
    """
    Append one entry and return it.

    action   an articles.audit.models.Action value ("publish", "login", ...)
    actor    the user who acted; None for the system (the importer, a
             failed login): give actor_name then, e.g. the command or the
             user name typed
    obj      the object acted on (an article, a user); its kind, id and
             text are kept, so the entry outlives it
    summary  one line a person reads ("Withdrawn: legal request")
    request  the request being handled: its request id and client address
             are kept (outside a request the id being logged is used)
    details  a small JSON-able dict (counts, reasons, versions)

    Called inside the transaction that makes the change, the entry is
    written or rolled back with it.
    """
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    entry = AuditEntry(
        action=str(action),
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor_name if actor_name is not None else actor_label(actor))[:200],
        summary=str(summary),
        details=details or {},
        request_id=(getattr(request, "request_id", "") or current_request_id.get())[:128],
        ip_address=client_ip(request),
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk) if obj.pk is not None else ""
        entry.object_repr = (object_repr if object_repr is not None else str(obj))[:300]
    elif object_repr is not None:
        entry.object_repr = object_repr[:300]
    entry.save()
    return entry


def entries_for(obj):
    """The entries about `obj`, newest first."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("actor")
