"""
Template filters and tags for the readers' site: Indonesian dates, absolute
URLs, bylines grouped by role, the dateline and JSON-LD.
"""

import json
from datetime import datetime, timedelta

from django import template
from django.conf import settings
from django.http import QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..plaintext import strip_controls

register = template.Library()

# Readers here expect these names whatever language the interface is in, so
# they are fixed rather than taken from the active translation.
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# Indonesia's three time zones are named by their offset; anything else
# falls back to the zone's own abbreviation.
ZONE_NAMES = {timedelta(hours=7): "WIB", timedelta(hours=8): "WITA", timedelta(hours=9): "WIT"}


def _local(value):
    if not isinstance(value, datetime):
        return None
    return timezone.localtime(value) if timezone.is_aware(value) else value


def zone_name(value):
    offset = value.utcoffset()
    return ZONE_NAMES.get(offset, value.tzname() or "")


@register.filter
def long_date(value):
    """ "Jumat, 27 November 2026 10:15 WIB" in the site's time zone."""
    local = _local(value)
    if local is None:
        return ""
    return (
        f"{WEEKDAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year} "
        f"{local:%H:%M} {zone_name(local)}"
    ).strip()


@register.filter
def short_date(value):
    """ "27 November 2026, 10:15 WIB": for lists, where the weekday is noise."""
    local = _local(value)
    if local is None:
        return ""
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M} {zone_name(local)}".strip()


@register.filter
def day_date(value):
    """ "Jumat, 27 November 2026" for a date (the index page's heading)."""
    if isinstance(value, datetime):
        value = _local(value).date()
    if value is None or value == "":
        return ""
    return f"{WEEKDAYS[value.weekday()]}, {value.day} {MONTHS[value.month - 1]} {value.year}"


@register.filter
def iso_datetime(value):
    """ISO 8601 with the local offset ("2026-11-27T10:15:00+07:00") for <time> and JSON-LD."""
    local = _local(value)
    return local.isoformat(timespec="seconds") if local else ""


@register.filter
def absolute(path):
    """The public address of a site path, from SITE_URL (never from the request's Host)."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return iri_to_uri(path)
    return settings.SITE_URL + iri_to_uri(path)


@register.filter
def byline_groups(contributions):
    """
    Contributions grouped by role in byline order:
    [("Penulis", [person, person]), ("Editor", [person])].
    Works on prefetched rows, so it costs no query.
    """
    groups = {}
    for contribution in contributions:
        groups.setdefault(contribution.role, (contribution.get_role_display(), []))[1].append(contribution.person)
    return list(groups.values())


@register.filter
def with_dateline(body, dateline):
    """
    The body with "JAKARTA, Wartakum News –" opening its first paragraph, as
    wire copy reads. The body was cleaned against the allow-list when it was
    saved (articles/sanitize.py); the dateline is escaped here.
    """
    body = body or ""
    if not dateline:
        return mark_safe(body)
    lead = format_html('<span class="dateline">{}, {}</span> –&nbsp;', dateline.upper(), settings.SITE_NAME)
    if body.startswith("<p>"):
        return mark_safe(f"<p>{lead}{body[3:]}")
    return mark_safe(f"<p>{lead}</p>{body}")


@register.filter
def xml_text(text):
    """Text for an XML document (sitemaps): without the control characters XML 1.0 forbids."""
    return strip_controls(text)


# json.dumps leaves these as they are; inside <script> they could close the
# element or start a comment, so they are written as \u escapes instead.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> block that no string in `data` can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def pagination_links(context, page_obj):
    """
    Numbered links for a page of a list: first and last, two either side of
    the current one, ellipses between. Links keep the query's other
    parameters (a search term, the index's day) and drop "page" for page 1,
    so the first page has one address.
    """
    request = context.get("request")
    path = escape_uri_path(request.path) if request else ""
    base = request.GET.copy() if request else QueryDict(mutable=True)
    base.pop("page", None)

    def url(number):
        params = base.copy()
        if number > 1:
            params["page"] = number
        query = params.urlencode()
        return f"{path}?{query}" if query else path or "?"

    paginator = page_obj.paginator
    pages = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "url": url(number), "current": number == page_obj.number}
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
    return {
        "pages": pages,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
    }


# Byline roles that make someone an author in structured data and feeds;
# editors, photographers and translators are credited on the page but did
# not write the story.
AUTHOR_ROLES = ("writer", "contributor")


def authors_of(article):
    """The people who wrote `article` (everyone in the byline if no one is marked as writer), from prefetched rows."""
    contributions = list(article.contributions.all())
    return [c.person for c in contributions if c.role in AUTHOR_ROLES] or [c.person for c in contributions]


def _publisher(icon_url):
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": icon_url},
    }


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """JSON-LD for an article page: a NewsArticle and its BreadcrumbList."""
    url = absolute(article.get_absolute_url())
    icon_url = absolute(static(context["SITE_ICON"]))
    authors = authors_of(article)
    publisher = _publisher(icon_url)
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": context.get("page_description") or article.standfirst,
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "author": [{"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())} for person in authors]
        or publisher,
        "publisher": publisher,
        "image": [absolute(article.lead_image.file.url) if article.lead_image else icon_url],
    }
    if article.publish_at:
        news_article["datePublished"] = iso_datetime(article.publish_at)
        news_article["dateModified"] = iso_datetime(article.updated_substantively_at or article.publish_at)
    if article.section:
        news_article["articleSection"] = article.section.name
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        news_article["keywords"] = keywords
    if article.dateline:
        news_article["dateline"] = article.dateline.upper()
    # Corrections, verification status, paid content (articles/press;
    # imported here as it uses this module's filters).
    from articles.press.structured_data import press_structured_data

    news_article.update(press_structured_data(article))

    trail = [(_("Home"), absolute("/"))]
    if article.section:
        trail.append((article.section.name, absolute(article.section.get_absolute_url())))
    trail.append((article.headline, url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": item}
            for position, (name, item) in enumerate(trail, start=1)
        ],
    }
    return format_html("{}{}", json_ld(news_article), json_ld(breadcrumbs))


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """JSON-LD for the front page: the outlet, and the site with its search."""
    publisher = _publisher(absolute(static(context["SITE_ICON"])))
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher,
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(reverse("articles:search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
    return json_ld(website)
