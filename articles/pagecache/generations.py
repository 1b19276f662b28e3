"""
Generations: the version stamps that make cached pages never stale.

Every cached page names the generations it was rendered under (see
middleware.py), read *before* the page touched the database. A change bumps
the generations it affects (see bump() for when); the next lookup of
a page finds a stamp that no longer matches and renders afresh. So a page is
never served from an older state than the last committed change, and there is
no lifetime to hope is short enough.

The generations:
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

import functools
import logging
import secrets

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.dispatch import receiver

logger = logging.getLogger(__name__)

PREFIX = "pc:gen:"
PROCESS_LOCAL = (LocMemCache, DummyCache)
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


@functools.cache
def _shared_cache():
    """True when the cache is shared by every server process (Redis, memcached, a database cache)."""
    # Asked twice a hit; the backend's class is fixed by the settings.
    return not isinstance(caches["default"], PROCESS_LOCAL)


@receiver(setting_changed)
def _forget_the_backend(setting, **kwargs):
    if setting == "CACHES":  # Tests swap the cache.
        _shared_cache.cache_clear()


def keys(names):
    """The cache keys to fetch along with a page, when stamps live in the cache."""
    return [PREFIX + name for name in names] if _shared_cache() else []


def current(names, found=None):
    """
    The stamps of `names`. With a shared cache they live there (`found` may
    hold a get_many() that fetched them along with the page); a missing one
    was evicted, and gets a new random stamp. With a cache of this process
    alone (local memory, the embedded default) other processes could not see
    a bump there, so stamps live in the database: one small query per page,
    and a bump is part of the change's own transaction.
    Raises whatever the cache or database raises when unreachable; the
    middleware then renders uncached.
    """
    if not _shared_cache():
        return _read_database(names)
    keys = {PREFIX + name: name for name in names}
    if found is None:
        found = cache.get_many(list(keys))
    found = {key: found[key] for key in keys if key in found}
    for key in keys:
        if key not in found:
            stamp = _new_stamp()
            # add(): a concurrent request may have made the stamp first.
            if not cache.add(key, stamp, STAMP_TIMEOUT):
                stamp = cache.get(key) or stamp
            found[key] = stamp
    return {keys[key]: stamp for key, stamp in found.items()}


def _read_database(names):
    """
    The stamps of `names` as a dict, "" for one never bumped. Plain SQL: this
    runs on every cache hit with local memory, and building the ORM query
    took longer than the query itself (more than half of a hit's time). On
    SQLite, straight on the driver's connection once Django has opened it
    (Django's cursor wrapper cost more than the query again), and remembered
    while the database is unchanged (_read_sqlite). Not while queries are
    being recorded (DEBUG, tests counting them), so they still see it; and
    never on PostgreSQL, where the wrapper's record of an error is what makes
    Django replace a dead connection.
    """
    connection = connections[DEFAULT_DB_ALIAS]  # Once: each use of django.db.connection looks it up again.
    if connection.vendor == "sqlite" and connection.connection is not None and not connection.queries_logged:
        return _read_sqlite(connection, names)
    with connection.cursor() as cursor:
        cursor.execute(_select_sql(len(names), "%s"), list(names))
        stored = dict(cursor.fetchall())
    return {name: stored.get(name, "") for name in names}


def _read_sqlite(connection, names):
    """
    The stamps of `names` on SQLite, kept per connection for as long as
    nothing has changed the database since they were read. SQLite says so
    itself: `PRAGMA data_version` changes when any other connection, of this
    process or another, has committed since this one last asked, and the
    driver's total_changes counts every row this connection wrote, committed
    or rolled back. Both are read before the stamps, so a commit landing
    during the read makes the next hit read again. The pragma costs less
    than half the query (2.6 against 6.5 µs, both taking SQLite's locks).
    Inside a transaction nothing is kept or used: it may see its own
    uncommitted stamps, or be rolled back.
    """
    raw = connection.connection
    if raw.in_transaction:
        stored = dict(raw.execute(_select_sql(len(names), "?"), names).fetchall())
        return {name: stored.get(name, "") for name in names}
    version = (raw, raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes)
    kept = connection.__dict__.get(KEPT_STAMPS)
    if kept is None or kept[0] != version:
        kept = (version, {})
        setattr(connection, KEPT_STAMPS, kept)
    known = kept[1]
    missing = [name for name in names if name not in known]
    if missing:
        if len(known) > KEPT_MOST:
            known.clear()
        stored = dict(raw.execute(_select_sql(len(missing), "?"), missing).fetchall())
        known.update((name, stored.get(name, "")) for name in missing)
    return {name: known[name] for name in names}


# The attribute of Django's connection (one per thread) where _read_sqlite keeps its stamps;
# a quiet site read through its whole archive keeps no more than this many.
KEPT_STAMPS = "pagecache_kept_stamps"
KEPT_MOST = 1000


@functools.cache
def _select_sql(count, placeholder):
    from .models import Generation

    return f'SELECT name, stamp FROM "{Generation._meta.db_table}" WHERE name IN ({", ".join([placeholder] * count)})'


def _write_database(names):
    from .models import Generation

    Generation.objects.bulk_create(
        [Generation(name=name, stamp=_new_stamp()) for name in names],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["stamp"],
    )


def _write_cache(names):
    try:
        cache.set_many({PREFIX + name: _new_stamp() for name in names}, STAMP_TIMEOUT)
    except Exception:
        # Readers cannot reach it either, and serve uncached meanwhile.
        logger.warning("Page cache: could not bump %s; the cache is unreachable", ", ".join(sorted(names)))


def _after_commit(names):
    if _shared_cache():
        _write_cache(names)
    from .purge import purge_shared_caches

    purge_shared_caches(names)


def bump(*names):
    """
    Mark `names` changed. In the database (local-memory cache): inside the
    change's own transaction, so readers see the new stamp exactly when they
    see the change. In a shared cache: at once, and again when the
    transaction commits. That second bump is the one that matters: a reader
    who rendered the old rows between the first bump and the commit stored
    them under the first stamp, which the commit replaces. The first makes
    the change visible to the writer's own requests inside the transaction
    (and to tests, whose transactions never commit).
    """
    names = set(names)
    if not names:
        return
    if _shared_cache():
        _write_cache(names)
    else:
        _write_database(names)
    transaction.on_commit(lambda: _after_commit(names), robust=True)


def bump_article(*slugs, lists=True):
    """An article changed: its page (at each address given), and unless told otherwise every list."""
    bump(*(article_key(slug) for slug in slugs if slug), *([LISTS] if lists else []))
