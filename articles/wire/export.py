"""
Articles as portable JSON: one object per article, one article per line.

The record carries everything that makes up the article on another site:
text, status and times, section, byline people with their roles, tags,
sources, related articles (by slug) and the lead image's file name and
texts. Database ids and user accounts are left out: they mean nothing
elsewhere. `import_articles` reads the same records back (articles/importer.py).
"""

import json
from datetime import UTC, datetime

from django.db.models import Prefetch

from ..models import Article, Contribution, Source, Tag


def articles_for_export(since=None):
    """Every article, oldest first, with what export_article() reads prefetched."""
    articles = (
        Article.objects.order_by("pk")
        .select_related("section", "lead_image")
        .prefetch_related(
            Prefetch("contributions", queryset=Contribution.objects.select_related("person").order_by("position", "pk")),
            Prefetch("tags", queryset=Tag.objects.order_by("slug")),
            Prefetch("sources", queryset=Source.objects.order_by("position", "pk")),
            Prefetch("related_articles", queryset=Article.objects.order_by("slug").only("pk", "slug")),
        )
    )
    if since is not None:
        articles = articles.filter(updated_at__gte=since)
    return articles


def export_article(article):
    """The portable record of one article (see the module docstring)."""
    section = article.section
    image = article.lead_image
    return {
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "dateline": article.dateline,
        "paid_kind": article.paid_kind,
        "status": article.status,
        "publish_at": isoformat(article.publish_at),
        "first_published_at": isoformat(article.first_published_at),
        "updated_substantively_at": isoformat(article.updated_substantively_at),
        "created_at": isoformat(article.created_at),
        "updated_at": isoformat(article.updated_at),
        "section": None
        if section is None
        else {"slug": section.slug, "name": section.name, "description": section.description, "position": section.position},
        "people": [
            {
                "slug": contribution.person.slug,
                "name": contribution.person.name,
                "bio": contribution.person.bio,
                "role": contribution.role,
                "position": contribution.position,
            }
            for contribution in sorted(article.contributions.all(), key=lambda c: (c.position, c.pk))
        ],
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in sorted(article.tags.all(), key=lambda t: t.slug)],
        "sources": [
            {"name": source.name, "url": source.url, "position": source.position}
            for source in sorted(article.sources.all(), key=lambda s: (s.position, s.pk))
        ],
        "related": sorted(related.slug for related in article.related_articles.all()),
        "lead_image": None
        if image is None
        else {"file": image.file.name, "alt_text": image.alt_text, "caption": image.caption, "credit": image.credit},
        "source_key": article.source_key,
        "source_digest": article.source_digest,
    }


def isoformat(value):
    """Times travel in UTC with an explicit offset, so no zone is implied."""
    return None if value is None else value.astimezone(UTC).isoformat()


def parse_time(value):
    """The inverse of isoformat(); a time without an offset is refused."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return parsed


def dumps(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
