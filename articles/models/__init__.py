"""
The content model of the `articles` app, one module per seam:

    slugs       unique_slug(), the slug rule shared by articles, tags and people
    querysets   ArticleQuerySet (published(): what readers may see) and the
                tag and person querysets built on it
    images      Image, the picture library (its admin and renditions: articles/media/)
    taxonomy    Section, Tag, Person
    article     Article (content and workflow), Contribution, Source
    archive     PublishedHour, PublishedDay, the published stories counted by the hour and day (sitemaps);
                PublishedTagging, the published stories of each topic (the topic page)

Everything is importable from here, as from any app's models module.
"""

from .archive import PublishedDay, PublishedHour, PublishedTagging
from .article import Article, Contribution, Source
from .images import Image
from .querysets import ArticleQuerySet, PersonQuerySet, TagQuerySet
from .slugs import SLUG_MAX_LENGTH, unique_slug
from .taxonomy import Person, Section, Tag

__all__ = [
    "SLUG_MAX_LENGTH",
    "Article",
    "ArticleQuerySet",
    "Contribution",
    "Image",
    "Person",
    "PersonQuerySet",
    "PublishedDay",
    "PublishedHour",
    "PublishedTagging",
    "Section",
    "Source",
    "Tag",
    "TagQuerySet",
    "unique_slug",
]
