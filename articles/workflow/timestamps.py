"""One way to write a moment for editors: the pages' own ("Selasa, 1 Desember 2026 06:00 WIB"), from articles.dates."""

from articles.dates import long_date


def desk_datetime(value):
    """Weekday, date, time and zone in the site's time zone."""
    return long_date(value)
