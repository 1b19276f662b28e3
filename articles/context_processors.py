from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Section
from .pagecache.memo import memoised
from .prepared_queries import PreparedQuery

# Every reader page shows the menu: its SQL is compiled once per process.
# What pages take from these sections (the menu, cards, "Read also", the
# index's choice) is the key, slug and name; a section's page and feed
# fetch their own, description and all.
_SECTIONS = PreparedQuery(Section, lambda: Section.objects.only("pk", "slug", "name"))


def navigation_sections(request):
    """The sections in menu order, fetched once per request however often they are asked for."""
    if not hasattr(request, "_navigation_sections"):
        request._navigation_sections = memoised(request, "sections", _SECTIONS.fetch)
    return request._navigation_sections


def site_identity():
    """What every page says about the outlet, without touching the database (the 500 page uses this alone)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_LOGO": settings.SITE_LOGO,
        "SITE_ICON": settings.SITE_ICON,
    }


def site(request):
    """The outlet's identity, and its sections for the menu (queried only if a template asks)."""
    return {
        **site_identity(),
        "nav_sections": SimpleLazyObject(lambda: navigation_sections(request)),
    }
