"""
A gunicorn worker that leaves stores the "Most read" views it counted since
its last flush (newsroom/gunicorn.py, worker_exit), instead of losing them.
"""

import signal
import urllib.request

import pytest

from tests.gunicorn_site import manage, site_env, start_gunicorn
from tests.ports import free_port

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
pytestmark = pytest.mark.slow


def test_a_leaving_worker_stores_the_views_it_counted(tmp_path):
    port = free_port()
    env = site_env(tmp_path, "exit", WEB_CONCURRENCY="1")
    url = manage(env, "shell", "-c", "from tests.factories import make_article; print(make_article().get_absolute_url())").stdout.split()[-1]
    server = start_gunicorn(env, port, "-c", "python:newsroom.gunicorn")
    try:
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
