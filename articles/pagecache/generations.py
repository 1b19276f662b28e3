"""
Generations: the version stamps that make cached pages never stale.

Every cached page names the generations it was rendered under (see
middleware.py), read *before* the page touched the database. A change bumps
the generations it affects once its transaction commits; the next lookup of
a page finds a stamp that no longer matches and renders afresh. So a page is
never served from an older state than the last committed change, and there is
no lifetime to hope is short enough.

There are two kinds:
- ``lists``: every list of stories and everything shared by all pages
  (front page, sections, topics, people, the index, feeds, sitemaps, search,
  the related-stories box, the navigation, curation). Article pages depend on
  it too, since they show related stories.
- ``article:<slug>``: one article's own page. A fix to the body of a live
  story bumps only this (and ``search``), so the rest of the site stays cached.
- ``search``: search result pages, which quote the text of the stories; bumped
  whenever a published story's search document is rewritten.
- ``popular``: pages with the "Most read" block (front page, articles); bumped
  when the ranking is recomputed and has changed (articles/popular/).

A stamp is a random token, not a counter: a stamp evicted from the cache is
simply replaced by a new one, which invalidates every page that used the old.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

PREFIX = "pc:gen:"
LISTS = "lists"
SEARCH = "search"
POPULAR = "popular"
# Stamps outlive any page that names them; a missing stamp is not an error.
STAMP_TIMEOUT = 30 * 24 * 3600


def article_key(slug):
    """An article page's stamp, by slug: the page is looked up by its address."""
    return f"article:{slug}"


def _new_stamp():
    return secrets.token_hex(6)


def keys(names):
    return [PREFIX + name for name in names]


def current(names, found=None):
    """
    The stamps of `names`, creating any that are missing. `found` may hold
    the result of a get_many() that already fetched them with something else.
    Raises whatever the cache raises when it is unreachable; the middleware
    treats that as a miss and renders uncached.
    """
    keys = {PREFIX + name: name for name in names}
    if found is None:
        found = cache.get_many(list(keys))
    found = {key: found[key] for key in keys if key in found}
    missing = {key: _new_stamp() for key in keys if key not in found}
    if missing:
        for key, stamp in missing.items():
            # add(): a concurrent request may have made the stamp first.
            if not cache.add(key, stamp, STAMP_TIMEOUT):
                stamp = cache.get(key) or stamp
            found[key] = stamp
    return {keys[key]: stamp for key, stamp in found.items()}


def _bump_now(names, *, purge=False):
    try:
        cache.set_many({PREFIX + name: _new_stamp() for name in names}, STAMP_TIMEOUT)
    except Exception:
        # With the cache unreachable nothing can be served from it either; the
        # stamps that come back when it does are new, since these are missing.
        logger.warning("Page cache: could not bump %s; the cache is unreachable", ", ".join(sorted(names)))
    if purge:
        from .purge import purge_shared_caches

        purge_shared_caches(names)


def bump(*names):
    """
    Mark `names` changed: at once, and again when the current transaction
    commits. The second bump is the one that matters: a reader who rendered
    the old rows between the first bump and the commit stored them under the
    first stamp, which the commit replaces. The first makes a change visible
    to the writer's own later requests inside the transaction (and to tests,
    whose transactions never commit); a rollback costs one needless miss.
    """
    names = set(names)
    if names:
        _bump_now(names)
        transaction.on_commit(lambda: _bump_now(names, purge=True), robust=True)


def bump_article(*slugs, lists=True):
    """An article changed: its page (at each address given), and unless told otherwise every list."""
    bump(*(article_key(slug) for slug in slugs if slug), *([LISTS] if lists else []))
