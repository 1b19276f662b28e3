"""`PORT=... make run` advertises the address it serves, unless SITE_URL is set (issue 9, defect 3)."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def robots_from_make_run(tmp_path, port, **env):
    environment = {**os.environ, "PORT": str(port), "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}", **env}
    if "SITE_URL" not in env:
        environment.pop("SITE_URL", None)
    server = subprocess.Popen(
        ["make", "--no-print-directory", "run"], cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as response:
                    return response.read().decode()
            except OSError:
                assert server.poll() is None, "make run stopped"
                time.sleep(0.5)
        pytest.fail("make run did not answer within two minutes")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    port = free_port()
    robots = robots_from_make_run(tmp_path, port)
    assert f"Sitemap: http://127.0.0.1:{port}/sitemap.xml" in robots


def test_a_site_url_set_by_the_user_is_kept(tmp_path):
    robots = robots_from_make_run(tmp_path, free_port(), SITE_URL="https://berita.example.id")
    assert "Sitemap: https://berita.example.id/sitemap.xml" in robots
