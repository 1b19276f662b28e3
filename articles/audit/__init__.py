"""
The audit log: an append-only record of every editorial decision and
account event (who did what, to which object, when, from which request).

Other code records an entry with one call:

    from articles import audit
    audit.record("publish", actor=request.user, obj=article, summary="…", request=request)

See articles/audit/log.py for the arguments and articles/audit/models.py
for the actions. Entries cannot be changed or deleted: not through the
model, not through the admin (superusers included) and, on PostgreSQL,
not through SQL either (a trigger refuses UPDATE and DELETE).
"""


def record(action, **kwargs):
    """Append one entry to the audit log; see articles.audit.log.record."""
    # Imported on call: this package is imported while apps are loading.
    from .log import record as _record

    return _record(action, **kwargs)
