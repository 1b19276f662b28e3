from django.http import HttpResponsePermanentRedirect

from .addresses import FRONT_DOORS, QUERY_KEYS, front_door_path, redirect_for


class WordPressQueryAddressMiddleware:
    """
    301 for WordPress's query-string addresses (/?p=123, /?page_id=7,
    /?cat=4, /?feed=rss2, also under /index.php) that an import stored.

    Django's RedirectFallbackMiddleware only looks at answers that are 404s,
    and "/" is our front page, a 200: these addresses never reach it. Only
    GET and HEAD at the front door with one of WordPress's keys cost a
    query; every other request passes untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path in FRONT_DOORS and request.GET:
            if any(request.GET.get(key) for key in QUERY_KEYS):
                new_path = redirect_for(front_door_path("/", request.GET.items()))
                if new_path:
                    return HttpResponsePermanentRedirect(new_path)
        return self.get_response(request)
