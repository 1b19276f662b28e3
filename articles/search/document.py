"""
An article's search document: its text, stemmed, in four weighted parts.

    headline     weight A
    standfirst   weight B
    body         weight C (the HTML reduced to its words)
    names        weight D: tags, byline people and the dateline

The document is written by `index.index_article()`, which `Article.save()` calls
and which code that changes tags or the byline after saving the article
calls again through `Article.refresh_search_document()`. The databases
derive their own index from the stored text (a generated tsvector column on
PostgreSQL, an FTS5 table kept by triggers on SQLite), and a trigger copies
the status, publish time and section whenever the article row changes, so
the copies a search filters on cannot fall behind the article.
"""

import html
import re

from .stemming import stem_text

# Block-level tags end a word even where the HTML has no space between them
# ("</p><p>"); inline tags (<em>, <a>) can sit inside a word and must not.
BLOCK_TAG_RE = re.compile(r"</?(?:p|br|h[1-6]|blockquote|ul|ol|li|div|figure|figcaption|table|tr|td|th)\b[^>]*>", re.I)
TAG_RE = re.compile(r"<[^>]*>")
# How much a match in each part counts, from the headline down. The letters
# are PostgreSQL's weight labels (migration 0003_search); SQLite's bm25()
# gets the same proportions.
WEIGHTS = {"headline": 1.0, "standfirst": 0.4, "body": 0.2, "names": 0.1}
# Newer stories rank higher: relevance is multiplied by 1 + 1 / (1 + age in
# days / RECENCY_DAYS), so today's story counts double, last week's one and
# a half, last year's barely more than its relevance. A headline match (five
# times a body match) still beats a fresher story that only mentions it.
RECENCY_DAYS = 7

# Only the start of a very long body is indexed (some 15,000 words): a
# PostgreSQL tsvector holds at most 1 MB and records word positions only up
# to 16,383, and no reader searches for the sixtieth page of a document.
MAX_INDEXED_BODY = 100_000


def body_text(body_html):
    """The words of sanitized body HTML as plain text."""
    text = TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", body_html or ""))
    return " ".join(html.unescape(text).split())


def document_fields(*, headline, standfirst, body_html, names):
    """The stored parts of a search document; `names` is an iterable of strings."""
    return {
        "headline": stem_text(headline or ""),
        "standfirst": stem_text(standfirst or ""),
        "body": stem_text(body_text(body_html)[:MAX_INDEXED_BODY]),
        "names": stem_text(" ".join(name for name in names if name)),
    }


def document_for(article, names):
    """The search document of `article`, given its tag and byline names."""
    return document_fields(
        headline=article.headline,
        standfirst=article.standfirst,
        body_html=article.body,
        names=[*names, article.dateline],
    )


def copied_columns(article):
    """The article columns SearchDocument keeps copies of (see the model)."""
    return {"status": article.status, "publish_at": article.publish_at, "section_id": article.section_id}
