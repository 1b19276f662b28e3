"""
reverse(), remembered. Working out an address from its view name walks the
URL patterns and quotes the arguments, about 13 µs each time, and a reader
page asks for three dozen (the menu, byline, topics, related stories). The
answer depends only on the name, the arguments, the URL configuration and
the script prefix, so it is kept per process under all four.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def path_to(viewname, **kwargs):
    """What reverse(viewname, kwargs=kwargs) returns, without walking the URL patterns again."""
    return _reversed(viewname, tuple(kwargs.items()), get_script_prefix(), get_urlconf())


# Reader pages name a few thousand addresses between them; the least used are dropped.
@functools.lru_cache(maxsize=8192)
def _reversed(viewname, kwargs, script_prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget_on_new_urlconf(setting, **kwargs):
    # Tests may swap the URL configuration for another one with the same name.
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
