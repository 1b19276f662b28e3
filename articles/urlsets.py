"""
The sitemaps that grow with the archive, written as XML here rather than
through Django's sitemap framework: a month of stories and the Google News
sitemap of the last 48 hours, both in pages of at most PAGE_SIZE URLs.

Through the framework each URL cost about 48 us (a model instance, a
reverse(), a dict, a template loop with filters). Here a URL is one row of
a few columns straight from the database cursor and one string: the
address from one reverse() per request with each slug quoted as reverse()
quotes it, dates as the template's `date:"c"` gave them (site time zone),
text escaped as autoescape does. The XML is the same, byte for byte.
"""

import html
import math
import re
from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Count, Max, Min
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS

from .archive_months import as_moment, floor_hour, last_changed, month_start
from .models import Article, PublishedHour
from .plaintext import strip_controls

# A month of 10,000 stories, and the news sitemap's 48 hours, are listed in
# pages of this many URLs, so that a file costs the same whatever the
# archive holds (Google reads up to 50,000; WordPress writes 2,000 a file,
# Yoast 1,000, Rank Math 200). A file costs about 2 us a URL on SQLite (a
# news URL 4-5 us): 250 keep one within twice a month of the demo (39 URLs,
# 1.2-1.4 ms), where 500 reached it under load.
PAGE_SIZE = 250
# From this many stories into a month, a page finds where it starts from
# the hour counts rather than by skipping index entries (skip_whole_hours).
HOURS_SKIP_FROM = 2000
NEWS_WINDOW = timedelta(hours=48)
# Google reads at most this many stories from the news sitemaps, all files together.
NEWS_LIMIT = 1000

URLSET_END = "\n</urlset>\n"
# What reverse() leaves unquoted in a path (django.urls.resolvers).
PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"
SLUG_MARK = "__slug__"
# Slugs that quote() returns unchanged: most of them, and the test is cheaper than quote().
PLAIN_SLUG = re.compile(r"[A-Za-z0-9_.~-]+")
# A page's slugs joined by line breaks, all plain: one test for the page.
PLAIN_SLUGS = re.compile(r"[A-Za-z0-9_.~\n-]*")


def page_number(page):
    """The page asked for as an int, or PageNotAnInteger/EmptyPage as Django's paginator raises them."""
    try:
        if isinstance(page, float) and not page.is_integer():
            raise ValueError
        number = int(page)
    except (TypeError, ValueError):
        raise PageNotAnInteger(page) from None
    if number < 1:
        raise EmptyPage(page)
    return number


# The local form of UTC hours, per time zone, remembered by the process: a
# pure function of the hour (about 10 us each, 48 hours in a news sitemap).
# Emptied when it grows past HOURS_KEPT (about 1 MB).
LOCAL_HOURS = {}
HOURS_KEPT = 20_000


def local_hour(zone, head):
    """
    (local "YYYY-MM-DDTHH", offset text) for the UTC hour `head`
    ("YYYY-MM-DD HH"), or None when the hour's offset is not one whole
    number of hours all through it.
    """
    key = (zone, head)
    if key not in LOCAL_HOURS:
        if len(LOCAL_HOURS) >= HOURS_KEPT:
            LOCAL_HOURS.clear()
        start = datetime.fromisoformat(f"{head}:00:00").replace(tzinfo=UTC)
        first, last = start.astimezone(zone), (start + timedelta(minutes=59, seconds=59, microseconds=999999)).astimezone(zone)
        offset = first.utcoffset()
        whole = offset == last.utcoffset() and not offset.total_seconds() % 3600
        text = first.isoformat()  # "YYYY-MM-DDTHH:00:00+07:00"
        LOCAL_HOURS[key] = (text[:13], text[19:]) if whole else None
    return LOCAL_HOURS[key]


def local_iso(zone):
    """
    A function from a raw database datetime to its ISO 8601 text in `zone`,
    as `date:"c"` gives it. SQLite gives UTC: text for an expression, a
    naive datetime for a column (sqlite3 parses declared types);
    PostgreSQL an aware datetime.

    SQLite's text is turned into local text by its UTC hour: within an hour
    whose offset stays the same whole number of hours (every hour of
    Asia/Jakarta), only the date and hour change, so each row costs a
    lookup and a join of strings instead of a parse, a time zone
    conversion and a format (about 2 us a date). Other hours go the long way.
    """
    parse = datetime.fromisoformat
    hours = {}

    def convert(value):
        if isinstance(value, str):
            head = value[:13]
            known = hours[head] if head in hours else hours.setdefault(head, local_hour(zone, head))
            if known is not None:
                return f"{known[0]}{value[13:]}{known[1]}"
            value = parse(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(zone).isoformat()

    return convert


def fetch(queryset):
    """A queryset's rows as the cursor gives them: no converter runs per row."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class ArticleUrlset:
    """A page of articles as a <urlset>; subclasses say which rows and what each <url> holds."""

    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    limit = PAGE_SIZE

    def rows(self, offset):
        """Up to `limit` articles from `offset` on, as raw tuples starting (slug, last change)."""
        raise NotImplementedError

    def count(self):
        """How many articles the pages hold together."""
        raise NotImplementedError

    def num_pages(self):
        return max(1, math.ceil(self.count() / self.limit))

    def entries(self, rows, locations, iso):
        """The <url> elements of `rows`; `locations` are their addresses, XML-ready; `iso` formats a raw moment."""
        return [f"<url><loc>{location}</loc><lastmod>{iso(row[1])}</lastmod></url>" for location, row in zip(locations, rows)]

    def leaves_at(self, rows):
        """When a page holding `rows` changes with nobody saving anything (None: only when something is saved)."""
        return None

    def urlset(self, page=1):
        """
        (XML, latest change or None, the moment it changes by itself or None)
        for page `page`: page 1 always exists, a later one only when it holds
        an article.
        """
        number = page_number(page)
        rows = self.rows((number - 1) * self.limit)
        if number > 1 and not rows:
            raise EmptyPage(page)
        before, after = self.location_parts()
        slugs = [row[0] for row in rows]
        if not PLAIN_SLUGS.fullmatch("\n".join(slugs)):
            # Autoescape's escape() on what quote() leaves: & and ' may stay in a path.
            slugs = [slug if PLAIN_SLUG.fullmatch(slug) else html.escape(quote(slug, safe=PATH_SAFE)) for slug in slugs]
        locations = [f"{before}{slug}{after}" for slug in slugs]
        latest = as_moment(max(row[1] for row in rows)) if rows else None
        body = "".join([self.head, *self.entries(rows, locations, local_iso(timezone.get_current_timezone())), URLSET_END])
        return body, latest, self.leaves_at(rows)

    def location_parts(self):
        """An article's full address before and after its slug, escaped for XML."""
        path = reverse("articles:detail", kwargs={"slug": SLUG_MARK})
        before, after = path.split(SLUG_MARK)
        site = urlsplit(settings.SITE_URL)
        return escape(f"{site.scheme or 'https'}://{site.netloc}{before}"), escape(after)


class ArticleMonthSitemap(ArticleUrlset):
    """
    The articles first published in one calendar month (site time zone),
    oldest first, PAGE_SIZE a page: a new story joins the last page
    and the earlier pages stay as they were.
    """

    def __init__(self, year, month, count=None, latest=None):
        self.start, self.end = month_start(year, month), month_start(year, month + 1)
        self._count = count
        self._latest = latest

    def articles(self):
        return Article.objects.published_between(self.start, self.end)

    def rows(self, offset):
        start, skip = self.skip_whole_hours(offset) if offset >= HOURS_SKIP_FROM else (self.start, offset)
        # The order of the index article_sitemap_idx (slugs are unique): a
        # page skips index entries, where ordering by key sorted the month.
        ordered = (
            Article.objects.published_between(start, self.end)
            .order_by("publish_at", "updated_at", "slug")
            .values_list("slug", last_changed())
        )
        return fetch(ordered[skip : skip + self.limit])

    def skip_whole_hours(self, offset):
        """
        (where to start, stories still to skip) for the page at `offset`: the
        whole hours whose stories all come before it, from PublishedHour's
        counts (the month's 720 numbers summed here; a window function in
        SQLite cost three times as much), then the first hour not skipped,
        so that the last page of 10,000 stories skips a part of an hour
        instead of walking 9,500 index entries (0.5 ms instead of 2.2 ms on
        SQLite). The counts cover whole past hours: a month starting on a
        part-hour skips the long way.
        """
        whole_end = min(self.end, floor_hour(timezone.now()))
        if floor_hour(self.start) != self.start or whole_end <= self.start:
            return self.start, offset
        table, adapt = PublishedHour._meta.db_table, connection.ops.adapt_datetimefield_value
        hours = f"FROM {table} WHERE hour >= %s AND hour < %s ORDER BY hour"
        bounds = [adapt(self.start), adapt(whole_end)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count {hours}", bounds)
            running = list(accumulate(count for (count,) in cursor.fetchall()))
            skipped_hours = bisect_right(running, offset)
            if not skipped_hours:
                return self.start, offset
            if skipped_hours == len(running):
                return whole_end, offset - running[-1]
            # The first hour not skipped: an hour without a row holds no story.
            cursor.execute(f"SELECT hour {hours} LIMIT 1 OFFSET %s", [*bounds, skipped_hours])
            (start,) = cursor.fetchone()
        return as_moment(start), offset - running[skipped_hours - 1]

    def get_latest_lastmod(self):
        if self._latest is None:
            self._latest = self.articles().aggregate(latest=Max(last_changed()))["latest"]
        return self._latest

    def count(self):
        if self._count is None:
            self._count = self.articles().count()
        return self._count


class NewsSitemap(ArticleUrlset):
    """
    Articles published in the last 48 hours, for Google News: newest first,
    at most NEWS_LIMIT in all, PAGE_SIZE a page (Google reads several news
    sitemaps listed in the index). A new story joins the first page and
    moves the others along by one.
    """

    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
    )

    def __init__(self):
        self._figures = None

    def recent(self):
        return (
            Article.objects.published()
            .filter(publish_at__gte=timezone.now() - NEWS_WINDOW)
            # Google News takes no paid content (advertorials, sponsored).
            .filter(paid_kind="")
        )

    def rows(self, offset):
        stop = min(offset + self.limit, NEWS_LIMIT)
        if offset >= stop:
            return []
        recent = (
            self.recent()
            # The index's order, read backwards (slugs are unique).
            .order_by("-publish_at", "-updated_at", "-slug")
            # The publish time as an expression: sqlite3 parses a column
            # declared datetime into a datetime, an expression comes as text,
            # which local_iso() turns into local text for less.
            .values_list("slug", last_changed(), Greatest("publish_at", "publish_at"), "headline")
        )
        return fetch(recent[offset:stop])

    def figures(self):
        """
        (stories listed, latest change among the window's stories, oldest
        publish time among them), for the index: one read of the window's
        index entries.
        """
        if self._figures is None:
            found = self.recent().aggregate(count=Count("pk"), latest=Max(last_changed()), oldest=Min("publish_at"))
            self._figures = min(found["count"], NEWS_LIMIT), found["latest"], found["oldest"]
        return self._figures

    # A story leaves the window 48 hours after it was published, with no
    # save to bump a stamp: a cached file, or the index's count of files and
    # last change, is good until then (the page cache's valid_until).

    def leaves_at(self, rows):
        # Rows come newest first: the last is the first to leave, and only
        # a story leaving changes this file (those before it stay put).
        return as_moment(rows[-1][2]) + NEWS_WINDOW if rows else None

    def changes_at(self):
        """When the index's news figures change by themselves: the window's oldest story leaves it."""
        oldest = self.figures()[2]
        return oldest + NEWS_WINDOW if oldest is not None else None

    def count(self):
        return self.figures()[0]

    def get_latest_lastmod(self):
        return self.figures()[1]

    def entries(self, rows, locations, iso):
        # Google wants an ISO 639 code: "id", not "id-ID".
        publication = (
            f"<news:publication><news:name>{escape(strip_controls(settings.SITE_NAME))}</news:name>"
            f"<news:language>{escape(settings.LANGUAGE_CODE.split('-')[0])}</news:language></news:publication>"
        )
        return [
            f"<url><loc>{location}</loc><lastmod>{iso(changed)}</lastmod><news:news>{publication}"
            f"<news:publication_date>{iso(published)}</news:publication_date>"
            f"<news:title>{title}</news:title></news:news></url>"
            for location, (_slug, changed, published, _headline), title in zip(locations, rows, titles(rows))
        ]


def titles(rows):
    """
    The headlines of news rows, without control characters and escaped, in
    one pass over them all joined by line breaks (a headline is one line:
    one that is not is done alone).
    """
    headlines = [row[3] for row in rows]
    done = html.escape(strip_controls("\n".join(headlines))).split("\n")
    if len(done) == len(headlines):
        return done
    return [html.escape(strip_controls(headline)) for headline in headlines]
