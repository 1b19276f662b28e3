"""
Reading export_articles' JSON lines: one record a line, checked field by
field before anything is written.
"""

import json

from ..models import Article, Contribution
from ..plaintext import strip_controls
from ..press.labels import PaidKind
from ..sanitize import clean_body_html
from .export import parse_time
from .outcomes import ImportFailed

# An export line holds one article: its body is at most 2 MB of HTML, which
# JSON escaping can at most triple. Longer lines are refused unread.
MAX_RECORD_BYTES = 8 * 1024 * 1024


def read_records(handle):
    """
    Yield the lines of a binary file split on LF only (JSON escapes every
    other line break inside strings); a line over MAX_RECORD_BYTES is
    skipped unread and yielded as None.
    """
    while True:
        line = handle.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def decode_record(raw):
    if raw is None:
        raise ImportFailed(f"line too long (over {MAX_RECORD_BYTES // (1024 * 1024)} MiB)")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportFailed("not UTF-8 text") from exc
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ImportFailed(f"not valid JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise ImportFailed("not an article record (expected a JSON object)")
    return record


def check_record(record):
    """
    The fields of an export record with defaults filled in and types
    checked, or ImportFailed naming the first field that is wrong.
    """
    data = {"slug": text(record, "slug", required=True), "headline": text(record, "headline", required=True)}
    for name in ("standfirst", "body", "dateline", "source_key", "source_digest"):
        data[name] = text(record, name)
    data["body"] = clean_body_html(data["body"])
    data["status"] = text(record, "status", Article.Status.DRAFT)
    if data["status"] not in Article.Status.values:
        raise ImportFailed(f"unknown status {data['status']!r} (one of {', '.join(Article.Status.values)})")
    data["paid_kind"] = text(record, "paid_kind")
    if data["paid_kind"] not in PaidKind.values:
        raise ImportFailed(f"unknown paid_kind {data['paid_kind']!r} (one of {', '.join(v for v in PaidKind.values if v)}, or empty)")
    data.update(times(record))
    data["section"] = section(record.get("section"))
    data["tags"] = [
        {"slug": text(tag, "slug", where="tag ", required=True), "name": text(tag, "name", where="tag ", required=True)}
        for tag in entries(record, "tags")
    ]
    data["people"] = [person(entry, index) for index, entry in enumerate(entries(record, "people"))]
    data["sources"] = [
        {
            "name": text(entry, "name", where="sources ", required=True),
            "url": text(entry, "url", where="sources "),
            "position": position(entry, "sources ", index),
        }
        for index, entry in enumerate(entries(record, "sources"))
    ]
    data["related"] = related(record.get("related") or [])
    data["lead_image"] = lead_image(record.get("lead_image"))
    return data


def text(source, name, default="", where="", required=False):
    value = source.get(name, default)
    if required and not value:
        raise ImportFailed(f"missing {where}{name}")
    if not isinstance(value, str):
        raise ImportFailed(f"{where}{name} must be a string")
    return strip_controls(value)


def entries(record, name):
    value = record.get(name) or []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise ImportFailed(f"{name} must be a list of objects")
    return value


def position(entry, where, default):
    value = entry.get("position", default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ImportFailed(f"{where}position must be a whole number, 0 or more")
    return value


def times(record):
    found = {}
    for name in ("publish_at", "first_published_at", "updated_substantively_at", "created_at", "updated_at"):
        value = record.get(name)
        try:
            found[name] = parse_time(value) if value is not None else None
        except (TypeError, ValueError) as exc:
            raise ImportFailed(f"{name} is not an ISO 8601 time with a UTC offset ({exc})") from exc
    return found


def section(value):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ImportFailed("section must be an object or null")
    return {
        "slug": text(value, "slug", where="section ", required=True),
        "name": text(value, "name", where="section ", required=True),
        "description": text(value, "description", where="section "),
        "position": position(value, "section ", 0),
    }


def person(entry, index):
    role = text(entry, "role", Contribution.Role.WRITER, where="people ")
    if role not in Contribution.Role.values:
        raise ImportFailed(f"unknown role {role!r} (one of {', '.join(Contribution.Role.values)})")
    return {
        "slug": text(entry, "slug", where="people ", required=True),
        "name": text(entry, "name", where="people ", required=True),
        "bio": text(entry, "bio", where="people "),
        "role": role,
        "position": position(entry, "people ", index),
    }


def related(value):
    if not isinstance(value, list) or not all(isinstance(slug, str) and slug for slug in value):
        raise ImportFailed("related must be a list of article slugs")
    return value


def lead_image(value):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ImportFailed("lead_image must be an object or null")
    return {
        "file": text(value, "file", where="lead_image ", required=True),
        "alt_text": text(value, "alt_text", where="lead_image "),
        "caption": text(value, "caption", where="lead_image "),
        "credit": text(value, "credit", where="lead_image "),
    }
