"""
Who has an article's change form open right now: a soft warning, not a
lock. Each open form pings every PING_SECONDS; a ping stores one cache
entry per person and article that expires after EXPIRES_SECONDS, so a
person who leaves disappears within about a minute. Works with any shared
cache backend (local memory in development, Redis across processes in
production); with local memory several processes do not see each other.

The per-article list of people is a read-modify-write on the cache and may
lose a name when two people ping at the same instant; the next ping (every
PING_SECONDS) puts it back, which is as exact as a soft warning needs.
"""

from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

PING_SECONDS = 20
EXPIRES_SECONDS = 60


def _person_key(article_pk, user_pk):
    return f"editorial:presence:{article_pk}:{user_pk}"


def _index_key(article_pk):
    return f"editorial:presence:{article_pk}"


def ping(article_pk, user, name):
    """`user` has the article open now. Returns the time they opened it."""
    key = _person_key(article_pk, user.pk)
    entry = cache.get(key)
    since = entry["since"] if entry else timezone.now().isoformat()
    cache.set(key, {"name": name, "since": since}, EXPIRES_SECONDS)
    people = set(cache.get(_index_key(article_pk)) or ())
    if user.pk not in people:
        people.add(user.pk)
    cache.set(_index_key(article_pk), sorted(people), EXPIRES_SECONDS)
    return since


def leave(article_pk, user):
    cache.delete(_person_key(article_pk, user.pk))


def present(article_pk, exclude_user=None):
    """[(name, since datetime)] of the people with the article open, but `exclude_user`."""
    people = [pk for pk in cache.get(_index_key(article_pk)) or () if exclude_user is None or pk != exclude_user.pk]
    if not people:
        return []
    entries = cache.get_many([_person_key(article_pk, pk) for pk in people])
    found = []
    for entry in entries.values():
        since = datetime.fromisoformat(entry["since"])
        found.append((entry["name"], since))
    return sorted(found, key=lambda item: item[1])


def present_on_many(article_pks, exclude_user=None):
    """{article pk: [(name, since)]} for a page of the article list, in two cache calls."""
    indexes = cache.get_many([_index_key(pk) for pk in article_pks])
    wanted = {}
    for pk in article_pks:
        for user_pk in indexes.get(_index_key(pk)) or ():
            if exclude_user is None or user_pk != exclude_user.pk:
                wanted[_person_key(pk, user_pk)] = pk
    entries = cache.get_many(list(wanted))
    found = {}
    for key, entry in entries.items():
        found.setdefault(wanted[key], []).append((entry["name"], datetime.fromisoformat(entry["since"])))
    return found
