"""
The RSS flavour every feed of the site uses: plain text that stays text.
"""

import io

from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from .plaintext import strip_controls


def _plain(value):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _plain_html(text):
    return text if text is None else escape(_plain(text))


class PlainTextRssFeed(Rss201rev2Feed):
    """
    RSS 2.0 for text that is plain text. Feed readers take a description as
    HTML, so a standfirst saying "<img onerror=…>" would reach them as a live
    tag: descriptions are escaped once more, to arrive as the text they are.
    Control characters, which XML cannot carry, are stripped from every value
    (articles/plaintext.py), so nothing stored can break the feed.
    """

    def __init__(self, title, link, description, *args, **kwargs):
        super().__init__(_plain(title), link, _plain_html(description), *_plain(args), **_plain(kwargs))

    def add_item(self, title, link, description, *args, **kwargs):
        super().add_item(_plain(title), link, _plain_html(description), *_plain(args), **_plain(kwargs))

    def write(self, outfile, encoding):
        # The XML writer writes every tag and text in pieces; into a response
        # each piece is a call through HttpResponse.write (40,000 a feed).
        buffer = io.BytesIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())
