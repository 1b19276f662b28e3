"""
The RSS flavour every feed of the site uses: plain text that stays text,
its items each written as one string.
"""

import codecs
import datetime
import io
from xml.sax.saxutils import quoteattr

from django.utils.feedgenerator import Rss201rev2Feed, rfc2822_date
from django.utils.html import escape
from django.utils.xmlutils import UnserializableContentError

from .plaintext import CONTROL_CHARACTERS, strip_controls

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
# The characters CONTROL_CHARACTERS matches, one by one, for has_controls().
_CONTROLS = tuple(chr(code) for code in range(32) if CONTROL_CHARACTERS.match(chr(code)))
# From this length a text is searched character by character (has_controls()).
_LONG_TEXT = 512
# The same in UTF-8, where each is one byte no other character contains.
_CONTROL_BYTES = tuple(control.encode() for control in _CONTROLS)
# Where write_items() leaves the items, which write() puts in as bytes.
# Written raw, so no escaped value of the channel can be it.
ITEMS_MARK = "<!--items-->"


def has_controls(text):
    """
    Whether `text` (a str) holds a control character XML cannot carry. A
    long one, such as an item's full text (some 5 KB), is looked through
    once per character with `in`, a plain memory scan: a tenth of the time
    the regular expression's character class takes (10 us for 3 KB), some
    thirty times a feed. A short one by the expression, which is cheaper
    than 29 scans there.
    """
    if len(text) < _LONG_TEXT:
        return CONTROL_CHARACTERS.search(text) is not None
    return any(control in text for control in _CONTROLS)


def _plain(value):
    # Exact types first: an item's values are mostly plain strings, dates and
    # None, and this runs over each of them (some 500 times a feed). Nearly
    # every one is clean: looked at first, copied only when it is not.
    kind = type(value)
    if kind is str:
        return CONTROL_CHARACTERS.sub("", value) if has_controls(value) else value
    if value is None or kind is bool or kind is datetime.datetime:
        return value
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _plain_html(text):
    return text if text is None else escape(_plain(text))


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rss_date(value):
    """
    rfc2822_date(value), the same text: a UTC time (every stored one) by
    hand, for its timetuple() and strftime() cost more than the rest of an
    item's date; any other through it.
    """
    if type(value) is not datetime.datetime or value.tzinfo is not datetime.UTC:
        return rfc2822_date(value)
    return (
        f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month - 1]} {value.year:04d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} +0000"
    )


def xml_text(text):
    """`text` escaped as XML character data, as xml.sax.saxutils.escape() escapes it."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def clean_utf8(xml):
    """
    `xml` (a str, or a list of tuples of them, in order) encoded as write()
    encodes items, or None when it holds a control character (see
    PlainTextRssFeed.write_items() for why the bytes are looked through).
    """
    if isinstance(xml, str):
        data = xml.encode("utf-8", "xmlcharrefreplace")
    else:
        data = b"".join([piece.encode("utf-8", "xmlcharrefreplace") for pieces in xml for piece in pieces])
    return None if any(control in data for control in _CONTROL_BYTES) else data


def _text_element(start, name, text):
    """
    An element from its start tag (`start`, without its ">"): its text
    escaped as xml.sax.saxutils.escape() does (those three replacements,
    without its call: some 300 elements a feed), or closed at once without.
    """
    if not text:
        return start + "/>"
    return f"{start}>{text.replace('&', '&amp;').replace('>', '&gt;').replace('<', '&lt;')}</{name}>"


def element(name, text=None, attrs=None):
    """
    An element as Django's XML writer writes it (SimplerXMLGenerator's
    addQuickElement): attributes in name order, and one without text closed
    at once.
    """
    start = "<" + name + ("".join(f" {key}={quoteattr(value)}" for key, value in sorted(attrs.items())) if attrs else "")
    return _text_element(start, name, text)


# The start tags of an item's elements whose attributes are always the same, made once.
CREATOR_START = element("dc:creator", None, {"xmlns:dc": DUBLIN_CORE})[:-2]
GUID_STARTS = {permalink: element("guid", None, {"isPermaLink": str(permalink).lower()})[:-2] for permalink in (True, False)}


def rss_item_elements(item):
    """
    An item's RSS 2.0 elements as Rss201rev2Feed.add_item_elements writes
    them, as one string; None for an item with what the site's feeds never
    set (an author's e-mail, comments, a time to live), which is left to it.
    """
    if item["author_email"] is not None or item["comments"] is not None or item["ttl"] is not None:
        return None
    parts = [element("title", item["title"]), element("link", item["link"])]
    if item["description"] is not None:
        parts.append(element("description", item["description"]))
    if item["author_name"]:
        parts.append(_text_element(CREATOR_START, "dc:creator", item["author_name"]))
    if item["pubdate"] is not None:
        parts.append(element("pubDate", rss_date(item["pubdate"])))
    if item["unique_id"] is not None:
        permalink = item.get("unique_id_is_permalink")
        start = GUID_STARTS[permalink] if isinstance(permalink, bool) else "<guid"
        parts.append(_text_element(start, "guid", item["unique_id"]))
    if item["enclosures"]:
        enclosures = list(item["enclosures"])
        if len(enclosures) > 1:
            return None  # Django's writer says why that is refused.
        enclosure = enclosures[0]
        parts.append(element("enclosure", "", {"url": enclosure.url, "length": enclosure.length, "type": enclosure.mime_type}))
    parts.extend(element("category", category) for category in item["categories"])
    return "".join(parts)


class PlainTextRssFeed(Rss201rev2Feed):
    """
    RSS 2.0 for text that is plain text. Feed readers take a description as
    HTML, so a standfirst saying "<img onerror=…>" would reach them as a live
    tag: descriptions are escaped once more, to arrive as the text they are.
    Control characters, which XML cannot carry, are stripped from every value
    (articles/plaintext.py), so nothing stored can break the feed: those of
    the channel when it is made, an item's when it is written, and only if
    it holds one.

    Each item is written as one string (rss_item_elements() and
    item_extra_xml()), the same bytes Django's writer makes element by
    element through a SAX handler: for thirty full-text items that took
    2.6 ms, a fifth of a section's feed.
    """

    def __init__(self, title, link, description, *args, **kwargs):
        super().__init__(_plain(title), link, _plain_html(description), *_plain(args), **_plain(kwargs))

    def add_item(self, title, link, description, *args, **kwargs):
        # Kept as given, the description escaped: write_items() strips the
        # control characters of an item that has one. Not of every value of
        # every item up front, as before, one call each (a sixth of a
        # thirty-item feed): on the way out nearly all of them are clean.
        # An author's link is stripped here, as before, for iri_to_uri()
        # would quote a control character rather than drop it.
        if args:
            args = _plain(args)
        if kwargs.get("author_link") is not None:
            kwargs["author_link"] = _plain(kwargs["author_link"])
        super().add_item(title, link, None if description is None else escape(description), *args, **kwargs)

    def set_written_items(self, data, latest):
        """
        Every item already written, as UTF-8 bytes holding no control
        character (`data`), and the latest of their dates (`latest`, for
        latest_post_date()): what a feed view that writes its items itself
        hands over instead of calling add_item() for each.
        """
        self._written_items, self._written_latest = data, latest

    def latest_post_date(self):
        if getattr(self, "_written_items", None) is None:
            return super().latest_post_date()
        return self._written_latest or datetime.datetime.now(tz=datetime.UTC)

    def item_extra_xml(self, item):
        """Elements a subclass adds after the RSS ones, as a string."""
        return ""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.ignorableWhitespace(self.item_extra_xml(item))  # Written as it is.

    def item_xml(self, item):
        """The whole <item> as a string, or None for one left to Django's writer (see rss_item_elements())."""
        if self.item_attributes(item):
            return None
        elements = rss_item_elements(item)
        return None if elements is None else f"<item>{elements}{self.item_extra_xml(item)}</item>"

    def write_items(self, handler):
        # Nearly always every item is a string and none holds a control
        # character. Then they are encoded here, as the XML writer would
        # (its error handler too), and looked through as UTF-8 bytes, where
        # each control character is a byte no other character holds: in
        # text with curly quotes and dashes (stored two bytes a character)
        # a search for "\x00" stops at every ASCII letter, and the 29
        # searches of a feed's 300 KB cost some 2 million instructions.
        data = getattr(self, "_written_items", None)
        if data is not None:
            if self._items_encoding == "utf-8":
                self._items_bytes = data
                handler.ignorableWhitespace(ITEMS_MARK)
            else:
                handler.ignorableWhitespace(data.decode("utf-8"))  # Written as it is, in that encoding.
            return
        written = [self.item_xml(item) for item in self.items]
        if None not in written and getattr(self, "_items_encoding", None) == "utf-8":
            data = clean_utf8("".join(written))
            if data is not None:
                self._items_bytes = data
                handler.ignorableWhitespace(ITEMS_MARK)
                return
        for item in self.items:
            xml = self.item_xml(item)
            if xml is None or has_controls(xml):
                # Each value without its control characters, as every item
                # was stored before (a value of nothing else then makes an
                # empty element): only such an item pays for it.
                item = _plain(item)
                xml = self.item_xml(item)
            if xml is None:
                handler.startElement("item", self.item_attributes(item))
                self.add_item_elements(handler, item)
                handler.endElement("item")
                continue
            if has_controls(xml):
                raise UnserializableContentError  # As Django's writer would, were one let through.
            handler.ignorableWhitespace(xml)

    def write(self, outfile, encoding):
        # The XML writer writes every tag and text in pieces; into a response
        # each piece is a call through HttpResponse.write (40,000 a feed).
        buffer = io.BytesIO()
        self._items_encoding = codecs.lookup(encoding).name
        self._items_bytes = None
        try:
            super().write(buffer, encoding)
        finally:
            self._items_encoding = None
        document = buffer.getvalue()
        if self._items_bytes is not None:
            document = document.replace(ITEMS_MARK.encode(), self._items_bytes, 1)
        outfile.write(document)
