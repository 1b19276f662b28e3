"""
Telling a shared cache in front (a CDN, Varnish) what changed.

Off unless PAGE_CACHE_PURGE_URL is set. Each page's response names its
generations as surrogate keys (``Surrogate-Key`` and Varnish xkey's ``xkey``
headers); after a change commits, one ``PURGE`` request to that URL carries
the changed keys in both header spellings. The request runs in a thread of
its own with a short timeout: a slow or absent cache in front must never hold
up an editor's save. Without the setting, pages tell shared caches to
revalidate every time instead (see policy.py).
"""

import logging
import threading
import urllib.request
from urllib.parse import quote

from django.conf import settings

logger = logging.getLogger(__name__)


def surrogate_key(name):
    """A generation's name as a header-safe token: "article:banjir-ñ" -> "article-banjir-%C3%B1"."""
    return quote(name.replace(":", "-"), safe="-_.~%")


def _send(url, keys):
    request = urllib.request.Request(url, method="PURGE", headers={"Surrogate-Key": keys, "xkey-purge": keys})
    try:
        with urllib.request.urlopen(request, timeout=settings.PAGE_CACHE_PURGE_TIMEOUT):
            pass
    except Exception as exc:
        logger.warning("Page cache: purge of %s at %s failed (%s)", keys, url, exc)


def purge_shared_caches(names):
    url = settings.PAGE_CACHE_PURGE_URL
    if not url:
        return
    keys = " ".join(sorted(surrogate_key(name) for name in names))
    # Not a daemon thread: a command that changes articles (an import) and
    # exits at once still sends its purge, within the timeout, before it ends.
    threading.Thread(target=_send, args=(url, keys)).start()
