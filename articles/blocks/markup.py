"""
How blocks are stored in body HTML, and what readers and feeds get instead.

Stored (what the editor writes and the sanitizer keeps):

    <figure data-block="picture" data-image="12"><img src="/media/…" alt="…"><figcaption>…</figcaption></figure>
    <aside data-block="read-also"><a href="/berita/slug/">Headline</a></aside>
    <figure data-block="embed" data-provider="youtube"><a href="https://www.youtube.com/watch?v=…">Title</a></figure>

A picture is found again by its id, a "Baca juga" target by the slug in its
address (so it survives export and import into another site), an embed by
its URL. The stored copy of the text (caption, headline, title) is what the
search index and an exported file see; readers get the current picture and
the current headline, or nothing when the picture was deleted or the target
article is no longer published.
"""

import html
import re

from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe

from .embeds import BY_KEY, recognise

BLOCK_RE = re.compile(r'<(figure|aside)\b([^>]*\bdata-block="[^"]*"[^>]*)>(.*?)</\1>', re.DOTALL)
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
HREF_RE = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")
CAPTION_RE = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)


def text_of(fragment):
    return " ".join(html.unescape(TAG_RE.sub(" ", fragment)).split())


class Block:
    """One block found in body HTML: its kind, attributes and stored inner HTML."""

    def __init__(self, match):
        self.match = match
        self.attrs = {name: html.unescape(value) for name, value in ATTR_RE.findall(match.group(2))}
        self.kind = self.attrs.get("data-block", "")
        self.inner = match.group(3)

    @property
    def link(self):
        found = HREF_RE.search(self.inner)
        return (html.unescape(found.group(1)), text_of(found.group(2))) if found else (None, "")

    @property
    def image_id(self):
        value = self.attrs.get("data-image", "")
        return int(value) if value.isdigit() else None

    @property
    def caption(self):
        found = CAPTION_RE.search(self.inner)
        return text_of(found.group(1)) if found else ""

    @property
    def slug(self):
        href, _ = self.link
        if not href or not href.startswith("/"):
            return None
        try:
            match = resolve(href.split("?")[0].split("#")[0])
        except Resolver404:
            return None
        return match.kwargs.get("slug") if match.url_name == "detail" else None

    @property
    def embed(self):
        href, title = self.link
        found = recognise(href)
        if not found or found[0] is not BY_KEY.get(self.attrs.get("data-provider")):
            return None
        provider, url = found
        return {"provider": provider, "url": url, "title": title}


def find_blocks(body):
    if not body or "data-block" not in body:
        return []
    return [Block(match) for match in BLOCK_RE.finditer(body)]


def lookups(blocks):
    """The pictures and published articles the blocks point to: one query each, only when needed."""
    from ..models import Article, Image

    image_ids = {b.image_id for b in blocks if b.kind == "picture" and b.image_id}
    slugs = {b.slug for b in blocks if b.kind == "read-also"} - {None}
    images = Image.objects.in_bulk(image_ids) if image_ids else {}
    articles = {a.slug: a for a in Article.objects.published().filter(slug__in=slugs).select_related("section")} if slugs else {}
    return images, articles


def replace_blocks(body, render_one):
    """`body` with every block replaced by render_one(block, images, articles) ('' drops it)."""
    blocks = find_blocks(body)
    if not blocks:
        return body or ""
    images, articles = lookups(blocks)
    pieces, last = [], 0
    for block in blocks:
        pieces.append(body[last : block.match.start()])
        pieces.append(render_one(block, images, articles))
        last = block.match.end()
    pieces.append(body[last:])
    return "".join(pieces)


def reader_block(block, images, articles):
    if block.kind == "picture":
        image = images.get(block.image_id)
        return render_to_string("blocks/picture.html", {"image": image}) if image else ""
    if block.kind == "read-also":
        article = articles.get(block.slug)
        return render_to_string("blocks/read_also.html", {"article": article}) if article else ""
    if block.kind == "embed":
        embed = block.embed
        return render_to_string("blocks/embed.html", embed) if embed else ""
    return block.match.group(0)


def feed_block(block, images, articles):
    """Feeds get plain markup every reader understands: a picture, a link, a link."""
    if block.kind == "picture":
        image = images.get(block.image_id)
        return render_to_string("blocks/feed_picture.html", {"image": image}) if image else ""
    if block.kind == "read-also":
        article = articles.get(block.slug)
        return render_to_string("blocks/feed_link.html", {"url": article.get_absolute_url(), "text": article.headline, "label": "read-also"}) if article else ""
    if block.kind == "embed":
        embed = block.embed
        if not embed:
            return ""
        return render_to_string("blocks/feed_link.html", {"url": embed["url"], "text": embed["title"] or embed["provider"].name, "label": embed["provider"].name})
    return block.match.group(0)


def render_for_readers(body):
    """Sanitized body HTML with its blocks as readers see them; safe to output."""
    return mark_safe(replace_blocks(body, reader_block))


def render_for_feeds(body):
    return mark_safe(replace_blocks(body, feed_block))
