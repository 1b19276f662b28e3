"""JSON log lines on standard output, and request ids on every record of a request."""

import json
import logging
import os
import re
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from django.http import HttpResponse
from django.urls import include, path

from newsroom.logging import JsonFormatter, RequestIdFilter
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


def broken_view(request):
    logging.getLogger("articles.test").warning("Sebelum gagal", extra={"article_id": 7})
    raise RuntimeError("rusak")


def plain_view(request):
    return HttpResponse(request.request_id)


urlpatterns = [path("rusak/", broken_view), path("biasa/", plain_view), path("", include("newsroom.urls"))]
handler500 = "newsroom.views.server_error"


@pytest.fixture
def captured_logs():
    """Our formatter on a handler of its own, as settings.LOGGING wires it."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("django.request"), logging.getLogger("articles.test")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


def test_formatter_writes_one_json_object_per_line():
    record = logging.LogRecord("articles.importer", logging.INFO, __file__, 1, "Impor %s selesai\nbaris kedua", ("arsip",), None)
    record.files = 3
    record.path_label = "kiriman/berita.txt"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "INFO" and entry["logger"] == "articles.importer"
    assert entry["message"] == "Impor arsip selesai\nbaris kedua"
    assert entry["files"] == 3 and entry["path_label"] == "kiriman/berita.txt"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["time"])
    assert "request_id" not in entry


def test_formatter_includes_the_traceback():
    try:
        raise ValueError("angka salah")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Gagal", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert entry["exception"].startswith("Traceback") and "ValueError: angka salah" in entry["exception"]


@pytest.mark.urls("tests.test_logging")
def test_server_error_log_carries_the_request_id(client, captured_logs):
    client.raise_request_exception = False
    response = client.get("/rusak/")

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    entries = captured_logs()
    warning = next(entry for entry in entries if entry["logger"] == "articles.test")
    assert warning["request_id"] == request_id and warning["article_id"] == 7
    error = next(entry for entry in entries if entry["logger"] == "django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == request_id
    assert error["status"] == 500 and error["method"] == "GET" and error["path"] == "/rusak/"
    assert "RuntimeError: rusak" in error["exception"]


@pytest.mark.urls("tests.test_logging")
@pytest.mark.parametrize(
    "incoming, kept",
    [
        ("5b1c0d0e-8f7a-4c39-9d0e-3f2a1b4c5d6e", True),
        ("Root=1-67891233-abcdef012345678912345678", True),
        ("", False),
        ("ada spasi", False),
        ("baris\nbaru", False),
        ('"kutip"', False),
        ("x" * 129, False),
    ],
)
def test_incoming_request_id_is_kept_only_when_sane(client, incoming, kept):
    response = client.get("/biasa/", headers={"X-Request-ID": incoming})
    if kept:
        assert response["X-Request-ID"] == incoming
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert response.text == response["X-Request-ID"], "the view sees the same id"


@pytest.mark.urls("tests.test_logging")
def test_every_request_gets_its_own_id(client):
    first, second = client.get("/biasa/"), client.get("/biasa/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.slow
def test_settings_log_json_to_standard_output():
    script = "import django, logging; django.setup(); logging.getLogger('articles').error('Uji %s', 'log')"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "SECRET_KEY": "test"}
    env.pop("LOG_FORMAT", None)
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert process.returncode == 0, process.stderr
    assert process.stderr == ""
    entry = json.loads(process.stdout)
    assert entry["message"] == "Uji log" and entry["level"] == "ERROR" and entry["logger"] == "articles"

    env["LOG_FORMAT"] = "plain"
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert re.fullmatch(r"\S+ \S+ ERROR articles \[-\] Uji log\n", process.stdout)

    env["LOG_FORMAT"] = "xml"
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert process.returncode != 0 and "LOG_FORMAT must be json or plain, not 'xml'." in process.stderr


@pytest.mark.slow
def test_gunicorn_logs_json_lines_whose_access_records_carry_the_request_id(tmp_path):
    port = free_port()
    env = {**os.environ, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "LOG_LEVEL": "INFO"}
    env.pop("LOG_FORMAT", None)
    # /healthz answers 200 only on a migrated database.
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:newsroom.gunicorn", "newsroom.wsgi"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                given = urlopen(Request(f"http://127.0.0.1:{port}/healthz?dari=uji", headers={"X-Request-ID": "uji-123"}), timeout=5)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        generated = urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)

    assert given.status == generated.status == 200
    entries = [json.loads(line) for line in out.splitlines()]
    assert any(entry["logger"] == "gunicorn.error" and entry["message"].startswith("Booting worker") for entry in entries)
    assert "Booting worker" not in err
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert [entry["request_id"] for entry in access] == ["uji-123", generated.headers["X-Request-ID"]]
    assert access[0]["message"] == "GET /healthz 200"
    assert access[0]["method"] == "GET" and access[0]["path"] == "/healthz" and access[0]["query"] == "dari=uji"
    assert access[0]["status"] == 200 and access[0]["bytes"] > 0 and access[0]["duration_ms"] >= 0
