"""
Django's Redis cache backend, keeping one redis-py client per connection
pool instead of making a new one for every cache operation.

Django's RedisCacheClient builds `redis.Redis(connection_pool=pool)` on
every get and set. With redis-py 8 that costs 60 to 110 µs of CPU (the
client fills a table of some 170 response callbacks each time): more than
the round trip to Redis, and as much as the rest of a cached page's hit
(articles/pagecache/). A client is safe to share between threads (each
command borrows a connection from the pool), so one per pool is kept.
settings.py uses this backend for a redis:// CACHE_URL.
"""

from django.core.cache.backends import redis


class SharedClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Two threads may both make one; either will do. Pools live as
            # long as this object (self._pools), so their ids stay theirs.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
