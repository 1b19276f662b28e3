"""
The client's address behind a reverse proxy.

Django sees the proxy's address in REMOTE_ADDR. With TRUSTED_PROXY_COUNT=N
(the number of proxies in front of gunicorn that append to
X-Forwarded-For), the client is the N-th address from the right of that
header: anything further left was written by the client and can be forged.
REMOTE_ADDR is replaced with it, so login throttling, the audit log and the
logs all see the same, real address. With the default 0 the header is
ignored entirely.
"""

from ipaddress import ip_address

from django.conf import settings


def forwarded_client(header, proxies):
    """The trustworthy client address in an X-Forwarded-For value, or None."""
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if proxies <= 0 or len(hops) < proxies:
        return None
    candidate = hops[-proxies]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return None


class ForwardedClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if proxies := settings.TRUSTED_PROXY_COUNT:
            client = forwarded_client(request.META.get("HTTP_X_FORWARDED_FOR", ""), proxies)
            if client:
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
