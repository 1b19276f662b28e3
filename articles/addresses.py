"""Public, absolute addresses: always from SITE_URL, never from the request's Host header."""

import re

from django.conf import settings
from django.utils.encoding import iri_to_uri

# A path iri_to_uri() returns unchanged (most are: reverse() quoted them): the test is cheaper than its quote().
_URI_AS_IS = re.compile(r"[A-Za-z0-9_.~/-]*")


def absolute(path):
    """The public address of a site path (an address that is already absolute is kept)."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return iri_to_uri(path)
    return settings.SITE_URL + (path if _URI_AS_IS.fullmatch(path) else iri_to_uri(path))
