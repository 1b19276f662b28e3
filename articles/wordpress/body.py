"""
WordPress post content to the body HTML Newsroom stores.

WordPress keeps what the author typed and turns it into HTML only when a
page is shown: blank lines become paragraphs and single line breaks <br>
(wpautop), shortcodes are expanded by plugins, and block-editor posts carry
their structure in HTML comments. `convert()` does the same once, on
import, then hands the result to the site's sanitizer like any body:

1. block comments (<!-- wp:paragraph -->) are dropped, keeping the markup
   between them; blocks that are only a placeholder for something a plugin
   draws (embeds, galleries, video, latest posts, ...) are removed with a
   warning naming them;
2. shortcodes: [caption] becomes a <figure> with a <figcaption>; [gallery],
   [embed], [video], [audio], [playlist] and unknown ones are removed with
   a warning naming them (an unknown enclosing one keeps the text inside).
   Square brackets that are plainly text ("[sic]", "[Foto: Antara]") stay;
3. automatic paragraphs, only for classic posts: WordPress itself skips
   them for block-editor posts;
4. links to the old site's own posts and pages get the new addresses, and
   pictures from the old uploads are replaced by the imported images (or
   removed when the file was not imported: readers' pages never load from
   another server).
"""

import html
import re

from articles.sanitize import clean_body_html

BLOCK_TAGS = (
    "address|article|aside|blockquote|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|"
    "h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
# Containers whose loose text WordPress wraps in paragraphs.
PARAGRAPH_CONTAINERS = ("blockquote", "div", "section", "article", "aside")
OPEN_BLOCK = re.compile(rf"<(?:{BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
CLOSE_BLOCK = re.compile(rf"</(?:{BLOCK_TAGS})\s*>", re.IGNORECASE)
CHUNK_SHAPE = re.compile(
    rf"^(?P<lead>(?:\s*<(?:{BLOCK_TAGS})\b[^>]*>)*)(?P<middle>.*?)(?P<trail>(?:\s*</(?:{BLOCK_TAGS})\s*>)*)\s*$",
    re.IGNORECASE | re.DOTALL,
)

BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/-]+)(\s+\{.*?\})?\s*(/?)-->", re.DOTALL)
# Blocks that hold no text of their own, only a placeholder for what a plugin draws.
REMOVED_BLOCKS = {"embed", "gallery", "video", "audio", "file", "latest-posts", "latest-comments", "archives",
                  "calendar", "categories", "rss", "search", "tag-cloud", "social-links", "query", "navigation"}
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

SHORTCODE = re.compile(
    r"\[(?P<escape>\[?)(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:[^\[\]\"']|\"[^\"]*\"|'[^']*')*?)(?P<selfclose>/?)\](?P<escape2>\]?)"
)
SHORTCODE_ATTR = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"}
# Their content is a URL or a placeholder, never text to keep.
DROPPED_WITH_CONTENT = {"gallery", "embed", "video", "audio", "playlist"}
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
BLOCK_BOUNDARY = re.compile(rf"</?(?:{BLOCK_TAGS}|br|img)\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
IMG_SRC = re.compile(r"""(\bsrc\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


class Conversion:
    """
    Converts the bodies of one export. `link_for(url)` gives the new path
    for an old address (or None), `image_for(url)` the address of the
    imported picture (or None); `warnings` collects lines for the operator.
    """

    def __init__(self, link_for=None, image_for=None):
        self.link_for = link_for or (lambda url: None)
        self.image_for = image_for or (lambda url: None)
        self.warnings = []

    def convert(self, content):
        """Body HTML, sanitized, for WordPress `content`; warnings go to self.warnings."""
        self.warnings = []
        text = (content or "").replace("\r\n", "\n").replace("\r", "\n")
        blocks = bool(BLOCK_COMMENT.search(text))
        if blocks:
            text = self.unblock(text)
        text = COMMENT.sub("", text)
        text = self.shortcodes(text)
        if not blocks:
            text = autop(text)
        text = HREF.sub(self._link, text)
        text = IMG_TAG.sub(self._image, text)
        return clean_body_html(text)

    # --- Blocks ----------------------------------------------------------

    def unblock(self, text):
        """Drop block comments; remove the blocks that are only placeholders."""
        out, position, skipping = [], 0, None
        for match in BLOCK_COMMENT.finditer(text):
            closing, name, _, self_closing = match.group(1), match.group(2), match.group(3), match.group(4)
            short = name.removeprefix("core/")
            if skipping is None:
                out.append(text[position : match.start()])
            position = match.end()
            if skipping is not None:
                if closing and short == skipping:
                    skipping = None
                continue
            if closing:
                continue
            if short in REMOVED_BLOCKS or "/" in short:
                self.warn(f"block {short} removed (not supported)")
                if not self_closing:
                    skipping = short
        if skipping is None:
            out.append(text[position:])
        return "".join(out)

    # --- Shortcodes ------------------------------------------------------

    def shortcodes(self, text):
        out, position = [], 0
        for match in SHORTCODE.finditer(text):
            if match.start() < position:
                continue  # inside an enclosing shortcode already handled
            name = match.group("name")
            closing_tag = f"[/{name}]"
            end_of_content = text.find(closing_tag, match.end())
            if match.group("escape") and match.group("escape2"):
                # [[caption]] is how WordPress writes a literal [caption].
                out.append(text[position : match.start()] + match.group(0)[1:-1])
                position = match.end()
                continue
            if not self.is_shortcode(match, end_of_content >= 0):
                continue
            out.append(text[position : match.start()])
            attrs = shortcode_attrs(match.group("attrs"))
            if end_of_content >= 0 and not match.group("selfclose"):
                inner = text[match.end() : end_of_content]
                position = end_of_content + len(closing_tag)
            else:
                inner = ""
                position = match.end()
            out.append(self.expand(name.lower(), attrs, inner))
        out.append(text[position:])
        return "".join(out)

    @staticmethod
    def is_shortcode(match, has_closing_tag):
        name = match.group("name").lower()
        attrs = match.group("attrs")
        return name in KNOWN_SHORTCODES or has_closing_tag or bool(match.group("selfclose")) or "=" in attrs

    def expand(self, name, attrs, inner):
        if name in ("caption", "wp_caption"):
            return caption_figure(attrs, inner)
        self.warn(f"shortcode [{name}] removed")
        if name in DROPPED_WITH_CONTENT:
            return ""
        return self.shortcodes(inner)

    # --- Links and pictures ----------------------------------------------

    def _link(self, match):
        url = html.unescape(match.group(3)).strip()
        new = self.link_for(url)
        if new is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{html.escape(new)}{match.group(2)}"

    def _image(self, match):
        tag = match.group(0)
        src = IMG_SRC.search(tag)
        if not src:
            return ""
        new = self.image_for(html.unescape(src.group(3)).strip())
        if new is None:
            return ""
        return tag[: src.start(3)] + html.escape(new) + tag[src.end(3) :]

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)


def shortcode_attrs(text):
    return {key.lower(): next(v for v in values if v is not None) for key, *values in SHORTCODE_ATTR.findall(text)}


def caption_figure(attrs, inner):
    """[caption]<img ...> The text[/caption] as <figure><img ...><figcaption>The text</figcaption></figure>."""
    image = IMG_TAG.search(inner)
    caption = attrs.get("caption") or TAG.sub("", inner).strip()
    parts = ["<figure>"]
    if image:
        parts.append(image.group(0))
    if caption:
        parts.append(f"<figcaption>{caption}</figcaption>")
    parts.append("</figure>")
    return "\n\n" + "".join(parts) + "\n\n"


def autop(text):
    """
    WordPress's automatic paragraphs: a blank line starts a paragraph, a
    single line break is a <br>; block-level markup is left as it is, and
    loose text inside a quote or a div gets paragraphs of its own.
    """
    if not text.strip():
        return ""
    text = OPEN_BLOCK.sub(lambda m: "\n\n" + m.group(0), text)
    text = CLOSE_BLOCK.sub(lambda m: m.group(0) + "\n\n", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        shape = CHUNK_SHAPE.match(chunk)
        lead, middle, trail = shape.group("lead"), shape.group("middle").strip(), shape.group("trail")
        if not middle:
            out.append(chunk)
            continue
        if not lead and not trail:
            out.append(f"<p>{line_breaks(middle)}</p>")
            continue
        container = re.findall(r"<\s*/?\s*([a-z0-9]+)", (lead or "") + (trail or ""), re.IGNORECASE)
        if container and container[-1 if lead else 0].lower() in PARAGRAPH_CONTAINERS:
            out.append(f"{lead.strip()}<p>{line_breaks(middle)}</p>{trail.strip()}")
        else:
            out.append(chunk)
    return "\n".join(out)


def line_breaks(text):
    return re.sub(r"\s*\n\s*", "<br>\n", text)


def plain_text(fragment):
    """Text of an HTML fragment, entities decoded and spacing collapsed; block tags end a word, inline ones do not."""
    text = TAG.sub("", BLOCK_BOUNDARY.sub(" ", fragment or ""))
    return " ".join(html.unescape(text).split())


def shorten(text, limit):
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut or text[: limit - 1]) + "…"


def first_paragraph(body_html):
    for match in FIRST_PARAGRAPH.finditer(body_html or ""):
        text = plain_text(match.group(1))
        if text:
            return text
    return plain_text(body_html)
