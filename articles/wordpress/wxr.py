"""
Reading WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2), streaming.

An export is read item by item with defusedxml's iterparse, and every item
is dropped from the tree once it has been handed on, so a 2 GB export is
read in the memory of a few items. The parser refuses any document type
declaration: WordPress never writes one, and without it there are no
entities to expand (billion laughs) and no external entities to read or
fetch (XXE, file:// or http://). Nothing in the file can make the parser
open another file or the network.

`read_catalogue()` reads a whole export once, checking that it is
well-formed WXR from the first byte to the last, and keeps the little the
import needs before it starts: the site's address, authors, categories,
tags, attachments and the old address of every post and page. `read_items()`
then yields the items one at a time. A file that is damaged anywhere fails
in the first pass, before anything is written.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

WXR_VERSIONS = ("1.0", "1.1", "1.2")
# Namespaces by what they hold; the version in WordPress's own ones varies.
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
WORDPRESS_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/(excerpt/)?$")
# Fields whose text is kept for an item; comments and the rest are dropped.
ITEM_FIELDS = {
    "title", "link", "guid", "pubDate", "dc:creator", "content:encoded", "excerpt:encoded",
    "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:post_modified_gmt", "wp:post_name",
    "wp:status", "wp:post_type", "wp:post_parent", "wp:attachment_url",
}
ZERO_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """The file cannot be imported at all; the message is the reason, for the output line."""


@dataclass
class Item:
    """One <item>: a post, page, attachment or anything else WordPress stores as a post."""

    post_id: int
    post_type: str
    status: str
    title: str = ""
    slug: str = ""
    link: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    creator: str = ""
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    parent: int = 0
    attachment_url: str = ""
    categories: list = field(default_factory=list)  # [(nicename, name)] in file order
    tags: list = field(default_factory=list)  # [(slug, name)]
    meta: dict = field(default_factory=dict)

    @property
    def label(self):
        """How the item is named in the output: its old address."""
        return self.link or self.guid or f"{self.post_type} {self.post_id}"


# What the first pass keeps of each post and attachment stays in memory for
# the whole import, so it is kept small: slotted, and only what is used.


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment: enough to import its picture should a post use it."""

    post_id: int
    file: str  # the path under wp-content/uploads, e.g. 2026/11/foto.jpg; "" when elsewhere
    url: str  # only without a file: to name it in a warning
    alt: str  # its alternative text, else its title, else its caption
    caption: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A post or page: enough to plan its new address."""

    post_type: str
    status: str
    slug: str
    title: str  # only without a slug: the new slug is made from it
    link: str
    guid: str


@dataclass
class Catalogue:
    """What the first pass keeps of a whole export."""

    version: str = ""
    site_url: str = ""
    blog_url: str = ""
    authors: dict = field(default_factory=dict)  # login -> display name
    author_ids: dict = field(default_factory=dict)  # login -> WordPress user ID
    categories: dict = field(default_factory=dict)  # nicename -> (name, parent nicename)
    tags: dict = field(default_factory=dict)  # slug -> name
    term_ids: dict = field(default_factory=dict)  # ("category" or "tag", slug) -> term ID
    attachments: dict = field(default_factory=dict)  # post id -> Attachment
    # post id -> Entry of every post and page
    posts: dict = field(default_factory=dict)
    items: int = 0


def local_name(tag):
    """"{http://wordpress.org/export/1.2/}post_id" -> "wp:post_id", whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    match = WORDPRESS_NAMESPACE.match(namespace)
    if match:
        return ("excerpt:" if match.group(2) else "wp:") + name
    prefix = NAMESPACES.get(namespace)
    return f"{prefix}:{name}" if prefix else tag


def events(path, on_read=None):
    """
    Yield (event, element, local name) for a whole file, safely; WXRError
    for a file that is not well-formed XML or declares a DTD.
    """
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise WXRError(f"cannot be read ({exc.strerror or exc})") from exc
    with handle:
        try:
            for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
                yield event, element, local_name(element.tag)
                if on_read and event == "end" and element.tag == "item":
                    on_read(handle.tell())
        except DefusedXmlException as exc:
            raise WXRError(
                "refused: the file declares a DTD or entities, which WordPress exports never do "
                f"(entity expansion or external entity attack?); nothing was read from it ({type(exc).__name__})"
            ) from exc
        except ParseError as exc:
            raise WXRError(parse_error_reason(path, exc)) from exc


def parse_error_reason(path, exc):
    line, column = getattr(exc, "position", (0, 0))
    if path.stat().st_size == 0:
        return "empty file"
    message = str(exc).split(":")[0]
    if message in ("no element found", "unclosed token", "unclosed CDATA section") or "unclosed" in message:
        return f"malformed XML: the file ends before the export does (truncated?) at line {line}: {message}"
    bad = first_undecodable_byte(path, line)
    if bad is not None:
        return f"not UTF-8 text: byte 0x{bad:02x} at line {line}; save the export as UTF-8"
    return f"malformed XML at line {line}, column {column}: {message}"


def first_undecodable_byte(path, line_number):
    """The first byte of line `line_number` that is not UTF-8, or None."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == line_number:
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    return raw[exc.start]
                return None
    return None


def text_of(element):
    return (element.text or "").strip() if element is not None else ""


def parse_gmt(value):
    """A WXR "2026-11-27 03:15:00" GMT time, or None for WordPress's zero date."""
    value = (value or "").strip()
    if not value or value == ZERO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_rfc2822(value):
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment and moment.tzinfo else None


def build_item(element):
    """An Item from a complete <item> element; None when it has no usable post id."""
    values, categories, tags, meta = {}, [], [], {}
    for child in element:
        name = local_name(child.tag)
        if name in ITEM_FIELDS:
            values[name] = child.text or ""
        elif name == "category":
            pair = ((child.get("nicename") or "").strip(), (child.text or "").strip())
            if child.get("domain") == "category":
                categories.append(pair)
            elif child.get("domain") == "post_tag":
                tags.append(pair)
        elif name == "wp:postmeta":
            key = value = ""
            for part in child:
                part_name = local_name(part.tag)
                if part_name == "wp:meta_key":
                    key = (part.text or "").strip()
                elif part_name == "wp:meta_value":
                    value = part.text or ""
            meta[key] = value
    try:
        post_id = int(values.get("wp:post_id", "").strip())
    except ValueError:
        return None
    date_gmt = parse_gmt(values.get("wp:post_date_gmt"))
    if date_gmt is None and values.get("pubDate"):
        date_gmt = parse_rfc2822(values["pubDate"])
    return Item(
        post_id=post_id,
        post_type=values.get("wp:post_type", "post").strip() or "post",
        status=values.get("wp:status", "").strip(),
        title=values.get("title", ""),
        slug=values.get("wp:post_name", "").strip(),
        link=values.get("link", "").strip(),
        guid=values.get("guid", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        creator=values.get("dc:creator", "").strip(),
        date_gmt=date_gmt,
        modified_gmt=parse_gmt(values.get("wp:post_modified_gmt")),
        parent=int(parent) if (parent := values.get("wp:post_parent", "").strip()).isdigit() else 0,
        attachment_url=values.get("wp:attachment_url", "").strip(),
        categories=categories,
        tags=tags,
        meta=meta,
    )


def walk(path, catalogue, on_read=None):
    """
    Yield the items of the export at `path` (None for an item without a
    post id), putting the channel's facts into `catalogue`. Each element is
    removed from the tree once handled, so memory stays flat. WXRError when
    the file is not WXR.
    """
    depth = 0
    channel = None
    for event, element, name in events(path, on_read):
        if event == "start":
            depth += 1
            if depth == 1 and name != "rss":
                raise WXRError(f"not a WordPress export (WXR): the document is <{name}>, not <rss>")
            if depth == 2 and name == "channel":
                channel = element
            continue
        depth -= 1
        if depth == 2 and channel is not None:
            if name == "item":
                catalogue.items += 1
                yield build_item(element)
            else:
                read_channel_field(catalogue, name, element)
            channel.remove(element)
    if not catalogue.version:
        raise WXRError("not a WordPress export (WXR): no wp:wxr_version in the channel; export the site with Tools → Export")


def read_channel_field(catalogue, name, element):
    if name == "wp:wxr_version":
        catalogue.version = text_of(element)
        if catalogue.version not in WXR_VERSIONS:
            raise WXRError(f"WXR version {catalogue.version!r} is not supported (1.0, 1.1 and 1.2 are)")
    elif name == "wp:base_site_url":
        catalogue.site_url = text_of(element).rstrip("/")
    elif name == "wp:base_blog_url":
        catalogue.blog_url = text_of(element).rstrip("/")
    elif name == "link" and not catalogue.blog_url:
        catalogue.blog_url = text_of(element).rstrip("/")
    elif name == "wp:author":
        fields = {local_name(child.tag): text_of(child) for child in element}
        login = fields.get("wp:author_login", "")
        if login:
            catalogue.authors[login] = fields.get("wp:author_display_name", "") or login
            catalogue.author_ids[login] = fields.get("wp:author_id", "")
    elif name == "wp:category":
        fields = {local_name(child.tag): text_of(child) for child in element}
        nicename = fields.get("wp:category_nicename", "")
        if nicename:
            catalogue.categories[nicename] = (fields.get("wp:cat_name", "") or nicename, fields.get("wp:category_parent", ""))
            catalogue.term_ids["category", nicename] = fields.get("wp:term_id", "")
    elif name == "wp:tag":
        fields = {local_name(child.tag): text_of(child) for child in element}
        slug = fields.get("wp:tag_slug", "")
        if slug:
            catalogue.tags[slug] = fields.get("wp:tag_name", "") or slug
            catalogue.term_ids["tag", slug] = fields.get("wp:term_id", "")


def read_catalogue(path, on_read=None):
    """The first pass over a whole export (see the module docstring); WXRError if it cannot be imported."""
    catalogue = Catalogue()
    for item in walk(path, catalogue, on_read):
        if item is None:
            continue
        if item.post_type == "attachment":
            catalogue.attachments[item.post_id] = attachment_of(item)
            continue
        title = "" if item.slug else item.title[:200]
        catalogue.posts[item.post_id] = Entry(item.post_type, item.status, item.slug, title, item.link, item.guid)
        # Terms used by posts but missing from the header (WXR 1.0 has none there).
        for nicename, name in item.categories:
            catalogue.categories.setdefault(nicename, (name or nicename, ""))
        for slug, name in item.tags:
            catalogue.tags.setdefault(slug, name or slug)
    catalogue.blog_url = catalogue.blog_url or catalogue.site_url
    catalogue.site_url = catalogue.site_url or catalogue.blog_url
    return catalogue


def read_items(path, on_read=None):
    """Yield the items of an export already checked by read_catalogue()."""
    return walk(path, Catalogue(), on_read)


def attachment_of(item):
    uploads = item.meta.get("_wp_attached_file", "").strip().lstrip("/")
    if not uploads and "/wp-content/uploads/" in item.attachment_url:
        uploads = item.attachment_url.split("/wp-content/uploads/", 1)[1]
    caption = item.excerpt.strip()
    return Attachment(
        post_id=item.post_id,
        file=uploads,
        url="" if uploads else item.attachment_url or item.guid,
        alt=item.meta.get("_wp_attachment_image_alt", "").strip() or item.title.strip() or caption,
        caption=caption,
    )
