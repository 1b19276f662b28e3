"""
Log records for a log collector: one JSON object per line on standard output.

    {"time": "2025-03-01T00:00:00.123Z", "level": "ERROR", "logger": "django.request",
     "message": "Internal Server Error: /berita/banjir/", "request_id": "5f0c…",
     "method": "GET", "path": "/berita/banjir/", "status": 500, "exception": "Traceback …"}

JSON lines rather than logfmt: every collector (Loki, Elasticsearch,
CloudWatch, journald with a JSON parser) reads them without a pattern, and a
traceback or an Indonesian headline travels in one field, escaped, instead
of breaking the line. Values passed with `extra=` become fields of their own.

The request id comes from RequestIdMiddleware (newsroom/middleware.py)
through a context variable, so every record logged while a request is
handled carries it, errors included, without passing it around.
"""

import json
import logging
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime

# The id of the request being handled in this thread or task; "" outside one.
request_id = ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else came in through `extra=`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    # Set by django.request and django.server; turned into fields below.
    "request",
    "status_code",
}


def request_id_of(record):
    """
    The id of the request `record` was logged for: the record's own request
    (Django logs 4xx and 5xx responses after the middleware has returned),
    else the request being handled now, else "".
    """
    return (
        getattr(record, "request_id", "")
        or getattr(getattr(record, "request", None), "request_id", "")
        or request_id.get()
    )


class RequestIdFilter(logging.Filter):
    """Put the request id on every record, for formats that name it (`%(request_id)s`)."""

    def filter(self, record):
        record.request_id = request_id_of(record) or "-"
        return True


class ClientErrorFilter(logging.Filter):
    """
    Django logs a suspicious request (a Host header not in ALLOWED_HOSTS, too
    many fields) as an ERROR with a traceback, for every scanner on the
    internet. It is the client's error, answered 400: keep one WARNING line.
    """

    def filter(self, record):
        if record.name.startswith("django.security.") and record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        # A request refused with a 4xx (BadRequest, PermissionDenied) is logged
        # by Django with the exception too; the one line says all there is.
        if record.name == "django.request" and getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON (see the module docstring)."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id_of(record)
        if current and current != "-":
            entry["request_id"] = current
        request = getattr(record, "request", None)
        if hasattr(request, "method") and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        if getattr(record, "status_code", None) is not None:
            entry["status"] = record.status_code
        for name, value in vars(record).items():
            if name not in _RECORD_ATTRIBUTES and not name.startswith("_") and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class AccessJsonFormatter(JsonFormatter):
    """
    gunicorn's access log as JSON lines, one field per fact, with the
    request id the site answered with (X-Request-ID), so that an access
    line and the site's own records of a request can be joined:

        {"time": "…", "level": "INFO", "logger": "gunicorn.access",
         "message": "GET /cari/ 200", "request_id": "5f0c…", "method": "GET",
         "path": "/cari/", "query": "q=banjir", "bytes": 15873, "duration_ms": 21,
         "remote_addr": "127.0.0.1", "user_agent": "…", "status": 200}

    Empty facts (no query string, no user agent) are left out. gunicorn
    passes the facts as the record's arguments (its "atoms"):
    m method, U path, q query string, s status, B bytes sent, M duration
    in milliseconds, h remote address, a user agent, {name}o a response
    header.
    """

    FIELDS = {"method": "m", "path": "U", "query": "q", "bytes": "B", "duration_ms": "M", "remote_addr": "h", "user_agent": "a"}

    def format(self, record):
        atoms = record.args if isinstance(record.args, Mapping) else {}
        if not atoms:
            return super().format(record)
        # gunicorn escapes double quotes for its quoted text format; JSON escapes its own.
        fields = {name: unquoted(atoms.get(atom)) for name, atom in self.FIELDS.items()}
        status = str(atoms.get("s", ""))
        fields["status"] = int(status) if status.isdigit() else status
        fields["request_id"] = unquoted(atoms.get("{x-request-id}o")) or ""
        entry = logging.makeLogRecord(
            {
                "name": record.name,
                "levelno": record.levelno,
                "levelname": record.levelname,
                "created": record.created,
                "msg": f"{fields['method']} {fields['path']} {fields['status']}",
                **{name: value for name, value in fields.items() if value not in (None, "", "-")},
            }
        )
        return super().format(entry)


def unquoted(value):
    return value.replace('\\"', '"') if isinstance(value, str) else value


def configuration(level, fmt, stream):
    """
    settings.LOGGING: every record through one console handler on `stream`
    ("stdout" or "stderr"), as JSON lines or plain (`fmt`), request id attached.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "newsroom.logging.RequestIdFilter"},
            "client_errors": {"()": "newsroom.logging.ClientErrorFilter"},
        },
        "formatters": {
            "json": {"()": "newsroom.logging.JsonFormatter"},
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": f"ext://sys.{stream}",
                "filters": ["request_id", "client_errors"],
                "formatter": fmt,
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's default handlers for "django" (a DEBUG-only
            # console on stderr and mail to ADMINS), so each record is logged
            # once, here.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.db.backends": {"level": "INFO"},
            # django-axes logs every failed login at INFO; lockouts are WARNING.
            "axes": {"level": "WARNING"},
        },
    }
