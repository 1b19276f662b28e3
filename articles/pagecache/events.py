"""
Scheduled changes: the next moment some cached page must change by itself.

A story scheduled for 06:00 changes the front page, its section, the feeds
and the sitemaps at 06:00 with nobody saving anything. So every cached page
also carries `valid_until`, the earliest such moment known when it was
rendered, and is a miss from then on. Each source below answers "when is the
next such moment after `now`?"; subsystems with timed visibility (curation
that starts or expires, a breaking-news bar that expires) add theirs with
register().

The answer is memoised in the cache under the current ``lists`` stamp: any
change to what is scheduled bumps that stamp, so the memo is recomputed
after every such change and otherwise once per scheduled moment.
"""

from django.core.cache import cache
from django.db.models import Min, Q

MEMO_KEY = "pc:next"
_sources = []


def register(source):
    """`source(now)` returns the next datetime after `now` at which it changes something public, or None."""
    _sources.append(source)
    return source


@register
def next_scheduled_article(now):
    from articles.models import Article

    return Article.objects.scheduled().aggregate(first=Min("publish_at"))["first"]


def timed_rows(label, fields=("starts_at", "expires_at")):
    """A source for a model whose rows start or stop showing at times of their own."""

    def source(now):
        from django.apps import apps

        try:
            model = apps.get_model(label)
        except LookupError:
            return None
        found = model._default_manager.aggregate(
            **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields}
        )
        return min((moment for moment in found.values() if moment is not None), default=None)

    return register(source)


# Front-page curation: picks and pins that start or expire, the breaking-news bar.
timed_rows("desk.placement")
timed_rows("desk.breakingnews")


def compute(now):
    moments = [moment for moment in (source(now) for source in _sources) if moment is not None and moment > now]
    return min(moments, default=None)


def next_change(now, lists_stamp):
    """The next scheduled change after `now` (None: nothing scheduled), memoised per ``lists`` stamp."""
    memo = cache.get(MEMO_KEY)
    if memo is not None:
        stamp, moment = memo
        if stamp == lists_stamp and (moment is None or moment > now):
            return moment
    moment = compute(now)
    cache.set(MEMO_KEY, (lists_stamp, moment), None)
    return moment
