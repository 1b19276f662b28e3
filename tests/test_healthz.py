"""
/healthz for load balancers: up against the test database; 503 within 3 s
against a closed port, a server that accepts and never answers, one that
hangs after logging in, and a database with migrations missing.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.silent_database import SilentServer

ROOT = Path(__file__).resolve().parent.parent

# Runs the real view, middleware and logging in a process whose database is
# a PostgreSQL server that is not there (nothing listens on port 1).
DOWN_SCRIPT = """
import json
import django
django.setup()
import time
from django.test import Client
started = time.monotonic()
response = Client().get("/healthz", HTTP_X_REQUEST_ID="lb-check-42")
print("RESULT " + json.dumps({
    "seconds": time.monotonic() - started,
    "status": response.status_code,
    "cache_control": response["Cache-Control"],
    "request_id": response["X-Request-ID"],
    "body": response.json(),
}))
"""


def test_up(client, db, django_assert_max_num_queries):
    # PostgreSQL is asked on a connection of the probe's own (see dbprobe).
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    # No session: nothing to store, no cookie, no per-visitor variation.
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.get("Vary", "")


def test_head_and_post(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def probe(database_url, **env):
    """Run /healthz in a fresh process against `database_url`; its response and log lines."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "test",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "testserver",
        "LOG_FORMAT": "json",
        **env,
    }
    process = subprocess.run([sys.executable, "-c", DOWN_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert process.returncode == 0, process.stderr
    lines = process.stdout.splitlines()
    result = next(line for line in lines if line.startswith("RESULT "))
    return json.loads(result.removeprefix("RESULT ")), [json.loads(line) for line in lines if line.startswith("{")]


@pytest.mark.slow
def test_down_answers_503_and_logs_why():
    response, logs = probe("postgres://postgres@127.0.0.1:1/newsroom")
    assert response["status"] == 503
    assert response["body"] == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert "no-store" in response["cache_control"]
    assert response["request_id"] == "lb-check-42"

    failure = next(entry for entry in logs if entry["logger"] == "newsroom.health")
    assert failure["level"] == "ERROR"
    assert failure["request_id"] == "lb-check-42"
    assert failure["message"].startswith("Health check failed: the database does not answer (")
    # The 503 itself is logged by Django as a server error of that request.
    response_log = next(entry for entry in logs if entry["logger"] == "django.request")
    assert response_log["status"] == 503 and response_log["path"] == "/healthz"
    assert response_log["request_id"] == "lb-check-42"


@pytest.mark.slow
@pytest.mark.parametrize("after_login", [False, True], ids=["accepts and never answers", "hangs after login"])
def test_hung_database_answers_503_within_3_seconds(after_login):
    server = SilentServer(after_login)
    try:
        response, logs = probe(server.url())
    finally:
        server.close()
    assert response["status"] == 503
    assert response["body"] == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert response["seconds"] < 3
    assert any(entry["logger"] == "newsroom.health" for entry in logs)


@pytest.mark.slow
def test_never_migrated_database_answers_503(tmp_path):
    response, _logs = probe(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert response["status"] == 503
    assert response["body"] == {"status": "error", "database": "not migrated", "cache": "ok"}


@pytest.mark.django_db(transaction=True)
def test_missing_migration_answers_503(client):
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations WHERE app = 'articles' ORDER BY name DESC")
        app, name = cursor.fetchone()
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, CURRENT_TIMESTAMP)", [app, name])
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "not migrated", "cache": "ok"}
    assert client.get("/healthz").status_code == 200


def test_exempt_from_the_https_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement and connect limits are PostgreSQL's")
def test_web_connections_carry_time_limits(db, settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{int(settings.DATABASE_STATEMENT_TIMEOUT)}s"
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT


@pytest.mark.django_db
def test_unreachable_cache_is_reported_degraded_but_healthy(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}
