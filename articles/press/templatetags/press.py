import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from articles.sanitize import clean_body_html

from .. import queries

register = template.Library()

# nh3 writes every link as <a ...> with double-quoted attributes and its
# own rel="noopener noreferrer" (articles/sanitize.py).
LINK = re.compile(r"<a\s[^>]*>")
HREF = re.compile(r'\shref="([^"]*)"')
REL = re.compile(r'\srel="([^"]*)"')


def is_outgoing(href):
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https"):
        return False
    return f"{parts.scheme}://{parts.netloc}" != settings.SITE_URL and parts.netloc != urlsplit(settings.SITE_URL).netloc


def _mark_sponsored(match):
    tag = match.group(0)
    href = HREF.search(tag)
    if href is None or not is_outgoing(href.group(1)):
        return tag
    rel = REL.search(tag)
    if rel is None:
        return tag[:-1] + ' rel="sponsored">'
    words = rel.group(1).split()
    if "sponsored" in words:
        return tag
    return tag[: rel.start(1)] + " ".join(["sponsored", *words]) + tag[rel.end(1) :]


@register.filter
def sponsored_links(html, article):
    """Body HTML of a paid article with rel="sponsored" on its outgoing links (guideline point 6, Google's rule)."""
    if not getattr(article, "paid_kind", ""):
        return html
    return mark_safe(LINK.sub(_mark_sponsored, str(html)))


@register.filter
def clean_html(html):
    """Editor-written page HTML, cleaned against the body allow-list again at display."""
    return mark_safe(clean_body_html(html))


@register.filter
def corrections_of(article):
    return queries.corrections_of(article)


@register.filter
def replies_to(article):
    return queries.replies_to(article)


@register.filter
def verification_of(article):
    return queries.verification_of(article)


@register.filter
def reply_of(article):
    return queries.reply_of(article)
