from django.http import HttpResponseGone, HttpResponsePermanentRedirect

from . import redirects


class OldAddressMiddleware:
    """
    Gives a second chance to requests that ended in 404: an address in the
    redirect table answers 301 to the current one (one hop: the table is
    kept collapsed). It replaces django.contrib.redirects'
    RedirectFallbackMiddleware, and also ignores a query string the table
    does not know (tracking parameters on old links).

    Runs for 404s only, so live pages pay nothing for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        redirect = redirects.lookup(request)
        if redirect is None:
            return response
        if not redirect.new_path:
            return HttpResponseGone()
        return HttpResponsePermanentRedirect(redirect.new_path)
