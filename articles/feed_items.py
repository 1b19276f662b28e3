"""
What a feed item of a story says: its full text (content:encoded), its lead
image (Media RSS and the enclosure's rendition), and the whole <item>
written at once from the story's values (story_item_xml()), which
articles/feeds.py uses for every item without a control character.
"""

import functools
import html
import mimetypes

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import conditional_escape

from .addresses import absolute
from .blocks.templatetags.blocks import feed_blocks
from .media.renditions import jpeg_rendition, rendition_url
from .press.templatetags.press import sponsored_links
from .syndication import CREATOR_START, GUID_STARTS, element, rss_date, xml_text
from .templatetags.news import with_dateline

# The start tags of an item's author and permanent link, as Django's writer makes them.
_CREATOR = CREATOR_START + ">"
_GUID = GUID_STARTS[True] + ">"


def story_item_xml(feed, article):
    """
    The <item> of `article` in `feed` (a LatestArticlesFeed): the bytes
    get_feed()'s add_item() and FullTextRssFeed's writer make of the same
    values, element by element (tests/test_feeds.py compares them), in a
    fraction of the time; None for what it leaves to them (several
    enclosures, an empty headline). As three strings, the body apart: a
    body of ASCII text stays one byte a character through the escaping and
    encoding, rather than joined to the dateline's dash, which would make
    it and every copy of it two (some 10 us an item in all).
    """
    link = xml_text(feed.item_link(article))
    title = xml_text(html.escape(str(article)))  # Feed.item_title(): Django's escape() without its lazy wrapper.
    if not (link and title):
        return None  # Never so: an element without text is closed at once (element()).
    description = feed.item_description(article)
    author = feed.item_author_name(article)
    enclosures = feed.item_enclosures(article)
    parts = [
        f"<item><title>{title}</title><link>{link}</link>",
        "" if description is None else (f"<description>{xml_text(html.escape(str(description)))}</description>" if description else "<description/>"),
        f"{_CREATOR}{xml_text(author)}</dc:creator>" if author else "",
    ]
    pubdate = feed.item_pubdate(article)
    if pubdate is not None:
        parts.append(f"<pubDate>{rss_date(pubdate)}</pubDate>")
    parts.append(f"{_GUID}{link}</guid>")
    if enclosures:
        if len(enclosures) > 1:
            return None
        enclosure = enclosures[0]
        parts.append(element("enclosure", "", {"url": enclosure.url, "length": enclosure.length, "type": enclosure.mime_type}))
    parts.extend(f"<category>{xml_text(str(category))}</category>" if str(category) else "<category/>" for category in feed.item_categories(article))
    before, body, after = (xml_text(piece) for piece in feed_item_pieces(article))
    if before or body or after:
        parts.append(f"<content:encoded>{before}")
        after = f"{after}</content:encoded>"
    else:
        parts.append("<content:encoded/>")
    after += media_xml(feed_item_image(article)) + "</item>"
    return "".join(parts), body, after


def full_text_xml(content_html, image):
    """An item's content:encoded and media:content, as FullTextRssFeed adds them."""
    return element("content:encoded", content_html) + media_xml(image)


def media_xml(image):
    """An item's media:content (feed_item_image()'s `image`), or nothing."""
    parts = []
    if image is not None:
        attrs = {"url": image["url"], "medium": "image"}
        if image["type"]:
            attrs["type"] = image["type"]
        if image["width"] and image["height"]:
            attrs.update(width=str(image["width"]), height=str(image["height"]))
        about = [element("media:description", image["caption"], {"type": "plain"}) if image["caption"] else ""]
        about.append(element("media:credit", image["credit"]) if image["credit"] else "")
        # An element with children: element() writes only those with text.
        media = element("media:content", None, attrs)
        parts.append(f"{media[:-2]}>{''.join(about)}</media:content>" if any(about) else media)
    return "".join(parts)


# Feed readers show the lead image at most a column wide; a camera original
# can be 10 MB, so feeds carry this rendition (articles/media/renditions.py).
FEED_IMAGE_WIDTH = 1280


def feed_image(image):
    """
    The lead image as feeds carry it: the JPEG rendition at FEED_IMAGE_WIDTH
    (the original, with its own type, while it has no renditions yet).
    `length` is None when it is not known without asking the storage.
    """
    source = jpeg_rendition(image, FEED_IMAGE_WIDTH)
    if source is None:
        name, kind = image.file.name, mimetypes.guess_type(image.file.name)[0]
        width, height, length = image.width, image.height, None
    else:
        name, kind = source["jpeg"], "image/jpeg"
        width, height, length = source["width"], source["height"], source.get("jpeg_bytes")
    return {"name": name, "url": absolute(image.file.storage.url(name)), "type": kind, "width": width, "height": height, "length": length}


def feed_item_pieces(article):
    """
    feed_item_html(article) as three strings, the text before the body,
    the body, and after it: the body apart (see story_item_xml()).
    """
    if article.paid_kind:
        return feed_item_html(article), "", ""  # Its links marked in the whole (sponsored_links()).
    body = article.body or ""
    if "data-block" in body:  # feed_blocks() gives any other body back as it is.
        body = feed_blocks(body)
    # with_dateline() opens the body's first paragraph or puts one before
    # it: what it makes of that paragraph's start alone is what goes before.
    opening = "<p>" if body.startswith("<p>") else ""
    before = feed_item_figure(article.lead_image) + _dateline_opening(opening, article.dateline, settings.SITE_NAME)
    return before, body[len(opening):], feed_item_note(article)


@functools.lru_cache(maxsize=1024)
def _dateline_opening(opening, dateline, site_name):
    # with_dateline() of a paragraph's start, by dateline: a feed's thirty
    # stories come from a few cities. The site's name, which it writes too,
    # is part of the key.
    return str(with_dateline(opening, dateline))


def feed_item_figure(image):
    """The lead image with its caption, as feed_item_html() opens with it."""
    if not image:
        return ""
    parts = [f'<figure><img src="{conditional_escape(absolute(rendition_url(image, FEED_IMAGE_WIDTH)))}" alt="{conditional_escape(image.alt_text)}">']
    if image.caption or image.credit:
        credit = f" ({conditional_escape(image.credit)})" if image.credit else ""
        parts.append(f"<figcaption>{conditional_escape(image.caption)}{credit}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def feed_item_note(article):
    """The press note of a story not yet verified, as feed_item_html() ends with it."""
    verification = getattr(article, "verification", None)
    if verification is not None and verification.is_unverified:
        return render_to_string("press/feed_note.html", {"article": article})
    return ""


def feed_item_image(article):
    """The lead image as an item's media:content carries it (item_extra_kwargs()'s "image"), or None."""
    image = article.lead_image
    if image is None or not image.file:
        return None
    return {**feed_image(image), "caption": image.caption or image.alt_text, "credit": image.credit}


def feed_item_html(article):
    """
    The full text of an article for feed readers (content:encoded): the
    lead image with its caption, the body with its dateline, and the press
    note of a story not yet verified. Built here rather than by a template
    per item: a feed carries thirty.
    """
    figure = feed_item_figure(article.lead_image)
    return figure + sponsored_links(with_dateline(feed_blocks(article.body), article.dateline), article) + feed_item_note(article)
