"""
Sitemaps for search engines: published articles by month and the Google
News sitemap of the last 48 hours (both in pages, see articles/urlsets.py),
sections, topics and people, all behind one index.

Every article query starts from Article.objects.published() (or
published_between()); topics and people are listed only when they have a
published article, like their pages. The index's month figures are the one
exception, read from PublishedHour's counts of stories with the published
status (articles/archive_months.py): only for whole hours before the
current one, all of whose stories readers may see.
"""

import re
from collections.abc import Mapping
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Subquery

from .archive_months import archive_months
from .models import Article, Contribution, Person, Section, Tag
from .urlsets import ArticleMonthSitemap, NewsSitemap


def latest_published(**lookups):
    """The newest publish time among published articles matching `lookups`, as a subquery."""
    return Subquery(Article.objects.published().filter(**lookups).order_by("-publish_at").values("publish_at")[:1])


def newest_publish_time(related_rows):
    """
    The publish time of the newest published article that has `related_rows`
    (a query correlated on the article): walks the articles newest first and
    stops at the first match, instead of joining the whole archive.
    """
    return (
        Article.objects.published()
        .filter(Exists(related_rows))
        .order_by("-publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


class SiteUrlSitemap(Sitemap):
    """Addresses from SITE_URL, whatever Host the request came in on."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def num_pages(self):
        # Counting the topics or people with a published story walked the
        # archive (0.2 to 0.5 s each on PostgreSQL over 100,000 stories);
        # a table with no more rows than a page holds has one page.
        if self.model._default_manager.count() <= self.limit:
            return 1
        return self.paginator.num_pages


class SectionSitemap(SiteUrlSitemap):
    changefreq = "hourly"
    model = Section

    def __init__(self, newest_publish_time=None):
        # The index knows it already, from the newest month's figures.
        self._latest = newest_publish_time

    def items(self):
        return Section.objects.annotate(latest=latest_published(section=OuterRef("pk"))).order_by("position", "name")

    def lastmod(self, section):
        return section.latest

    def get_latest_lastmod(self):
        if self._latest is None:
            self._latest = Article.objects.published().aggregate(latest=Max("publish_at"))["latest"]
        return self._latest


class TagSitemap(SiteUrlSitemap):
    model = Tag

    def items(self):
        return Tag.objects.with_published_articles().annotate(latest=latest_published(tags=OuterRef("pk"))).order_by("name", "pk")

    def lastmod(self, tag):
        return tag.latest

    def get_latest_lastmod(self):
        return newest_publish_time(Article.tags.through.objects.filter(article_id=OuterRef("pk")))


class PersonSitemap(SiteUrlSitemap):
    model = Person

    def items(self):
        return (
            Person.objects.with_published_articles()
            .annotate(latest=latest_published(contributions__person=OuterRef("pk")))
            .only("slug")
            .order_by("name", "pk")
        )

    def lastmod(self, person):
        return person.latest

    def get_latest_lastmod(self):
        return newest_publish_time(Contribution.objects.filter(article_id=OuterRef("pk")))


class SitemapRegistry(Mapping):
    """
    The sitemaps behind the index, keyed by the name in their address
    (sitemap-<key>.xml). Month keys ("artikel-2026-11") are worked out per
    request from the articles themselves, so a new month needs no deploy.
    """

    fixed = {"news": NewsSitemap, "rubrik": SectionSitemap, "topik": TagSitemap, "penulis": PersonSitemap}
    month_key = re.compile(r"artikel-(\d{4})-(\d{2})")

    def months(self):
        """(year, month, count, latest change, newest publish time) for every month with published articles, newest first."""
        return archive_months()

    def __getitem__(self, key):
        if key in self.fixed:
            return self.fixed[key]()
        match = self.month_key.fullmatch(key)
        if match:
            year, month = int(match[1]), int(match[2])
            try:
                date(year, month, 1)
            except ValueError:
                raise KeyError(key) from None
            if year < 9999:
                return ArticleMonthSitemap(year, month)
        raise KeyError(key)

    def __iter__(self):
        for year, month, *_figures in self.months():
            yield f"artikel-{year:04d}-{month:02d}"
        yield from self.fixed

    def __len__(self):
        return len(self.months()) + len(self.fixed)

    # Mapping compares contents, which would query the database and build
    # fresh sitemaps each time; reverse() compares URL defaults with ==.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def items(self):
        """Every sitemap with its figures precomputed, for the index."""
        months = self.months()
        for year, month, count, latest, _newest_publish in months:
            yield f"artikel-{year:04d}-{month:02d}", ArticleMonthSitemap(year, month, count=count, latest=latest)
        for key, sitemap_class in self.fixed.items():
            if sitemap_class is SectionSitemap and months:
                yield key, SectionSitemap(newest_publish_time=months[0][4])
            else:
                yield key, sitemap_class()


sitemaps = SitemapRegistry()
