"""
Two server processes with the embedded default (local-memory cache each):
a change made through one is seen by readers of the other on the next
request, because the generation stamps live in the database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def test_a_change_in_one_process_is_seen_by_the_other(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-two-processes",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'two.sqlite3'}",
        "CACHE_URL": "locmemcache://two",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        # Outside DEBUG pages name hashed static files: they need a manifest.
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    script = (
        "from tests.factories import make_article; "
        "a = make_article(headline='Berita dua proses'); print(a.get_absolute_url())"
    )
    url = manage(env, "shell", "-c", script).stdout.strip().splitlines()[-1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def get(path):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, ""

        # Fill both workers' caches (requests land on either).
        for _ in range(20):
            assert get(url)[0] == 200
            assert "Berita dua proses" in get("/")[1]
        # The change comes from a third process, as the admin's would from any worker.
        manage(env, "shell", "-c", "from articles.models import Article; a = Article.objects.get(); a.status = 'unpublished'; a.save()")
        for _ in range(20):
            assert get(url)[0] == 404
            assert "Berita dua proses" not in get("/")[1]
    finally:
        server.terminate()
        server.wait(timeout=20)
