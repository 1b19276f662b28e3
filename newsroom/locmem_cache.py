"""
Django's local-memory cache, minus two costs on every cache hit of a page.

- Django pickles every value it keeps and unpickles it on every get, so
  that no caller can change what another gets. A cached page (with its
  headers, stamps and expiry) took 9 µs to unpickle, a fifth of a whole hit
  answered in front of Django (articles/pagecache/wsgi.py). Values whose
  class says they are never changed once made (Unchanging) are kept as they
  are and handed out as they are; everything else is pickled as before.
- Every key is checked for characters memcached would refuse, a character
  at a time in Python (3 µs for a page key); plain printable ASCII keys, all
  of ours, are passed by a single test, anything else by Django's check.

settings.py uses this backend for a locmemcache:// CACHE_URL (the default).
"""

import pickle

from django.core.cache.backends import locmem
from django.core.cache.backends.base import DEFAULT_TIMEOUT

# memcached's limit, which Django's check warns about.
LONGEST_KEY = 250


class Unchanging:
    """
    A base class promising that an instance and everything it holds is
    never changed once made, so one instance may be shared by every thread
    of the process.
    """

    __slots__ = ()


class LocMemCache(locmem.LocMemCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not isinstance(value, Unchanging):
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return stored if isinstance(stored, Unchanging) else pickle.loads(stored)

    def validate_key(self, key):
        # No character below "!" nor DEL, and not too long: nothing to warn about.
        if len(key) <= LONGEST_KEY and key.isascii() and key.isprintable() and " " not in key:
            return
        super().validate_key(key)
