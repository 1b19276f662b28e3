"""
reverse() and static(), remembered. Working out an address from its view
name walks the URL patterns and quotes the arguments, about 13 µs each time,
and a reader page asks for three dozen (the menu, byline, topics, related
stories, the footer); a static file's address takes the manifest lookup and
a URL join, about 10 µs. The answers depend only on the arguments, the URL
configuration, the script prefix and the static files settings, so they are
kept per process under those.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse


def path_to(viewname, **kwargs):
    """What reverse(viewname, kwargs=kwargs) returns, without walking the URL patterns again."""
    return _reversed(viewname, tuple(kwargs.items()), get_script_prefix(), get_urlconf())


# Reader pages name a few thousand addresses between them; the least used are dropped.
@functools.lru_cache(maxsize=8192)
def _reversed(viewname, kwargs, script_prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


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
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS"):
        _static.cache_clear()
