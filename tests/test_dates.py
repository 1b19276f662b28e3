"""Dates as Indonesian readers expect them: "Jumat, 27 November 2026 10:15 WIB"."""

import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from articles.dates import day_date, iso_datetime, long_date, short_date

WIB = ZoneInfo("Asia/Jakarta")

# 23-29 November 2026 runs Monday to Sunday.
WEEKDAYS = [
    (23, "Senin"),
    (24, "Selasa"),
    (25, "Rabu"),
    (26, "Kamis"),
    (27, "Jumat"),
    (28, "Sabtu"),
    (29, "Minggu"),
]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def test_the_example_from_the_issue():
    assert long_date(datetime(2026, 11, 27, 10, 15, tzinfo=WIB)) == "Jumat, 27 November 2026 10:15 WIB"


@pytest.mark.parametrize(("day", "name"), WEEKDAYS)
def test_every_weekday(day, name):
    assert long_date(datetime(2026, 11, day, 8, 5, tzinfo=WIB)) == f"{name}, {day} November 2026 08:05 WIB"


@pytest.mark.parametrize(("month", "name"), list(enumerate(MONTHS, start=1)))
def test_every_month(month, name):
    value = datetime(2027, month, 9, 21, 40, tzinfo=WIB)
    assert long_date(value).endswith(f", 9 {name} 2027 21:40 WIB")
    assert short_date(value) == f"9 {name} 2027, 21:40 WIB"


def test_utc_times_are_shown_in_jakarta_time():
    # 17:30 UTC on the 26th is already half past midnight on the 27th in Jakarta.
    assert long_date(datetime(2026, 11, 26, 17, 30, tzinfo=UTC)) == "Jumat, 27 November 2026 00:30 WIB"


def test_machine_readable_time_carries_the_jakarta_offset():
    assert iso_datetime(datetime(2026, 11, 27, 3, 15, tzinfo=UTC)) == "2026-11-27T10:15:00+07:00"


def test_other_indonesian_zones_get_their_own_names(settings):
    settings.TIME_ZONE = "Asia/Makassar"
    assert long_date(datetime(2026, 11, 27, 2, 15, tzinfo=UTC)) == "Jumat, 27 November 2026 10:15 WITA"
    settings.TIME_ZONE = "Asia/Jayapura"
    assert long_date(datetime(2026, 11, 27, 1, 15, tzinfo=UTC)) == "Jumat, 27 November 2026 10:15 WIT"


def test_day_heading_for_the_index():
    assert day_date(date(2026, 8, 17)) == "Senin, 17 Agustus 2026"


def test_names_stay_indonesian_when_the_interface_is_english():
    with translation.override("en"):
        assert long_date(datetime(2026, 11, 27, 10, 15, tzinfo=WIB)) == "Jumat, 27 November 2026 10:15 WIB"


def test_missing_dates_render_as_nothing():
    assert long_date(None) == "" and short_date("") == "" and iso_datetime(None) == "" and day_date(None) == ""


def test_filters_in_a_template():
    rendered = Template('{% load news %}<time datetime="{{ t|iso_datetime }}">{{ t|long_date }}</time>').render(
        Context({"t": datetime(2026, 2, 1, 7, 0, tzinfo=WIB)})
    )
    assert rendered == '<time datetime="2026-02-01T07:00:00+07:00">Minggu, 1 Februari 2026 07:00 WIB</time>'


ROOT = Path(__file__).resolve().parent.parent
MACHINE_FORMATS = {"%Y-%m-%d", "%H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"}


def test_the_readme_shows_dates_as_the_pages_print_them():
    readme = (ROOT / "README.md").read_text()
    shown = re.findall(r"“(\w+, \d+ \w+ \d{4} \d\d?[.:]\d\d \w+)”", readme)
    assert shown, "the README shows an example date"
    for example in shown:
        assert re.search(r" \d\d:\d\d WIB$", example), f"{example!r}: pages print 10:15, not 10.15"
    assert "Jumat, 27 November 2026 10:15 WIB" in shown


def test_every_printed_date_comes_from_articles_dates():
    """No other module formats a date for people; templates use the filters (|date only for machine values)."""
    offenders = []
    for path in [*ROOT.glob("articles/**/*.py"), *ROOT.glob("newsroom/**/*.py")]:
        if path.name == "dates.py" or "migrations" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"dateformat\.|date_format\(|formats\.localize", text):
            offenders.append(str(path.relative_to(ROOT)))
        for pattern in re.findall(r"\.strftime\(\s*['\"]([^'\"]*)['\"]", text):
            # Values for machines (form inputs, comparisons) may be ISO-like.
            if pattern not in MACHINE_FORMATS:
                offenders.append(f"{path.relative_to(ROOT)}: strftime({pattern!r})")
    for path in ROOT.glob("templates/**/*.*"):
        for found in re.findall(r"\|\s*(date|time)(?::\s*['\"]([^'\"]*)['\"])?", path.read_text()):
            if found[1] not in ("Y-m-d", "c"):  # machine-readable values
                offenders.append(f"{path.relative_to(ROOT)}: |{found[0]}:{found[1]}")
    assert offenders == []
