"""
reverse() and static(), remembered (and a slug's path from its route). Working out an address from its view
name walks the URL patterns and quotes the arguments, about 13 µs each time,
and a reader page asks for three dozen (the menu, byline, topics, related
stories, the footer); a static file's address takes the manifest lookup and
a URL join, about 10 µs. The answers depend only on the arguments, the URL
configuration, the script prefix and the static files settings, so they are
kept per process under those.
"""

import functools
import html
import re
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS


def path_to(viewname, **kwargs):
    """What reverse(viewname, kwargs=kwargs) returns, without walking the URL patterns again."""
    return _reversed(viewname, tuple(kwargs.items()), get_script_prefix(), get_urlconf())


# Reader pages name a few thousand addresses between them; the least used are dropped.
@functools.lru_cache(maxsize=8192)
def _reversed(viewname, kwargs, script_prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


# A slug's path is reverse()'s result for it: the route's prefix and suffix
# around the quoted slug. reverse() matched the pattern afresh each time
# (some 8 µs), and a front page asks for about eighty addresses.
SLUG_MARKER = "slug-marker-0"


@functools.lru_cache(maxsize=64)
def _slug_route(name, script_prefix, urlconf):
    head, _marker, tail = reverse(name, kwargs={"slug": SLUG_MARKER}, urlconf=urlconf).partition(SLUG_MARKER)
    return head, tail


# What quote() leaves as it is whatever `safe` says; most slugs are only this.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]+")


def slug_path(name, slug):
    """reverse(name, kwargs={"slug": slug}) for a URL whose only argument is a str slug, from its route."""
    slug = str(slug)
    if not slug or "/" in slug:
        return reverse(name, kwargs={"slug": slug})  # Django's own answer, or its NoReverseMatch.
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _slug_route(name, get_script_prefix(), urlconf)
    if _UNQUOTED.fullmatch(slug):
        return head + slug + tail
    return head + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + tail


def slug_paths(name):
    """
    slug_path(name, …) as a function of the slug alone, its route looked up
    once: a list of cards asks for some eighty addresses, and each look-up
    of the URL configuration and script prefix goes through a context-local.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _slug_route(name, get_script_prefix(), urlconf)

    def path(slug):
        slug = str(slug)
        if slug and _UNQUOTED.fullmatch(slug):
            return head + slug + tail
        return slug_path(name, slug)

    return path


def escaped_slug_paths(name):
    """
    html.escape(slug_path(name, slug)) as a function of the slug alone, for
    an attribute: the route's ends are escaped once, and a plain slug has
    nothing to escape (the news index writes 200 addresses a page).
    """
    path = slug_paths(name)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = (html.escape(end) for end in _slug_route(name, get_script_prefix(), urlconf))

    def escaped(slug):
        if type(slug) is str and _UNQUOTED.fullmatch(slug):
            return head + slug + tail
        return html.escape(path(slug))

    return escaped


def static_path(name):
    """What static(name) returns: the address of a static file (its hashed name in production)."""
    return _static(name, get_script_prefix())


# A failure (a file missing from the manifest) raises every time: only answers are kept.
@functools.lru_cache(maxsize=256)
def _static(name, script_prefix):
    return static(name)


@receiver(setting_changed)
def _forget_on_new_settings(setting, **kwargs):
    # Tests may swap the URL configuration or the static files storage.
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
        _slug_route.cache_clear()
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS"):
        _static.cache_clear()
