"""
The shipped gunicorn configuration under a database that hangs: pages wait,
but static files and /healthz keep answering, and pages beyond the page
threads are refused at once instead of queueing.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from tests.ports import free_port
from tests.silent_database import SilentServer

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def fetch(url, timeout=10):
    """(status, seconds taken) of a GET, HTTP errors included."""
    started = time.monotonic()
    try:
        with urlopen(url, timeout=timeout) as response:
            status = response.status
    except HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def fetch_quietly(url, timeout):
    # The stuck requests end when the test stops the server.
    try:
        fetch(url, timeout)
    except OSError:
        pass


@pytest.fixture
def hung_site(tmp_path):
    database = SilentServer(after_login=True)
    env = {
        **os.environ,
        "SECRET_KEY": "test",
        "DATABASE_URL": database.url(),
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_THREADS": "3",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:newsroom.gunicorn", "newsroom.wsgi"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
        cwd=ROOT,
        env=env,
        # A file, not a pipe: an unread pipe fills up and stalls the server.
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urlopen(f"{base}/static/css/site.css", timeout=5)
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
    yield base, database
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)
    log.close()
    database.close()


def test_static_and_healthz_answer_while_pages_hang(hung_site):
    base, database = hung_site
    # Two page threads (of three) get stuck waiting for the database.
    stuck = [threading.Thread(target=fetch_quietly, args=(f"{base}/", 60), daemon=True) for _ in range(2)]
    for thread in stuck:
        thread.start()
    deadline = time.monotonic() + 15
    while len(database.held) < 2:
        assert time.monotonic() < deadline, "the pages never reached the database"
        time.sleep(0.1)
    time.sleep(0.3)

    status, seconds = fetch(f"{base}/static/css/site.css")
    assert status == 200 and seconds < 1
    status, seconds = fetch(f"{base}/healthz")
    assert status == 503 and seconds < 3
    # A third page is refused at once rather than queued behind the stuck ones.
    status, seconds = fetch(f"{base}/rubrik/nasional/")
    assert status == 503 and seconds < 1
    assert all(thread.is_alive() for thread in stuck)
