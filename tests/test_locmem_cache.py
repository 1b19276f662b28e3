"""
Our local-memory cache backend (newsroom/locmem_cache.py): cached pages
are handed out as they were stored, everything else is still a copy, and
pages expire, are evicted and cleared like any entry.
"""

import dataclasses
import time
import warnings

import pytest
from django.core.cache import CacheKeyWarning

from articles.pagecache.middleware import CachedPage
from newsroom.locmem_cache import LocMemCache


@pytest.fixture
def cache():
    backend = LocMemCache("test-locmem-cache", {"OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 3}})
    backend.clear()
    yield backend
    backend.clear()


def page(content=b"<p>Berita</p>"):
    return CachedPage(
        status=200,
        headers=(("Content-Type", "text/html; charset=utf-8"),),
        content=content,
        stamps={"lists": "abc"},
        valid_until=None,
        etag='"e"',
        last_modified=0,
    )


def test_other_values_are_copies(cache):
    menu = ["Ekonomi", "Politik"]
    cache.set("menu", menu)
    menu.append("Olahraga")
    got = cache.get("menu")
    got.append("Hiburan")
    assert cache.get("menu") == ["Ekonomi", "Politik"]


def test_a_page_is_handed_out_as_stored_and_cannot_be_changed(cache):
    stored = page()
    cache.set("page", stored)
    got = cache.get_many(["page", "missing"])
    assert got == {"page": stored} and got["page"] is stored
    with pytest.raises(dataclasses.FrozenInstanceError):
        got["page"].content = b"<p>Lain</p>"


def test_pages_expire_and_are_evicted_and_cleared(cache):
    cache.set("short", page(), timeout=0.05)
    time.sleep(0.1)
    assert cache.get("short") is None
    for n in range(5):
        cache.set(f"page-{n}", page())
    assert cache.get("page-4") is not None and cache.get("page-0") is None  # MAX_ENTRIES 3: the oldest went.
    cache.delete("page-4")
    assert cache.get("page-4") is None
    cache.set("page", page())
    cache.clear()
    assert cache.get("page") is None


def test_keys_memcached_would_refuse_still_warn(cache):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cache.get("pc:page:2:0123456789abcdef")  # Ours: no warning.
    for key in ("with space", "tab\there", "x" * 251):
        with pytest.warns(CacheKeyWarning):
            cache.get(key)
