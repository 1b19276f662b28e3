"""
The options settings.CACHES gets for its backend (as databases.py does for
DATABASES): Redis through our backend with time limits, local memory
through ours (newsroom/locmem_cache.py) with room for a small site's pages.
"""

REDIS = "django.core.cache.backends.redis.RedisCache"
LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def tune(cache, *, timeout):
    """Complete `cache` (a CACHES entry) in place; `timeout` in seconds for Redis to connect or answer."""
    if cache["BACKEND"] == REDIS:
        # Django's, minus a new redis-py client per operation (newsroom/redis_cache.py).
        cache["BACKEND"] = "newsroom.redis_cache.RedisCache"
        # A Redis that is down or hung must cost a reader's request milliseconds,
        # not the default of waiting forever: pages then render uncached.
        cache.setdefault("OPTIONS", {}).update({"socket_connect_timeout": timeout, "socket_timeout": timeout})
    elif cache["BACKEND"] == LOCAL_MEMORY:
        # Django's, minus unpickling a cached page on every hit (newsroom/locmem_cache.py).
        cache["BACKEND"] = "newsroom.locmem_cache.LocMemCache"
        # Room for the page cache of a small site; Redis is for anything bigger.
        cache.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
