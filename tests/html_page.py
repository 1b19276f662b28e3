"""Read a rendered page the way a crawler does: tags and attributes, not substrings."""

import json
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs) in document order
        self.title = ""
        self.headings = []  # (level, text)
        self.scripts = []  # (attrs, text)
        self._open = []  # stack of (tag, attrs, text parts) whose text we collect
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attrs))
        if tag in ("title", "script", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            tag, attrs, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if tag == "title":
                self.title = text
            elif tag == "script":
                self.scripts.append((attrs, "".join(parts)))
            else:
                self.headings.append((int(tag[1]), text))

    def handle_data(self, data):
        for _tag, _attrs, parts in self._open:
            parts.append(data)

    # --- Questions tests ask ----------------------------------------------

    def find_all(self, tag, **attrs):
        return [a for t, a in self.elements if t == tag and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def meta(self, key):
        """The content of <meta name=key> or <meta property=key>, or None."""
        for _tag, attrs in self.elements:
            if _tag == "meta" and key in (attrs.get("name"), attrs.get("property")):
                return attrs.get("content")
        return None

    def meta_all(self, key):
        return [a.get("content") for t, a in self.elements if t == "meta" and key in (a.get("name"), a.get("property"))]

    def links(self, rel):
        return [a for t, a in self.elements if t == "link" and rel in a.get("rel", "").split()]

    def link(self, rel):
        found = self.links(rel)
        return found[0]["href"] if found else None

    def html_lang(self):
        return next((a.get("lang") for t, a in self.elements if t == "html"), None)

    def json_ld(self):
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]

    def json_ld_of_type(self, type_name):
        return [data for data in self.json_ld() if data.get("@type") == type_name]

    def anchors(self):
        return [a.get("href", "") for t, a in self.elements if t == "a"]
