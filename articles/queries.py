"""
The reader pages' queries that are more than a filter: cards for several
lists in one query, and the "Baca juga" block.
"""

import operator
from functools import reduce

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from .models import Article

RELATED_LIMIT = 5


def card_queryset(now=None):
    """Published articles (at `now`, by default the current time) with what a card shows; bodies stay in the database."""
    return Article.objects.published(now).select_related("section", "lead_image").defer("body")


class KeysFirstPaginator(Paginator):
    """
    A page of a long list in two steps inside one query: the page's keys
    from the index alone (the OFFSET walks index entries, not rows), then
    those rows. A plain OFFSET read every skipped row: the last of 568 pages
    of a section cost 35 ms more than the first on 100,000 stories.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


def cards_among(groups):
    """
    Cards for the articles in any of `groups`: each a published() query of
    keys, ordered and LIMITed. The rows are fetched by key alone. Every key
    already passed published(); repeating its filter out here would lead
    SQLite to walk the whole archive by date instead of looking keys up.

    PostgreSQL cannot use the primary key for an OR of IN-subqueries (it
    scans the table), but turns an IN over their UNION ALL into key lookups.
    SQLite allows no LIMIT inside a UNION, and does plan the OR as lookups.
    """
    if len(groups) > 1 and connection.features.supports_slicing_ordering_in_compound:
        among = Q(pk__in=groups[0].union(*groups[1:], all=True))
    else:
        among = reduce(operator.or_, (Q(pk__in=group) for group in groups))
    return Article.objects.select_related("section", "lead_image").defer("body").filter(among)


def related_queryset(article, section, now, limit=RELATED_LIMIT):
    """
    "Baca juga" for the article with key `article` in `section` (a key, or
    None): the editor's picks first, then stories sharing a topic, then
    stories from the same section; newest first within each group, and only
    ever published ones at `now`. One query whose cost stays flat as the archive
    grows: the topic and section groups each offer only their newest `limit`
    (a story in two groups is ranked by the first, and any overlap is made
    up by that earlier group), and the ranking looks only at those few rows.
    The article's topics are a subquery, so the SQL is the same for every
    article and can be prepared once (articles/article_queries.py).
    """
    candidates = Article.objects.published(now).exclude(pk=article)
    picked = Article.related_articles.through.objects.filter(from_article_id=article)
    # Editors pick a handful; sorting them inside the subquery would make
    # SQLite walk the whole archive by date to find them.
    groups = [candidates.filter(pk__in=picked.values("to_article_id")).values("pk")]
    ranks = [When(Exists(picked.filter(to_article_id=OuterRef("pk"))), then=Value(0))]
    topics = Article.tags.through.objects.filter(article_id=article).values("tag_id")
    tagged = Article.tags.through.objects.filter(tag_id__in=topics)
    groups.append(candidates.filter(pk__in=tagged.values("article_id")).order_by("-publish_at", "-pk").values("pk")[:limit])
    ranks.append(When(Exists(tagged.filter(article_id=OuterRef("pk"))), then=Value(1)))
    if section is not None:
        groups.append(candidates.filter(section_id=section).order_by("-publish_at", "-pk").values("pk")[:limit])
    return (
        cards_among(groups)
        .annotate(relation=Case(*ranks, default=Value(2), output_field=IntegerField()))
        .order_by("relation", "-publish_at", "-pk")[:limit]
    )
