"""
The pre-publish check: what an editor should look at once more before a
story goes out. Each warning can be overridden with one click; none is
passed over in silence (see WorkflowForm).
"""

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article

MIN_WORDS = 150
# Search engines cut longer headlines in their results.
MAX_HEADLINE = 100
# A publish time this far back is a deliberate backdate, not the seconds a form took.
BACKDATE_GRACE = timedelta(minutes=5)
PLACEHOLDERS = re.compile(r"\[(?:…|\.\.\.)\]|\bTK\b|\b[xX]{3,}\b|\blorem\b", re.IGNORECASE)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def _own_paths(body):
    """Paths of the links in `body` that point at this site."""
    parser = _Links()
    parser.feed(body or "")
    own_host = urlsplit(settings.SITE_URL).netloc
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.netloc in ("", own_host) and parts.path.startswith("/"):
            yield parts.path


def _linked_drafts(body):
    """Headlines of unpublished articles of ours that the body links to."""
    slugs, previews = set(), 0
    for path in _own_paths(body):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.view_name == "articles:detail":
            slugs.add(match.kwargs["slug"])
        elif match.view_name == "articles:preview":
            previews += 1
    if not slugs and not previews:
        return []
    live = Article.objects.published().filter(slug__in=slugs).values_list("slug", flat=True)
    drafts = Article.objects.filter(slug__in=set(slugs) - set(live)).values_list("headline", flat=True)
    return list(drafts) + [_("a preview link")] * min(previews, 1)


def _placeholder(text):
    found = PLACEHOLDERS.search(text)
    return found.group(0) if found else None


def prepublish_warnings(*, headline, body, section, lead_image, publish_at, has_byline, first_publish=True):
    """The warnings for publishing an article with these values, in the editor's language."""
    warnings = []
    if not has_byline:
        warnings.append(_("No byline: add the writer (or the agency) under Byline."))
    if lead_image is None:
        warnings.append(_("No lead image."))
    if section is None:
        warnings.append(_("No section."))
    text = strip_tags(body or "")
    placeholder = _placeholder(f"{headline}\n{text}")
    if placeholder:
        warnings.append(_("Placeholder text left in: “%(text)s”.") % {"text": placeholder})
    words = len(text.split())
    if words < MIN_WORDS:
        warnings.append(
            ngettext(
                "The body has only %(count)d word (fewer than %(min)d).",
                "The body has only %(count)d words (fewer than %(min)d).",
                words,
            )
            % {"count": words, "min": MIN_WORDS}
        )
    if first_publish and publish_at is not None and publish_at < timezone.now() - BACKDATE_GRACE:
        warnings.append(_("The publish time is in the past: the story will look older than it is."))
    if len(headline or "") > MAX_HEADLINE:
        warnings.append(
            _("The headline has %(count)d characters; search engines cut it after about %(max)d.")
            % {"count": len(headline), "max": MAX_HEADLINE}
        )
    for linked in _linked_drafts(body):
        warnings.append(_("The body links to a story of ours that is not published: “%(headline)s”.") % {"headline": linked})
    return warnings
