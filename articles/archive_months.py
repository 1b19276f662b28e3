"""
The months of the archive that hold published stories, with each month's
count, newest change and newest publish time, for the sitemap index.

The figures come from PublishedHour (articles/models/archive.py), the
published stories counted per UTC hour by database triggers: a month is
the sum of its whole hours, read as PublishedDay's sums of the whole UTC
days among them (some 30 small index entries) and the hours at either
edge, whatever the month holds. What the hours cannot answer is read from the articles
themselves: the current hour, whose row also counts stories scheduled for
later in it, and, where the site's time zone is not a whole number of
hours from UTC, the part-hours at a month's edges.
"""

from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import F, Func, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Article, PublishedDay, PublishedHour

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
# Up to this many months, a month's whole hours are read as days and the
# hours at its edges (month_figures()): three UNION members a month.
DAYS_FOR_MONTHS_UP_TO = 150
# Beyond this many months between the oldest story and now (a date typed
# wrong by a century, say), months() looks for the months that have stories
# with a GROUP BY instead of a range per calendar month.
MONTHS_AT_MOST = 600


def last_changed():
    """An article's last change as crawlers should see it: edits after publication count, earlier ones do not."""
    return Greatest("publish_at", "updated_at")


def month_start(year, month):
    """The first moment of a calendar month in the site's time zone."""
    return timezone.make_aware(datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1))


def as_moment(value):
    """A datetime from a raw cursor: SQLite gives text in UTC, PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def floor_day(moment):
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def ceil_day(moment):
    start = floor_day(moment)
    return start if start == moment else start + DAY


def floor_hour(moment):
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def ceil_hour(moment):
    start = floor_hour(moment)
    return start if start == moment else start + HOUR


def live_figures(label, start, end):
    """A UNION member: the figures of [start, end) read from the articles (published_between() stops at now)."""
    rows = (
        Article.objects.published_between(start, end)
        .order_by()
        .annotate(
            n=Func(Value(1), function="COUNT"),
            change=Func(last_changed(), function="MAX"),
            newest=Func(F("publish_at"), function="MAX"),
        )
        .values_list("n", "change", "newest")
    )
    sql, params = rows.query.sql_with_params()
    return f"SELECT {label}, live{label}.* FROM ({sql}) live{label}", list(params)


def hour_figures(label, start, end, model=PublishedHour, column="hour"):
    """A UNION member: the figures of the whole hours (or, with PublishedDay, days) in [start, end), from their rows."""
    table = model._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    sql = f"SELECT {label}, SUM(count), MAX(latest_change), MAX(latest_publish) FROM {table} WHERE {column} >= %s AND {column} < %s"
    return sql, [adapt(start), adapt(end)]


def whole_figures(label, start, end):
    """
    UNION members for the whole hours in [start, end): the whole UTC days
    among them from PublishedDay (some 30 rows a month instead of 720),
    the hours at either edge from PublishedHour.
    """
    first_day, last_day = ceil_day(start), floor_day(end)
    if first_day >= last_day:
        return [hour_figures(label, start, end)]
    edges = [(start, first_day), (last_day, end)]
    return [hour_figures(label, first_day, last_day, PublishedDay, "day")] + [hour_figures(label, *edge) for edge in edges if edge[0] < edge[1]]


def month_figures(months):
    """
    {(year, month): (count, latest change, newest publish time)} for the
    `months` that have published articles, in one statement: per month,
    its whole hours before the current one from PublishedDay and
    PublishedHour (whole_figures()), the rest from the articles (nothing,
    for a past month in a whole-hour zone).
    """
    # SQLite takes at most 500 members in one statement: past this many
    # months (an archive of over 12 years), hours alone, one member a month.
    by_days = len(months) <= DAYS_FOR_MONTHS_UP_TO
    now = timezone.now()
    current_hour = floor_hour(now)
    members, params = [], []

    def add(member):
        members.append(member[0])
        params.extend(member[1])

    for label, (year, month) in enumerate(months):
        start, end = month_start(year, month), month_start(year, month + 1)
        whole_start, whole_end = ceil_hour(start), min(floor_hour(end), current_hour)
        if whole_start < whole_end:
            for member in whole_figures(label, whole_start, whole_end) if by_days else [hour_figures(label, whole_start, whole_end)]:
                add(member)
            live = [(start, whole_start), (whole_end, end)]
        else:
            live = [(start, end)]
        for live_start, live_end in live:
            if live_start < live_end and live_start <= now:
                add(live_figures(label, live_start, live_end))
    if not members:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(members), params)
        rows = cursor.fetchall()
    sums = {}
    for label, count, change, newest in rows:
        if not count:
            continue
        change, newest = as_moment(change), as_moment(newest)
        if label in sums:
            before = sums[label]
            count, change, newest = before[0] + count, max(before[1], change), max(before[2], newest)
        sums[label] = (int(count), max(change, newest), newest)
    return {months[label]: figures for label, figures in sums.items()}


def archive_months():
    """
    (year, month, count, latest change, newest publish time) for every
    month with published articles, newest first, in two queries: the
    oldest publish time, then month_figures() for each calendar month
    from it to now.
    """
    published = Article.objects.published()
    oldest = published.order_by("publish_at").values_list("publish_at", flat=True).first()
    if oldest is None:
        return []
    first, now = timezone.localtime(oldest), timezone.localtime()
    span = (now.year - first.year) * 12 + now.month - first.month
    if span >= MONTHS_AT_MOST:
        # A few far months: find which months have stories, then read only those.
        moments = published.dates("publish_at", "month", order="DESC")
        calendar = sorted({(moment.year, moment.month) for moment in moments}, reverse=True)
    else:
        calendar = [((first.month - 1 + i) // 12 + first.year, (first.month - 1 + i) % 12 + 1) for i in range(span, -1, -1)]
    figures = month_figures(calendar)
    return [(year, month, *figures[year, month]) for year, month in calendar if (year, month) in figures]
