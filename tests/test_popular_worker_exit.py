"""
A gunicorn worker that leaves stores the "Most read" views it counted since
its last flush (newsroom/gunicorn.py, worker_exit), instead of losing them.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
pytestmark = pytest.mark.slow


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def test_a_leaving_worker_stores_the_views_it_counted(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-worker-exit",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'exit.sqlite3'}",
        "CACHE_URL": "locmemcache://exit",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(tmp_path / "static"),
        "WEB_CONCURRENCY": "1",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    url = manage(env, "shell", "-c", "from tests.factories import make_article; print(make_article().get_absolute_url())").stdout.split()[-1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:newsroom.gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        outcomes = []
        for _ in range(5):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"User-Agent": BROWSER})
            with urllib.request.urlopen(request, timeout=10) as response:
                outcomes.append(response.headers["X-Page-Cache"])
        assert outcomes == ["MISS", "HIT", "HIT", "HIT", "HIT"]
    finally:
        server.send_signal(signal.SIGTERM)  # A graceful stop, as a deploy's.
        server.wait(timeout=40)
    stored = manage(env, "shell", "-c", "from articles.popular.models import HourlyViews; print(sum(HourlyViews.objects.values_list('views', flat=True)))")
    assert stored.stdout.split()[-1] == "5"
