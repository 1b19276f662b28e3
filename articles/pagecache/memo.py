"""
Pieces shared by many reader pages (the menu, the breaking-news bar, an
article's related stories), kept in the cache under the generations they
depend on, so a page that is not in the page cache does not rebuild them.

The rule is the page cache's own (see generations.py): a piece is stored
with the stamps read at the start of the request and the next scheduled
moment (events.py), and is used only while both still hold. A change that
could alter the piece bumps one of its stamps, so the next request builds it
afresh; nothing here has a lifetime to hope is short enough.

With PAGE_CACHE off nothing is memoised either. Only what every visitor
sees alike may be memoised: the pieces below are built
from published() stories and public models, never from a user's drafts.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import events, generations

logger = logging.getLogger(__name__)

PREFIX = "pc:memo:"
# The stamps make a stale piece unreachable; the lifetime only frees memory.
TIMEOUT = 24 * 3600


def request_stamps(request, names):
    """
    The stamps of `names` for this request: those the page cache middleware
    read before the view ran, or read now (once per request and name).
    """
    stamps = request.__dict__.setdefault("page_stamps", {})
    missing = [name for name in names if name not in stamps]
    if missing:
        stamps.update(generations.current(missing))
    return {name: stamps[name] for name in names}


def memoised(request, name, build, depends=(generations.LISTS,)):
    """
    `build()`'s result for this request, from the cache when it was built
    under the same stamps of `depends` and no scheduled moment has passed
    since. With the cache or the stamps unreachable it is simply built.
    """
    # PAGE_CACHE off means nothing rendered is kept: every page is built in full.
    if request is None or not settings.PAGE_CACHE:
        return build()
    now = timezone.now()
    try:
        stamps = request_stamps(request, [generations.LISTS, *depends])
        key = PREFIX + name + ":" + ":".join(stamps[dependency] for dependency in sorted(stamps))
        found = cache.get(key)
    except Exception as exc:
        logger.debug("Page memo unavailable for %s: %s", name, exc)
        return build()
    if found is not None:
        value, valid_until = found
        if valid_until is None or now < valid_until:
            return value
    value = build()
    try:
        cache.set(key, (value, events.next_change(now, stamps[generations.LISTS])), TIMEOUT)
    except Exception as exc:
        logger.debug("Page memo not stored for %s: %s", name, exc)
    return value
