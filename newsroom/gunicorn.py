"""
gunicorn's settings for this site:

    gunicorn -c python:newsroom.gunicorn newsroom.wsgi --bind 127.0.0.1:8000

gunicorn's own records (workers booting and dying, timeouts) and its
access log go where the site's records go: standard output, one JSON
object a line, so a log collector reads one stream in one format. Access
lines carry the request id the site answered with (see
newsroom.logging.AccessJsonFormatter). LOG_FORMAT=plain and LOG_LEVEL
apply here as they do to the site (LOG_LEVEL=WARNING drops access lines).

Workers, bind address and timeouts stay gunicorn's own options (and its
WEB_CONCURRENCY and GUNICORN_CMD_ARGS environment variables).
"""

import logging
import os

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
JSON_OR_PLAIN = "plain" if LOG_FORMAT == "plain" else "json"
# Access lines are INFO records: LOG_LEVEL=DEBUG keeps them, WARNING drops them.
ACCESS_LEVEL = logging.getLevelName(max(logging.getLevelNamesMapping().get(LOG_LEVEL, logging.INFO), logging.INFO))

loglevel = LOG_LEVEL.lower()
accesslog = "-"

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.logging.JsonFormatter"},
        "access_json": {"()": "newsroom.logging.AccessJsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "access_plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": JSON_OR_PLAIN},
        "access": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "access_" + JSON_OR_PLAIN},
    },
    "root": {"level": LOG_LEVEL, "handlers": ["error"]},
    "loggers": {
        "gunicorn.error": {"level": LOG_LEVEL, "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": ACCESS_LEVEL, "handlers": ["access"], "propagate": False},
    },
}
