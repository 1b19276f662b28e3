"""Public, absolute addresses: always from SITE_URL, never from the request's Host header."""

import functools
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.encoding import iri_to_uri
from django.utils.http import RFC3986_SUBDELIMS


def absolute(path):
    """The public address of a site path (an address that is already absolute is kept)."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return iri_to_uri(path)
    return settings.SITE_URL + iri_to_uri(path)


# A slug's path is reverse()'s result for it: the route's prefix and suffix
# around the quoted slug. reverse() matched the pattern afresh each time
# (some 8 µs), and a front page asks for about eighty addresses.
SLUG_MARKER = "slug-marker-0"


@functools.lru_cache(maxsize=64)
def _slug_route(name, script_prefix, urlconf):
    head, _marker, tail = reverse(name, kwargs={"slug": SLUG_MARKER}, urlconf=urlconf).partition(SLUG_MARKER)
    return head, tail


def slug_path(name, slug):
    """reverse(name, kwargs={"slug": slug}) for a URL whose only argument is a str slug, from its route."""
    slug = str(slug)
    if not slug or "/" in slug:
        return reverse(name, kwargs={"slug": slug})  # Django's own answer, or its NoReverseMatch.
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _slug_route(name, get_script_prefix(), urlconf)
    return head + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + tail
