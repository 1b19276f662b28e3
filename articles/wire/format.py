"""
The wire format: plain-text copy as reporters and agencies file it.

    line 1        the headline
    line 2        the standfirst (may be empty)
    further lines every non-empty line is a body paragraph
    final line    the sign-off (SITE_NAME or a WIRE_SIGNOFFS entry), dropped

A short line without closing punctuation that stands between paragraphs is a
cross-heading or a teaser for a related story; a line starting "Baca juga:"
is always a teaser. Teasers become links when the importer finds a published
article with that headline; otherwise they stay text.

Everything here is pure: bytes or text in, a `WireStory` out, and body HTML
out of a story. Looking up articles is the importer's job, passed in as a
function.
"""

import os
import re
import stat
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape

# A file is refused above this size before it is read; well above any real
# story, low enough that a stray video in the folder cannot exhaust memory.
MAX_FILE_BYTES = 2 * 1024 * 1024

# The model's limits, repeated so the parser can say which line is too long.
HEADLINE_MAX_LENGTH = 200
STANDFIRST_MAX_LENGTH = 400

# Cross-headings are a few words, and a "related story" teaser is another
# story's headline (wire headlines run to 130 characters and more); a
# longer unpunctuated line is more likely a paragraph whose full stop was
# forgotten, so it stays a paragraph (it may still become a link when it
# matches a headline exactly).
SUBHEADING_MAX_LENGTH = 150

# The label of a related-story link inside the body. It is part of the copy,
# written in the copy's language like the rest of the body, not interface
# text to translate per reader.
BACA_JUGA_LABEL = "Baca juga"

# Only CR LF, CR and LF end a line: str.splitlines() also splits on U+2028,
# U+0085, form feeds and more, which would cut a headline in two.
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")
# Characters that are whitespace to a reader but not to the parser above.
_ODD_SPACE = re.compile(r"[\t\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# Other C0 controls and DEL carry no text; they are dropped.
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1b\x7f]")
_SPACES = re.compile(r" {2,}")
_TEASER_PREFIX = re.compile(r"^baca\s+juga\s*[:\-\u2013\u2014]\s*", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?\u2026:;,")
# Closing quotes and brackets after the final punctuation: `… salah.”`.
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = "\ufeff"


class WireError(ValueError):
    """The file cannot become an article; the message says why in plain words."""


@dataclass(frozen=True)
class Block:
    """
    One body line. `kind` is "paragraph" or "heading"; `teaser` is the
    headline to look for when the line may be a link to a related story.
    """

    kind: str
    text: str
    teaser: str = ""


@dataclass(frozen=True)
class WireStory:
    headline: str
    standfirst: str
    blocks: tuple


def read_story(path, signoffs=()):
    """Read, decode and parse the wire file at `path`, or raise WireError."""
    return parse(decode(read_limited(path)), signoffs)


def read_limited(path):
    """
    The bytes of the file at `path`, refusing anything that is not a regular
    file or is larger than MAX_FILE_BYTES without reading it whole.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise WireError("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise WireError(too_large_reason(info.st_size))
        with open(path, "rb") as handle:
            # The file may have grown since stat(); never read past the limit.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise WireError(f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise WireError(too_large_reason(len(data)))
    return data


def too_large_reason(size):
    mib = MAX_FILE_BYTES / (1024 * 1024)
    return f"too large ({size / (1024 * 1024):.1f} MiB; the limit is {mib:g} MiB)"


def decode(data):
    """UTF-8 bytes to text without a byte-order mark, or WireError."""
    if data.startswith(_UTF16_BOMS):
        raise WireError("not UTF-8 text (it is UTF-16; save it as UTF-8)")
    if b"\x00" in data:
        raise WireError("binary data")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = len(_LINE_END_BYTES.findall(data, 0, exc.start)) + 1
        raise WireError(f"not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line} is not valid UTF-8)") from exc
    return text.removeprefix(_UTF8_BOM)


def split_lines(text):
    """Split on CR LF, CR and LF only (see _LINE_END)."""
    return _LINE_END.split(text)


def clean_line(line):
    line = _ODD_SPACE.sub(" ", line)
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", line).strip()


def normalize(text):
    """The form in which headlines, teasers and sign-offs are compared."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def parse(text, signoffs=()):
    """Text of a wire file to a WireStory, or WireError naming what is missing."""
    lines = [clean_line(line) for line in split_lines(text)]
    filled = [number for number, line in enumerate(lines) if line]
    if not filled:
        raise WireError("empty file")

    # The sign-off is the last non-empty line, wherever it is (even line 2).
    endings = {normalize(name) for name in signoffs if name and name.strip()}
    last = filled[-1]
    if last > 0 and normalize(lines[last]) in endings:
        lines[last] = ""

    headline = lines[0]
    if not headline:
        raise WireError("no headline (line 1 is empty)")
    if len(headline) > HEADLINE_MAX_LENGTH:
        raise WireError(f"headline too long ({len(headline)} characters on line 1; the limit is {HEADLINE_MAX_LENGTH})")
    standfirst = lines[1] if len(lines) > 1 else ""
    if len(standfirst) > STANDFIRST_MAX_LENGTH:
        raise WireError(
            f"standfirst too long ({len(standfirst)} characters on line 2; the limit is {STANDFIRST_MAX_LENGTH})"
        )

    body = [line for line in lines[2:] if line]
    if not body:
        raise WireError("no body (nothing after the headline and standfirst)")
    return WireStory(headline=headline, standfirst=standfirst, blocks=tuple(classify(body)))


def classify(lines):
    """Body lines to Blocks: paragraphs, cross-headings and teasers."""
    blocks = []
    for index, line in enumerate(lines):
        prefix = _TEASER_PREFIX.match(line)
        if prefix:
            # An explicit teaser may stand anywhere, even last.
            blocks.append(Block("paragraph", line, teaser=line[prefix.end():]))
            continue
        between_paragraphs = 0 < index < len(lines) - 1
        if between_paragraphs and not ends_sentence(line) and any(char.isalnum() for char in line):
            kind = "heading" if len(line) <= SUBHEADING_MAX_LENGTH else "paragraph"
            teaser = line if len(line) <= HEADLINE_MAX_LENGTH else ""
            blocks.append(Block(kind, line, teaser=teaser))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def ends_sentence(line):
    """True when the line ends with closing punctuation, quotes aside."""
    stripped = line.rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def render_body(blocks, find_article=None):
    """
    Body HTML for `blocks`, every piece of text escaped. `find_article(text)`
    returns (url, headline) of the published article a teaser points to, or
    None; a teaser it finds becomes a "Baca juga" link.

    The link is a paragraph with a bold label because the body allow-list
    (articles/sanitize.py) strips class attributes: this markup needs none.
    """
    html = []
    for block in blocks:
        target = find_article(block.teaser) if block.teaser and find_article else None
        if target:
            url, headline = target
            html.append(
                f'<p><strong>{BACA_JUGA_LABEL}:</strong> <a href="{escape(url)}">{escape(headline)}</a></p>'
            )
        elif block.kind == "heading":
            html.append(f"<h2>{escape(block.text)}</h2>")
        else:
            html.append(f"<p>{escape(block.text)}</p>")
    return "\n".join(html)
