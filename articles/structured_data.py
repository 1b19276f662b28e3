"""
schema.org JSON-LD for search engines: the outlet, the site with its
search, and each article with its breadcrumb trail. The builders return
plain data; json_ld() writes it into a page.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .addresses import absolute
from .article_queries import listed
from .bylines import authors_in
from .dates import iso_datetime
from .media.renditions import rendition_url, social_url
from .paths import slug_paths

# One encoder for every page: json.dumps() with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_ld(data):
    """A <script type="application/ld+json"> block that no string in `data` can break out of."""
    # json leaves "<", ">" and "&" as they are; inside <script> they could close the
    # element or start a comment, so they are written as \u escapes instead
    # (three replace() calls: str.translate() with a table is several times slower).
    text = _ENCODER.encode(data).replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def publisher(icon_url):
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": icon_url},
    }


def news_article(article, *, icon_url, description, url=None, dates=None):
    """
    A NewsArticle for `article` (byline, tags and section prefetched); `url`
    is its absolute address if known, `dates` the page's (article_page.dates()).
    """
    url = url or absolute(article.get_absolute_url())
    organisation = publisher(icon_url)
    person_path = slug_paths("articles:person")  # Person.get_absolute_url(), its route looked up once.
    authors = [{"@type": "Person", "name": person.name, "url": absolute(person_path(person.slug))} for person in authors_in([(c.role, c.person) for c in listed(article, "contributions")])]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": description or article.standfirst,
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "author": authors or organisation,
        "publisher": organisation,
        # Search engines get the social crop and a 1280-pixel rendition, never a camera original.
        "image": [absolute(url) for url in dict.fromkeys((social_url(article.lead_image), rendition_url(article.lead_image)))]
        if article.lead_image
        else [icon_url],
    }
    if article.publish_at and dates:  # Written once for the page: the same ISO times.
        data["datePublished"], data["dateModified"] = dates["published_iso"], dates["modified_iso"]
    elif article.publish_at:
        data["datePublished"] = published = iso_datetime(article.publish_at)
        updated = article.updated_substantively_at
        data["dateModified"] = iso_datetime(updated) if updated else published
    if article.section:
        data["articleSection"] = article.section.name
    keywords = [tag.name for tag in listed(article, "tags")]
    if keywords:
        data["keywords"] = keywords
    if article.dateline:
        data["dateline"] = article.dateline.upper()
    return data


def breadcrumbs(article, url=None):
    """The BreadcrumbList from the front page through the section to `article` (at `url`, its absolute address, if known)."""
    trail = [(_("Home"), absolute("/"))]
    if article.section:
        trail.append((article.section.name, absolute(article.section.get_absolute_url())))
    trail.append((article.headline, url or absolute(article.get_absolute_url())))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": item}
            for position, (name, item) in enumerate(trail, start=1)
        ],
    }


def website(icon_url, search_url=None):
    """The site, its publisher and its search (at `search_url`, the absolute address if known), for the front page."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher(icon_url),
        "potentialAction": {
            "@type": "SearchAction",
            "target": (search_url or absolute(reverse("articles:search"))) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
