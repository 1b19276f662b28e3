from .events import current_request


class AccountSecurityMiddleware:
    """Make the request known to account-event handlers (events.current_request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
