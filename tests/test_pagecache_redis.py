"""
The page cache on a real Redis, as production runs it: every server process
shares the pages and the generation stamps. Each test gets a key prefix of
its own, so suites running side by side on one Redis never meet.
"""

import socket
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

REDIS = ("127.0.0.1", 6379)


def redis_is_up():
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_is_up(), reason="needs Redis on 127.0.0.1:6379 (.ci/run starts it)"),
]


@pytest.fixture(autouse=True)
def redis_cache(settings):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/0",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield
    import redis

    client = redis.Redis(*REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def outcome(client, path):
    response = client.get(path)
    return response.headers.get("X-Page-Cache"), response.content.decode()


def test_hit_then_withdrawal_vanishes(client, editor):
    article = make_article(headline="Kapal tenggelam di Selat Sunda", section=make_section(slug="nasional"))
    for path in (article.get_absolute_url(), "/", "/rubrik/nasional/", "/rss/"):
        assert outcome(client, path)[0] == "MISS"
        assert outcome(client, path)[0] == "HIT"
    article.unpublish(editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    for path in ("/", "/rubrik/nasional/", "/rss/"):
        state, body = outcome(client, path)
        assert state == "MISS" and "Kapal tenggelam" not in body


# Waits for the clock; test_pagecache.py runs the same story on local memory in `make test`.
@pytest.mark.slow
def test_scheduled_story_on_its_second(client, editor):
    import time

    moment = timezone.now() + timedelta(seconds=1.2)
    article = make_article("draft", headline="Pengumuman kabinet pagi ini", section=make_section())
    article.schedule(editor, moment)
    for _ in range(2):
        assert "Pengumuman kabinet" not in outcome(client, "/")[1]
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    assert "Pengumuman kabinet" in outcome(client, "/")[1]


def test_a_hit_costs_no_query_when_redis_keeps_the_stamps(client, django_assert_num_queries):
    make_article(headline="Berita dari Redis")
    assert outcome(client, "/")[0] == "MISS"
    with django_assert_num_queries(0):
        assert outcome(client, "/")[0] == "HIT"
