from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

from . import redirects
from .addresses import article_slug_at


class OldAddressMiddleware:
    """
    Gives a second chance to requests that ended in 404:

    - the address (or the address it redirects to) is a story taken down
      under the guideline: 410 Gone with the removal notice, at the story's
      last address and at every older one alike;
    - an address in the redirect table: 301 to the current one (one hop:
      the table is kept collapsed).

    It replaces django.contrib.redirects' RedirectFallbackMiddleware, and
    also ignores a query string the table does not know (tracking
    parameters on old links). Runs for 404s only, so live pages pay nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        redirect = redirects.lookup(request)
        takedown = takedown_at(redirect.new_path if redirect else escape_uri_path(request.path))
        if takedown is not None:
            from .views import gone

            return gone(request, takedown)
        if redirect is None:
            return response
        if not redirect.new_path:
            return HttpResponseGone()
        return HttpResponsePermanentRedirect(redirect.new_path)


def takedown_at(path):
    """The Takedown of the story at `path`, or None."""
    from .models import Takedown

    slug = article_slug_at(path)
    if slug is None:
        return None
    return Takedown.objects.filter(article__slug=slug).first()
