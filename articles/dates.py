"""
Every date and time the site prints, from one place: pages, feeds' visible
text, the admin's own columns and messages, commands and help texts.

Formatting is Django's (`django.utils.dateformat`), in Indonesian whatever
the interface language, because that is what readers of an Indonesian
outlet expect: "Jumat, 27 November 2026 10:15 WIB" (the colon, as
Indonesian portals print it; Django's own Indonesian DATETIME_FORMAT
writes 10.15). The zone's name comes from the time-zone database for
TIME_ZONE: WIB for Asia/Jakarta, WITA for Asia/Makassar, WIT for
Asia/Jayapura, and the usual abbreviation anywhere else.
"""

import functools
from datetime import date, datetime

from django.utils import dateformat, timezone, translation

# The language of dates readers see, whatever the interface language.
DATE_LANGUAGE = "id"

LONG = "l, j F Y H:i T"  # Jumat, 27 November 2026 10:15 WIB
SHORT = "j F Y, H:i T"  # 27 November 2026, 10:15 WIB
DAY = "l, j F Y"  # Jumat, 27 November 2026
CLOCK = "H:i"  # 10:15, in a list under the day's heading
# Django's own output (the admin) through FORMAT_MODULE_PATH (newsroom/formats/).
DATE = "j F Y"
TIME = "H:i T"


def _local(value):
    if not isinstance(value, datetime):
        return None
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _format(value, pattern):
    # A list page prints the same few dozen moments over and over, and each
    # formatting switches the language twice; remember the recent ones. The
    # zone is part of the key: one instant in two zones is one equal datetime.
    return _formatted(value, getattr(value, "tzinfo", None), pattern)


@functools.lru_cache(maxsize=4096)
def _formatted(value, zone, pattern):
    with translation.override(DATE_LANGUAGE):
        return dateformat.format(value, pattern)


def zone_name(value=None):
    """The name of the site's time zone ("WIB"), at `value` or now."""
    local = _local(value) or timezone.localtime()
    return local.tzname() or ""


def utc_offset(value=None):
    """The site's offset from UTC as ISO 8601 writes it ("+07:00"), at `value` or now."""
    local = _local(value) or timezone.localtime()
    return local.isoformat()[-6:]


def long_date(value):
    """ "Jumat, 27 November 2026 10:15 WIB" in the site's time zone."""
    local = _local(value)
    return _format(local, LONG).strip() if local else ""


def short_date(value):
    """ "27 November 2026, 10:15 WIB": for lists, where the weekday is noise."""
    local = _local(value)
    return _format(local, SHORT).strip() if local else ""


def day_date(value):
    """ "Jumat, 27 November 2026" for a date (the index page's heading)."""
    if isinstance(value, datetime):
        value = _local(value).date()
    if not isinstance(value, date):
        return ""
    return _format(value, DAY)


def clock_time(value):
    """ "10:15" in the site's time zone, for a list already headed by its day."""
    local = _local(value)
    return _format(local, CLOCK) if local else ""


def iso_datetime(value):
    """ISO 8601 with the local offset ("2026-11-27T10:15:00+07:00") for <time> and JSON-LD."""
    local = _local(value)
    return local.isoformat(timespec="seconds") if local else ""


def iso_and_short(value):
    """
    (iso_datetime(value), short_date(value)): a card's <time>. A front page
    prints some forty and lists repeat the same moments; both strings are
    kept per instant and zone, so a card costs one look-up of the zone.
    """
    if isinstance(value, datetime) and not timezone.is_aware(value):
        return iso_datetime(value), short_date(value)
    return _iso_and(value, SHORT)


def iso_and_clock(value, zone=None):
    """
    (iso_datetime(value), clock_time(value)): a news index row's <time>,
    kept per instant and zone as iso_and_short() keeps a card's; a busy day
    lists 200 a page. `zone`, the current time zone, may be looked up once
    for the page: each look-up goes through a context-local.
    """
    if isinstance(value, datetime) and not timezone.is_aware(value):
        return iso_datetime(value), clock_time(value)
    return _iso_and(value, CLOCK, zone)


def _iso_and(value, pattern, zone=None):
    if not isinstance(value, datetime):
        return "", ""
    return _iso_and_formatted(value, zone or timezone.get_current_timezone(), pattern)


@functools.lru_cache(maxsize=4096)
def _iso_and_formatted(value, zone, pattern):
    local = timezone.localtime(value, zone)
    return local.isoformat(timespec="seconds"), _format(local, pattern).strip()
