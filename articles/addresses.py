"""Public, absolute addresses: always from SITE_URL, never from the request's Host header."""

from django.conf import settings
from django.utils.encoding import iri_to_uri


def absolute(path):
    """The public address of a site path (an address that is already absolute is kept)."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return iri_to_uri(path)
    return settings.SITE_URL + iri_to_uri(path)
