"""Presence lives in the shared cache: local memory in development, Redis across processes in production."""

import subprocess
import sys
import time
import uuid

import pytest
from django.core.cache import caches

from articles.editorial import presence
from tests.factories import make_article

REDIS_URL = "redis://127.0.0.1:6379/3"


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
        return True
    except Exception:
        return False


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    # A key prefix of its own rather than clear(): on Redis that would be
    # FLUSHDB, under the feet of tests running beside this one (pytest -n).
    prefix = f"presence-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        if not redis_available():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": prefix}}
    yield request.param
    if request.param == "redis":
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_people_appear_and_leave(cache_backend, editor, chief):
    article = make_article("draft")
    presence.ping(article.pk, editor, "Hendra (Editor)")
    presence.ping(article.pk, chief, "Ratna (Chief editor)")
    assert [name for name, _since in presence.present(article.pk, exclude_user=chief)] == ["Hendra (Editor)"]
    assert presence.present_on_many([article.pk], exclude_user=editor)[article.pk][0][0] == "Ratna (Chief editor)"
    presence.leave(article.pk, editor)
    assert presence.present(article.pk, exclude_user=chief) == []


# Slow: it waits on the real clock for the entries to expire (1.05 s on Redis, whose lifetimes are whole seconds).
@pytest.mark.slow
def test_an_entry_expires_when_pings_stop(cache_backend, editor, monkeypatch):
    # Redis keeps whole seconds; local memory keeps fractions, so its run waits less.
    expires = 1 if cache_backend == "redis" else 0.3
    monkeypatch.setattr(presence, "EXPIRES_SECONDS", expires)
    article = make_article("draft")
    presence.ping(article.pk, editor, "Hendra (Editor)")
    assert [name for name, _since in presence.present(article.pk)] == ["Hendra (Editor)"]
    # The entries were written before this line: waiting their lifetime is enough.
    time.sleep(expires + 0.05)
    assert presence.present(article.pk) == []


@pytest.mark.slow
def test_a_ping_from_another_process_is_seen_through_redis(settings, editor):
    if not redis_available():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    caches["default"].clear()
    article = make_article("draft")
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings'); django.setup();"
        "from types import SimpleNamespace; from articles.editorial import presence;"
        f"presence.ping({article.pk}, SimpleNamespace(pk=999), 'Proses lain (Editor)')"
    )
    import os

    from django.conf import settings as live

    env = {**os.environ, "CACHE_URL": REDIS_URL, "SECRET_KEY": "x"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=str(live.BASE_DIR))
    names = [name for name, _since in presence.present(article.pk)]
    caches["default"].clear()
    assert names == ["Proses lain (Editor)"]
