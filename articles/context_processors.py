from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Section


def site(request):
    """The outlet's name and address, and its sections for the menu (queried only if a template asks)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
    }
