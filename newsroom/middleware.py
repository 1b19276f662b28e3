from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """
    Activate the language the visitor chose, else LANGUAGE_CODE.

    Django's LocaleMiddleware would also follow the browser's Accept-Language,
    which would turn the Indonesian site's menus English around Indonesian
    copy for anyone with an English browser. Here only an explicit choice
    (the language cookie set by Django's set_language view, offered in the
    admin) switches the interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
