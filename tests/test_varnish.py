"""
Varnish in front, configured by newsroom/varnish.vcl: it keeps pages for as
long as they allow, and the site's PURGE after a change drops exactly the
pages that showed it, so a withdrawn story is gone on the next request
through Varnish too. Needs Debian's varnish and varnish-modules (.ci/run
installs them); skipped where varnishd is missing.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_pagecache_processes import free_port, manage

ROOT = Path(__file__).resolve().parent.parent
VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)
pytestmark = [pytest.mark.slow, pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed")]


def wait_for(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on port {port}")


def get(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


def served_by_varnish(headers):
    """Varnish's X-Varnish names two transactions when the answer came from its cache."""
    return len(headers.get("X-Varnish", "").split()) == 2


@pytest.fixture
def site_behind_varnish(tmp_path):
    site_port, varnish_port = free_port(), free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-varnish",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'varnish.sqlite3'}",
        "CACHE_URL": "locmemcache://varnish",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PAGE_CACHE_PURGE_URL": f"http://127.0.0.1:{varnish_port}/",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    vcl = (ROOT / "newsroom" / "varnish.vcl").read_text().replace('.port = "8000"', f'.port = "{site_port}"')
    (tmp_path / "site.vcl").write_text(vcl)
    site = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:newsroom.gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{site_port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    varnish = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a", f"127.0.0.1:{varnish_port}",
         "-f", str(tmp_path / "site.vcl"), "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(site_port, site)
        wait_for(varnish_port, varnish)
        yield env, varnish_port
    finally:
        for process in (varnish, site):
            process.terminate()
            process.wait(timeout=20)


def test_varnish_keeps_pages_and_drops_them_on_a_change(site_behind_varnish):
    env, port = site_behind_varnish
    script = "from tests.factories import make_article; a = make_article(headline='Berita di balik Varnish'); print(a.get_absolute_url())"
    url = manage(env, "shell", "-c", script).stdout.strip().splitlines()[-1]

    status, headers, body = get(port, url)
    assert status == 200 and "Berita di balik Varnish" in body
    assert "s-maxage=300" in headers["Cache-Control"] and "article-" in headers["xkey"]
    status, headers, _body = get(port, url)
    assert status == 200 and served_by_varnish(headers), "the second request should come from Varnish"
    assert served_by_varnish(get(port, "/")[1]) or served_by_varnish(get(port, "/")[1])

    # Withdrawn from another process, as the admin would; its purge reaches Varnish after the commit.
    manage(env, "shell", "-c", "from articles.models import Article; a = Article.objects.get(); a.status = 'unpublished'; a.save()")
    status, headers, _body = get(port, url)
    assert status == 404, "Varnish must not keep serving a withdrawn story"
    assert "Berita di balik Varnish" not in get(port, "/")[2]


def test_logged_in_requests_pass_through(site_behind_varnish):
    _env, port = site_behind_varnish
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Cookie": "sessionid=abc"})
    for _ in range(2):
        with urllib.request.urlopen(request, timeout=10) as response:
            assert not served_by_varnish(response.headers)
