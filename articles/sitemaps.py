"""
Sitemaps for search engines: published articles by month, sections, topics
and people behind one index, plus a Google News sitemap of the last 48 hours.

Every article query starts from Article.objects.published(); topics and
people are listed only when they have a published article, like their pages.
"""

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Exists, Func, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import Article, Contribution, Person, Section, Tag

NEWS_WINDOW = timedelta(hours=48)
# Google reads at most this many entries from a news sitemap.
NEWS_LIMIT = 1000


def last_changed():
    """An article's last change as crawlers should see it: edits after publication count, earlier ones do not."""
    return Greatest("publish_at", "updated_at")


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
        return self.paginator.num_pages


class ArticleMonthSitemap(SiteUrlSitemap):
    """The articles first published in one calendar month (site time zone)."""

    def __init__(self, year, month, count=None, latest=None):
        self.start = timezone.make_aware(datetime(year, month, 1))
        self.end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
        self._count = count
        self._latest = latest

    def items(self):
        return (
            Article.objects.published()
            .filter(publish_at__gte=self.start, publish_at__lt=self.end)
            .annotate(last_changed=last_changed())
            .only("slug", "publish_at", "updated_at")
            .order_by("publish_at", "pk")
        )

    def lastmod(self, article):
        return article.last_changed

    def get_latest_lastmod(self):
        if self._latest is None:
            self._latest = self.items().aggregate(latest=Max("last_changed"))["latest"]
        return self._latest

    def num_pages(self):
        if self._count is None:
            return super().num_pages()
        return max(1, math.ceil(self._count / self.limit))


class SectionSitemap(SiteUrlSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.annotate(latest=latest_published(section=OuterRef("pk"))).order_by("position", "name")

    def lastmod(self, section):
        return section.latest

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("publish_at"))["latest"]


class TagSitemap(SiteUrlSitemap):
    def items(self):
        return Tag.objects.with_published_articles().annotate(latest=latest_published(tags=OuterRef("pk"))).order_by("name", "pk")

    def lastmod(self, tag):
        return tag.latest

    def get_latest_lastmod(self):
        return newest_publish_time(Article.tags.through.objects.filter(article_id=OuterRef("pk")))


class PersonSitemap(SiteUrlSitemap):
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


class NewsSitemap(SiteUrlSitemap):
    """Articles published in the last 48 hours, for Google News."""

    limit = NEWS_LIMIT

    def items(self):
        return (
            Article.objects.published()
            .filter(publish_at__gte=timezone.now() - NEWS_WINDOW)
            # Google News takes no paid content (advertorials, sponsored).
            .filter(paid_kind="")
            .annotate(last_changed=last_changed())
            .only("slug", "headline", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.last_changed

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        # Google wants an ISO 639 code: "id", not "id-ID".
        language = settings.LANGUAGE_CODE.split("-")[0]
        for url in urls:
            url["publication_name"] = settings.SITE_NAME
            url["publication_language"] = language
        return urls


class LocalMonth(Func):
    """
    A moment's month in the site's time zone as year * 100 + month, worked
    out by the database itself. Django's TruncMonth calls a Python function
    for every row on SQLite (0.9 s over 90,000 articles); SQLite's own
    strftime() with the zone's offset takes a few milliseconds. That offset
    is the zone's current one, exact for zones that keep no daylight saving
    time, as none in Indonesia does. PostgreSQL converts each moment exactly.
    """

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        offset = int(timezone.localtime().utcoffset().total_seconds() // 60)
        return f"CAST(strftime('%%Y%%m', {sql}, '{offset:+d} minutes') AS INTEGER)", params

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        local = f"({sql} AT TIME ZONE %s)"
        zone = timezone.get_current_timezone_name()
        return f"CAST(EXTRACT(YEAR FROM {local}) * 100 + EXTRACT(MONTH FROM {local}) AS integer)", (*params, zone, *params, zone)


class SitemapRegistry(Mapping):
    """
    The sitemaps behind the index, keyed by the name in their address
    (sitemap-<key>.xml). Month keys ("artikel-2026-11") are worked out per
    request from the articles themselves, so a new month needs no deploy.
    """

    fixed = {"rubrik": SectionSitemap, "topik": TagSitemap, "penulis": PersonSitemap}
    month_key = re.compile(r"artikel-(\d{4})-(\d{2})")

    def months(self):
        """(year, month, count, latest change) for every month with published articles, newest first: one query."""
        rows = (
            Article.objects.published()
            .annotate(month=LocalMonth("publish_at"))
            .values("month")
            .annotate(count=Count("pk"), latest=Max(last_changed()))
            .order_by("-month")
        )
        return [(row["month"] // 100, row["month"] % 100, row["count"], row["latest"]) for row in rows]

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
        for year, month, _count, _latest in self.months():
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
        for year, month, count, latest in self.months():
            yield f"artikel-{year:04d}-{month:02d}", ArticleMonthSitemap(year, month, count=count, latest=latest)
        for key, sitemap_class in self.fixed.items():
            yield key, sitemap_class()


sitemaps = SitemapRegistry()
news_sitemaps = {"news": NewsSitemap}
