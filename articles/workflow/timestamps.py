"""One way to write a moment for editors: "Selasa, 1 Desember 2026 06.00 WIB"."""

from django.utils import timezone

from articles.templatetags.news import MONTHS, WEEKDAYS, zone_name


def desk_datetime(value):
    """Weekday, date and time with the Indonesian dot ("06.00") and the zone, in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year} {local:%H.%M} {zone_name(local)}".strip()


def short_moment(value):
    """ "01-12-2026 06.00 WIB": a moment in lists and notices, with the zone of the configured TIME_ZONE."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%d-%m-%Y %H.%M} {zone_name(local)}".strip()
