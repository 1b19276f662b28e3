"""
How an imported story is recognised when it comes again.

Identity of wire copy
    A wire story is recognised by its file name, without the folders:
    `Article.source_key` is "wire:" followed by the name (Unicode NFC, so a
    name from a Mac matches the same name from Linux; bytes of a name that
    is not UTF-8 written as \\xNN, so such a name shares its key with one
    that spells those four characters out). Agencies keep the file
    name, their story ID, when they send a corrected version, while the
    headline may well change; moving files between folders changes nothing.
    Two different stories must therefore not share a file name.

    `Article.source_digest` fingerprints the text the import produced
    (headline, standfirst and body HTML, whitespace aside). A file whose
    text gives the stored fingerprint again is `unchanged`. A file with new
    text is an update, unless editors changed the article on the site since
    it was imported (its text no longer matches the fingerprint): then the
    file fails rather than overwrite their work, until the operator says so.

    The operator's options describe how stories enter the site. On an
    article that already exists they only fill what is missing: a section
    when it has none, a byline when it has none, publication when it is
    still a draft or in review. They never move, re-byline, reschedule or
    unpublish what editors have decided.
"""

import hashlib
import unicodedata
from pathlib import Path

from ..models import Article, unique_slug

SOURCE_KEY_PREFIX = "wire:"
SOURCE_KEY_MAX_LENGTH = Article._meta.get_field("source_key").max_length


def name_as_text(name):
    """
    A file name as text that can be stored and printed. Python hands over
    the bytes of a name that is not UTF-8 (a legacy system's Latin-1, say)
    as lone surrogates, which neither the database nor a UTF-8 terminal
    accepts; they become \\xNN escapes, the same every time.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def wire_source_key(path):
    """The identity of the wire story in the file at `path` (see the module docstring)."""
    name = unicodedata.normalize("NFC", name_as_text(Path(path).name))
    key = SOURCE_KEY_PREFIX + name
    if len(key) <= SOURCE_KEY_MAX_LENGTH:
        return key
    # Keep as much of the name as fits, made unique by a hash of all of it.
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return f"{key[: SOURCE_KEY_MAX_LENGTH - len(digest) - 1]}~{digest}"


def with_source_key(key):
    """
    The article imported under `key`, as a query the partial unique index
    on source_key can answer: SQLite uses that index only when the query
    repeats its condition (non-empty key), and reads the whole table otherwise.
    """
    return Article.objects.filter(source_key=key).exclude(source_key="").order_by("pk")


def free_slug(headline):
    """The slug Article.save() would give a new article with this headline."""
    return unique_slug(Article, headline, fallback="artikel")


def content_fingerprint(headline, standfirst, body):
    """A digest of an article's text that ignores changes in whitespace alone."""
    text = "\x1f".join(" ".join(part.split()) for part in (headline, standfirst, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
