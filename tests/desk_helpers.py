"""Builders for the desk's tests: placements and bars made as the admin makes them."""

from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

from articles.desk.models import BreakingNews, Placement


def place(article, slot="pick", position=0, **fields):
    return Placement.objects.create(article=article, slot=slot, position=position, **fields)


def put_up_bar(article, text="Gempa M 6,2 guncang Lombok", **fields):
    return BreakingNews.objects.create(article=article, text=text, **fields)


def hours(n):
    return timezone.now() + timedelta(hours=n)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Scoped(HTMLParser):
    """Texts (and hrefs) of the elements with class `target` inside an element with class `scope`."""

    def __init__(self, scope, target):
        super().__init__(convert_charrefs=True)
        self.scope, self.target = scope, target
        self.stack = []  # (tag, classes)
        self.found = []  # [text parts, href]
        self.collecting = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in VOID:
            return
        self.stack.append((tag, classes))
        in_scope = any(self.scope in c for _t, c in self.stack[:-1]) or self.scope in classes
        if in_scope and self.target in classes:
            self.collecting.append(len(self.stack))
            self.found.append([[], None])
        if tag == "a" and self.collecting and self.found[-1][1] is None:
            self.found[-1][1] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        while self.stack:
            open_tag, _classes = self.stack.pop()
            if self.collecting and self.collecting[-1] > len(self.stack):
                self.collecting.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.collecting:
            self.found[-1][0].append(data)


def scoped(html, scope, target):
    """[(text, first link inside)] of each `.target` inside `.scope`, in page order."""
    parser = _Scoped(scope, target)
    parser.feed(html)
    return [(" ".join("".join(parts).split()), href) for parts, href in parser.found]


def scoped_texts(html, scope, target):
    return [text for text, _href in scoped(html, scope, target)]
