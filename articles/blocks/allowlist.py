"""
What the body allow-list (articles/sanitize.py) keeps for the editor's
table and the newsroom blocks, and the checks nh3 cannot express: attribute
values, pictures only from our own media, embeds only of known platforms.
"""

import re

from django.conf import settings

from .embeds import BY_KEY, recognise

BLOCK_TAGS = {"figure", "figcaption", "img", "aside", "table", "thead", "tbody", "tr", "th", "td"}
BLOCK_ATTRIBUTES = {
    "figure": {"data-block", "data-image", "data-provider"},
    "aside": {"data-block"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
BLOCK_KINDS = {"figure": {"picture", "embed"}, "aside": {"read-also"}}
SMALL_NUMBER = re.compile(r"[1-9]\d{0,3}")
IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\bsrc=)[^>]*>")
EMBED_RE = re.compile(r'<figure\b[^>]*\bdata-block="embed"[^>]*>.*?</figure>', re.DOTALL)
EMBED_PROVIDER = re.compile(r'\bdata-provider="([^"]*)"')
EMBED_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def own_media(url):
    """Pictures in a body come from this site only (its media storage or a site path): no third-party requests for readers."""
    if url.startswith(settings.MEDIA_URL):
        return True
    return url.startswith("/") and not url.startswith("//") and not url.startswith("/\\")


def filter_block_attribute(tag, attribute, value):
    """The value to keep, or None to drop the attribute (nh3's attribute_filter)."""
    if attribute == "data-block":
        return value if value in BLOCK_KINDS.get(tag, ()) else None
    if attribute == "data-image":
        return value if value.isdigit() and len(value) < 12 else None
    if attribute == "data-provider":
        return value if value in BY_KEY else None
    if attribute in ("colspan", "rowspan") or (tag, attribute) in (("img", "width"), ("img", "height")):
        return value if SMALL_NUMBER.fullmatch(value) else None
    if (tag, attribute) == ("img", "src"):
        return value if own_media(value) else None
    return value


def finish(html):
    """
    After nh3: pictures whose address was refused go (an <img> without src
    shows nothing), and an embed of an unknown platform goes as a whole.
    """
    html = IMG_WITHOUT_SRC.sub("", html)
    return EMBED_RE.sub(lambda m: m.group(0) if known_embed(m.group(0)) else "", html)


def known_embed(figure):
    provider, href = EMBED_PROVIDER.search(figure), EMBED_HREF.search(figure)
    if not provider or not href:
        return False
    found = recognise(href.group(1).replace("&amp;", "&"))
    return bool(found) and found[0].key == provider.group(1)
