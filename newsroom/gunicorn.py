"""
gunicorn's settings for this site:

    gunicorn -c python:newsroom.gunicorn newsroom.wsgi --bind 127.0.0.1:8000

gunicorn's own records (workers booting and dying, timeouts) and its
access log go where the site's records go: standard output, one JSON
object a line, so a log collector reads one stream in one format. Access
lines carry the request id the site answered with (see
newsroom.logging.AccessJsonFormatter). LOG_FORMAT=plain and LOG_LEVEL
apply here as they do to the site (LOG_LEVEL=WARNING drops access lines).

Workers are gthread workers: each serves GUNICORN_THREADS (4) requests at
once, and pages may hold all threads but one (newsroom/capacity.py), so
static files and /healthz keep answering while pages are slow or stuck on
the database. WEB_CONCURRENCY sets the number of workers (default: two per
CPU). Put a buffering proxy in front (README, "Running in production"): it
holds slow clients, so a worker's thread only ever waits for the database.
Command-line options and GUNICORN_CMD_ARGS still override all of this.
"""

import logging
import os

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
JSON_OR_PLAIN = "plain" if LOG_FORMAT == "plain" else "json"
# Access lines are INFO records: LOG_LEVEL=DEBUG keeps them, WARNING drops them.
ACCESS_LEVEL = logging.getLevelName(max(logging.getLevelNamesMapping().get(LOG_LEVEL, logging.INFO), logging.INFO))

# --- Workers and time limits ----------------------------------------------

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A worker whose main loop stops answering this long is killed and replaced;
# a page's own wait is bounded by DATABASE_CONNECT_TIMEOUT and
# DATABASE_STATEMENT_TIMEOUT (20 s), which stay below it.
timeout = 30
graceful_timeout = 30
# The proxy in front keeps connections open; close idle ones after this.
keepalive = 5
# A short accept queue: when every worker is saturated, new connections are
# refused at once (the proxy retries another instance or answers 502)
# instead of waiting tens of seconds for readers who have given up.
backlog = 64
# Recycle workers now and then, staggered, so slow leaks cannot build up.
# Cached pages are served at thousands a second: a lower limit would restart
# workers every few seconds during a traffic spike (measured: 1 s p99 stalls).
max_requests = 200_000
max_requests_jitter = 20_000


def post_fork(server, worker):
    # Before the worker loads the site: tell it how many threads it has.
    os.environ["WEB_THREADS"] = str(worker.cfg.threads)


def worker_exit(server, worker):
    # In the worker, as it leaves (recycled after max_requests, a deploy's
    # graceful stop): the "Most read" views it counted since its last flush
    # are stored instead of lost (articles/popular/counting.py).
    from django.apps import apps

    if apps.ready:
        from articles.popular.counting import flush

        flush()


# --- Logging ----------------------------------------------------------------

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
