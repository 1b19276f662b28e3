"""The desk's decisions in the audit log: who put what where, and when it was taken down."""

from django.utils.translation import gettext as _

from articles import audit
from articles.audit.models import Action


def placement_changed(request, placement, what):
    """`what`: "placed", "moved" or "removed"."""
    verbs = {"placed": _("Placed"), "moved": _("Moved"), "removed": _("Removed")}
    audit.record(
        Action.FRONT_PAGE,
        obj=placement.article,
        request=request,
        summary=f"{verbs[what]}: {placement.get_slot_display()}",
        details={"slot": placement.slot, "position": placement.position, "what": what},
    )


def bar_changed(request, bar, what):
    """`what`: "up" or "cleared"."""
    summary = _("Breaking-news bar up: %(text)s") if what == "up" else _("Breaking-news bar cleared: %(text)s")
    audit.record(Action.BREAKING_NEWS, obj=bar.article, request=request, summary=summary % {"text": bar.text}, details={"what": what})
