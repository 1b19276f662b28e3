"""
What a WordPress post becomes: the rules, without the database.

    status      publish -> published; future -> published at its (future)
                time, so scheduled; draft -> draft; pending -> in review;
                private -> draft; trash and auto-draft are not imported
    headline    the title, without markup; an untitled post takes the first
                words of its body (a warning says so)
    standfirst  the excerpt, else the first paragraph, cut to 400 characters
    publish at  the post's GMT date (WordPress's local date is ignored: the
                old site's time zone is not in the export)
    updated     the GMT modified date, shown as "Diperbarui" when it is more
                than a minute after publication
    section     the first of the post's categories that --section-map
                names, else its first category (WordPress puts a post with
                none in "uncategorized", and so do we)
    topics      the other categories and the tags, at most 20
    byline      the author (dc:creator), by display name
"""

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote

from django.utils.text import slugify

from articles.models import Article, Section, Tag

from .body import first_paragraph, plain_text, shorten

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
}
NOT_IMPORTED = {
    "trash": "in the trash; not imported",
    "auto-draft": "an auto-draft WordPress made, never written; not imported",
    "inherit": "a revision; not imported",
}
DEFAULT_CATEGORY = ("uncategorized", "Uncategorized")
HEADLINE_MAX = Article._meta.get_field("headline").max_length
STANDFIRST_MAX = Article._meta.get_field("standfirst").max_length
SECTION_NAME_MAX = Section._meta.get_field("name").max_length
TAG_NAME_MAX = Tag._meta.get_field("name").max_length
PERSON_NAME_MAX = 120
UPDATE_THRESHOLD = timedelta(minutes=1)


class Skip(Exception):
    """An item deliberately left out; the message says why."""


class Refuse(Exception):
    """An item that cannot be imported; the message is the reason."""


@dataclass
class Post:
    """What the import makes of one post, in plain values (see the module docstring)."""

    headline: str
    standfirst: str
    body: str
    status: str
    publish_at: object
    updated_at: object
    section: tuple  # (slug, name) or the slug of a section chosen with --section-map
    topics: list  # [(slug, name)]
    author: tuple | None  # (login, display name)
    lead_attachment: int | None
    slug: str
    warnings: list = field(default_factory=list)

    def digest(self, lead_file=""):
        data = {
            "headline": self.headline, "standfirst": self.standfirst, "body": self.body, "status": self.status,
            "publish_at": self.publish_at.isoformat() if self.publish_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "section": list(self.section), "topics": [list(t) for t in self.topics],
            "author": list(self.author) if self.author else None, "lead": lead_file,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def clean_name(text, limit):
    """
    A name or title as plain text on one line, cut to `limit`: markup,
    control and invisible formatting characters (zero-width spaces,
    direction marks) removed; letters of any script and emoji kept.
    """
    text = "".join(ch for ch in plain_text(text) if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    return shorten(" ".join(text.split()), limit)


def slug_from(item):
    """The slug the post had (decoded: WordPress stores %e2%80%9c), else one from its title."""
    return slugify(unquote(item.slug) or plain_text(item.title), allow_unicode=True)[:190].strip("-")


def map_post(item, conversion, catalogue, section_map):
    """A Post for `item`; Skip or Refuse when it is not to be imported."""
    if item.status in NOT_IMPORTED:
        raise Skip(NOT_IMPORTED[item.status])
    status = STATUSES.get(item.status)
    if status is None:
        raise Refuse(f"unknown WordPress status {item.status!r}")
    body = conversion.convert(item.content)
    warnings = list(conversion.warnings)
    headline = clean_name(item.title, HEADLINE_MAX)
    if not headline:
        headline = shorten(first_paragraph(body), HEADLINE_MAX)
        if not headline:
            raise Skip("no title and no body; nothing to import")
        warnings.append("no title; the headline is the start of the body")
    elif len(plain_text(item.title)) > HEADLINE_MAX:
        warnings.append(f"title longer than {HEADLINE_MAX} characters; shortened")
    if not body:
        warnings.append("empty body")
    standfirst = shorten(plain_text(item.excerpt), STANDFIRST_MAX) or shorten(first_paragraph(body), STANDFIRST_MAX)
    if standfirst == headline:
        standfirst = ""

    publish_at = item.date_gmt
    if status == Article.Status.PUBLISHED and publish_at is None:
        raise Refuse("published, but without a date")
    updated = item.modified_gmt if publish_at and item.modified_gmt and item.modified_gmt - publish_at > UPDATE_THRESHOLD else None

    section, topics = sections_and_topics(item, catalogue, section_map)
    if len(topics) > Article.MAX_TAGS:
        warnings.append(f"{len(topics)} categories and tags; only the first {Article.MAX_TAGS} became topics")
        topics = topics[: Article.MAX_TAGS]
    author = None
    if item.creator:
        author = (item.creator, clean_name(catalogue.authors.get(item.creator) or item.creator, PERSON_NAME_MAX) or item.creator[:PERSON_NAME_MAX])
    thumbnail = item.meta.get("_thumbnail_id", "").strip()
    return Post(
        headline=headline,
        standfirst=standfirst,
        body=body,
        status=status,
        publish_at=publish_at,
        updated_at=updated,
        section=section,
        topics=topics,
        author=author,
        lead_attachment=int(thumbnail) if thumbnail.isdigit() else None,
        slug=slug_from(item),
        warnings=warnings,
    )


def sections_and_topics(item, catalogue, section_map):
    """
    (section, topics): the section as ("map", slug) for one chosen with
    --section-map or (slug, name) for one made from a category.
    """
    categories = [(nicename, name or catalogue.categories.get(nicename, (nicename,))[0]) for nicename, name in item.categories]
    categories = [(unquote(nicename), name) for nicename, name in categories if nicename]
    if not categories:
        categories = [DEFAULT_CATEGORY]
    chosen = next((c for c in categories if mapped(c, section_map)), categories[0])
    target = mapped(chosen, section_map)
    section = ("map", target) if target else (chosen[0], clean_name(chosen[1], SECTION_NAME_MAX) or chosen[0])
    topics, seen = [], set()
    for slug, name in [c for c in categories if c is not chosen] + [(unquote(s), n) for s, n in item.tags]:
        name = clean_name(name or slug, TAG_NAME_MAX)
        if name and name.lower() not in seen:
            seen.add(name.lower())
            topics.append((slugify(slug, allow_unicode=True) or slugify(name, allow_unicode=True), name))
    return section, topics


def mapped(category, section_map):
    """The section slug --section-map gives a category, by nicename or name (case aside)."""
    nicename, name = category
    return section_map.get(nicename.lower()) or section_map.get(name.lower())
