"""
The frame every reader page shares (the head's links, the masthead with its
search form, the section menu, the footer), each rendered once per process
for every language and every set of values it shows, then reused.

These parts cost some 0.4 ms a page as templates (a translation, a route or
a static file's address per tag, a menu entry per section), and nothing in
them belongs to the page or the reader. Each part's template gets the site's
identity (settings) and the values named here, nothing else: no request, no
user, no page variable can leak into HTML another page reuses. The values
are the key, so a renamed section or a new flat page is a new key and shows
at once; nothing expires and nothing is ever stale. The templates stay in
templates/includes/ (the markup is theirs); base.html places them.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from .context_processors import site_identity
from .paths import slug_paths

# Languages × menus (a current section each) × footers: a few dozen in use;
# past this many (sections renamed over and over) all are dropped and rebuilt.
LIMIT = 512
_kept = {}


def kept(template_name, **values):
    """`template_name` rendered with the site's identity and `values` (hashable), once per language and values."""
    key = (template_name, get_language(), *sorted(values.items()))
    html = _kept.get(key)
    if html is None:
        html = SafeString(render_to_string(template_name, {**site_identity(), **values}))
        if len(_kept) >= LIMIT:
            _kept.clear()
        _kept[key] = html
    return html


def head_links():
    """Style sheet, icons, theme colours and the site's feed, for <head>."""
    return kept("includes/head_links.html")


def masthead(search_query=""):
    """The skip link, the brand and the search form (showing the search page's query)."""
    if search_query:
        # A reader's own words: rendered for this page alone, never kept.
        return SafeString(render_to_string("includes/masthead.html", {**site_identity(), "search_query": search_query}))
    return kept("includes/masthead.html")


def section_nav(sections, current_section=None, day=None):
    """The menu: each section's address and name, marking the page's own section (or the index on a day's index)."""
    path = slug_paths("articles:section")  # Section.get_absolute_url(), its route looked up once.
    current = getattr(current_section, "pk", None) if current_section else None  # "" when the page has none.
    entries = tuple((path(section.slug), section.name, section.pk == current) for section in sections)
    return kept("includes/section_nav.html", sections=entries, on_index=bool(day))


def footer_links(request):
    """The footer's list of links; the 500 page has no request and shows no flat pages (no database)."""
    if request is None:
        return kept("includes/footer_links.html")
    from .press.footer import footer_pages

    pages = tuple((page["url"], page["title"]) for page in footer_pages())
    return kept("includes/footer_links.html", pages=pages)


def default_description():
    """A page's description when it has none of its own (a blocktranslate in base.html cost more)."""
    return gettext("Latest news from %(SITE_NAME)s") % {"SITE_NAME": settings.SITE_NAME}


def copyright_year():
    """The year for the footer's copyright line, as {% now "Y" %} gave it (the current time zone's)."""
    return timezone.localtime().year


@receiver(setting_changed)
def _forget_on_new_settings(**kwargs):
    # Tests change the site's name, URLs, static files or languages: render afresh.
    _kept.clear()
