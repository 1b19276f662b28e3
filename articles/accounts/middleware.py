from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from . import sessions, twofactor
from .events import current_request


class SessionRefreshMiddleware:
    """
    After SessionMiddleware and AuthenticationMiddleware: keeps a signed-in
    session alive while it is used (articles/accounts/sessions.py says why
    not on every request). Readers are never touched: without a session
    cookie nothing is read, so their pages vary on nothing more.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not session.modified
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            sessions.refresh(session)
        return response


class AccountSecurityMiddleware:
    """
    After AuthenticationMiddleware and django-otp's OTPMiddleware.

    Makes the request known to account-event handlers (events.current_request),
    and holds a signed-in user who still owes the second step of two-factor
    authentication: in the admin they are sent to it (or to set it up, where
    their role requires it); elsewhere they are treated as a reader, so a
    stolen password alone shows no draft.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.hold(request) or self.get_response(request)
        finally:
            current_request.reset(token)

    def hold(self, request):
        if not settings.TWO_FACTOR_ENFORCED or not twofactor.needs_second_step(request.user):
            return None
        path = request.path_info
        open_paths = (
            reverse("accounts:overview"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
            reverse("set_language"),
            settings.STATIC_URL,
        )
        if path.startswith(open_paths):
            return None
        if path.startswith(reverse("admin:index")):
            step = "accounts:verify" if twofactor.is_enrolled(request.user) else "accounts:setup"
            return redirect(f"{reverse(step)}?next={quote(request.get_full_path())}")
        request.user = AnonymousUser()
        return None
