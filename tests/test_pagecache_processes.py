"""
Two server processes with the embedded default (local-memory cache each):
a change made through one is seen by readers of the other on the next
request, because the generation stamps live in the database.
"""

import urllib.error
import urllib.request

import pytest

from tests.gunicorn_site import manage, site_env, start_gunicorn
from tests.ports import free_port

pytestmark = pytest.mark.slow


def test_a_change_in_one_process_is_seen_by_the_other(tmp_path):
    port = free_port()
    env = site_env(tmp_path, "two")
    script = (
        "from tests.factories import make_article; "
        "a = make_article(headline='Berita dua proses'); print(a.get_absolute_url())"
    )
    url = manage(env, "shell", "-c", script).stdout.strip().splitlines()[-1]
    server = start_gunicorn(env, port, "--workers", "2", "--worker-class", "sync")
    try:
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
