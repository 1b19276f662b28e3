"""
Response headers that contain the damage a missed escape or a hostile page
could do, beyond what Django's SecurityMiddleware and CSP middleware set.

Content-Security-Policy itself is Django's (SECURE_CSP in settings); this
module adds the headers Django has no setting for.
"""

from urllib.parse import urlsplit

from django.utils.csp import CSP

# Features no page of ours uses. An empty allow-list turns each off for the
# page and for anything it frames; interest-cohort (FLoC) and browsing-topics
# keep readers out of the browser's ad-interest profiling.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# Documents are never meant to be read by another origin's scripts; images,
# feeds and static files are (feed readers, link previews), so they keep the
# browser's default.
DOCUMENT_TYPES = ("text/html", "application/json", "application/ld+json")


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; CORP same-origin on documents."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith(DOCUMENT_TYPES):
            response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def origin_of(url):
    """scheme://host[:port] of an absolute URL, or None for a site-relative one."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def content_security_policy(site_url, media_url, static_url):
    """
    The one policy for every page, readers' and admin alike.

    Reader pages carry no script at all; the admin's scripts are files from
    our own origin, so 'self' plus a per-response nonce (only emitted when a
    template asks for one) is all that script-src needs. No 'unsafe-inline'
    and no 'unsafe-eval' anywhere. Media and static files may live on object
    storage or a CDN host of our own; their origins are added where needed.
    """
    static_origin = [origin_of(static_url)] if origin_of(static_url) else []
    media_origin = [origin_of(media_url)] if origin_of(media_url) else []
    files = sorted(set(static_origin + media_origin))
    policy = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE, *static_origin],
        "style-src": [CSP.SELF, *static_origin],
        "img-src": [CSP.SELF, *files],
        "font-src": [CSP.SELF, *static_origin],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.SELF],
        "form-action": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
    }
    if site_url.startswith("https://"):
        policy["upgrade-insecure-requests"] = True
    return policy
