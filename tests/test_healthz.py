"""/healthz for load balancers: up against the test database, down against a closed port."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs the real view, middleware and logging in a process whose database is
# a PostgreSQL server that is not there (nothing listens on port 1).
DOWN_SCRIPT = """
import json
import django
django.setup()
from django.test import Client
response = Client().get("/healthz", HTTP_X_REQUEST_ID="lb-check-42")
print("RESULT " + json.dumps({
    "status": response.status_code,
    "cache_control": response["Cache-Control"],
    "request_id": response["X-Request-ID"],
    "body": response.json(),
}))
"""


def test_up(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    # No session: nothing to store, no cookie, no per-visitor variation.
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.get("Vary", "")


def test_head_and_post(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_down_answers_503_and_logs_why():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/newsroom",
        "ALLOWED_HOSTS": "testserver",
        "LOG_FORMAT": "json",
    }
    process = subprocess.run([sys.executable, "-c", DOWN_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert process.returncode == 0, process.stderr

    lines = process.stdout.splitlines()
    result = next(line for line in lines if line.startswith("RESULT "))
    response = json.loads(result.removeprefix("RESULT "))
    assert response["status"] == 503
    assert response["body"] == {"status": "error", "database": "unavailable"}
    assert "no-store" in response["cache_control"]
    assert response["request_id"] == "lb-check-42"

    logs = [json.loads(line) for line in lines if line.startswith("{")]
    failure = next(entry for entry in logs if entry["logger"] == "newsroom.health")
    assert failure["level"] == "ERROR"
    assert failure["request_id"] == "lb-check-42"
    assert failure["message"].startswith("Health check failed: the database does not answer (")
    # The 503 itself is logged by Django as a server error of that request.
    response_log = next(entry for entry in logs if entry["logger"] == "django.request")
    assert response_log["status"] == 503 and response_log["path"] == "/healthz"
    assert response_log["request_id"] == "lb-check-42"
