"""
Finding markup that an attacker's text turned into: elements and attributes
that could run script, in an HTML page, in the HTML of a feed item, and in
JSON-LD. Used by the XSS suite; tested on its own so it is known to fail.

A survivor is any of:
- an event-handler attribute (on...) anywhere: our templates have none;
- a script element that is not a data block (JSON, JSON-LD) nor a file
  from our own static files;
- an iframe, frame, object, embed, applet, base, form with a script URL,
  or a meta refresh;
- a javascript:, vbscript: or data:text/html address in any attribute
  (after the browser's own decoding of entities, whitespace and case);
- an element or style carrying a marker where markup was never expected
  (svg, math, style, link, template, xss...).
"""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "xss", "isindex", "image"}
MARKER = re.compile(r"zq\d{3}")
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data:text/html)", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "srcdoc", "content"}


def _clean_url(value):
    # What the browser reads: control characters and whitespace dropped.
    return re.sub(r"[\x00-\x20]+", "", value or "")


class _Auditor(HTMLParser):
    def __init__(self, static_prefixes):
        super().__init__(convert_charrefs=True)
        self.static_prefixes = static_prefixes
        self.found = []
        self.in_script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)[:160]}>"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(("event handler", where))
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(_clean_url(value)):
                self.found.append(("script URL", where))
            if name == "style" and MARKER.search(value or ""):
                self.found.append(("style", where))
        if tag in NEVER:
            self.found.append(("forbidden element", where))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append(("meta refresh", where))
        if tag in ("svg", "math", "style", "template", "marquee", "details", "video", "audio") and MARKER.search(str(attrs)):
            self.found.append(("markup from text", where))
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            src = attributes.get("src")
            if kind in DATA_SCRIPT_TYPES:
                self.in_script = "data"
            elif src is not None and src.startswith(self.static_prefixes):
                self.in_script = "file"
            else:
                self.found.append(("script element", where))
                self.in_script = "bad"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.in_script = None

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None

    def handle_data(self, data):
        if self.in_script == "data":
            try:
                json.loads(data)
            except ValueError:
                self.found.append(("broken JSON data block", data[:160]))
        elif self.in_script == "file" and data.strip():
            self.found.append(("inline script text", data[:160]))


def html_survivors(html, static_prefixes=("/static/", "/admin/jsi18n/")):
    """Every place in `html` where text became live markup, as (kind, where)."""
    auditor = _Auditor(static_prefixes)
    auditor.feed(html)
    auditor.close()
    return auditor.found


def feed_survivors(xml):
    """Parse a feed or sitemap (must be well-formed) and audit the HTML inside item descriptions."""
    root = ElementTree.fromstring(xml.encode() if isinstance(xml, str) else xml)
    found = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        # RSS descriptions and content:encoded are HTML to a feed reader;
        # Media RSS descriptions, credits, categories and authors are text.
        html = element.tag in ("description", "summary") or name == "encoded"
        if html and element.text:
            found += html_survivors(element.text)
        if name == "loc" and element.text and SCRIPT_URL.match(_clean_url(element.text)):
            found.append(("script URL in sitemap", element.text))
        if name == "link" and element.text and SCRIPT_URL.match(_clean_url(element.text)):
            found.append(("script URL in feed link", element.text))
    return found
