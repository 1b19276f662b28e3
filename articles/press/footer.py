"""
The flat pages every footer links to, kept in the cache so a page view costs
no query for them. Any change to a flat page (or to the sites it is on)
drops the cached list: FlatPage is contrib's model, so signals are the one
place to hear about it (connected in PressConfig.ready()). The lifetime caps
how stale a footer can be on a per-process cache (the local-memory default
with several workers); with Redis every worker sees the change at once.
"""

import logging

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_KEY = "press:footer-pages:v1"
CACHE_SECONDS = 300


def footer_pages():
    """[{"url": ..., "title": ...}] of the site's public flat pages, by title."""
    pages = _cache_call(cache.get, CACHE_KEY)
    if pages is None:
        rows = FlatPage.objects.filter(sites=settings.SITE_ID, registration_required=False).order_by("title")
        pages = list(rows.values("url", "title"))
        _cache_call(cache.set, CACHE_KEY, pages, CACHE_SECONDS)
    return pages


def forget_footer_pages(**kwargs):
    _cache_call(cache.delete, CACHE_KEY)


def _cache_call(method, *args):
    # An unreachable cache (Redis down) must not take pages down with it:
    # the footer is then read from the database on every page.
    try:
        return method(*args)
    except Exception:
        logger.warning("Footer pages: the cache is unreachable")
        return None


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(forget_footer_pages, sender=FlatPage, dispatch_uid="press-footer-save")
    post_delete.connect(forget_footer_pages, sender=FlatPage, dispatch_uid="press-footer-delete")
    m2m_changed.connect(forget_footer_pages, sender=FlatPage.sites.through, dispatch_uid="press-footer-sites")
