"""
A site of ours under gunicorn for the tests that need real server
processes (several workers, a worker's exit): its environment on a fresh
SQLite database with the embedded local-memory cache, `manage.py` in a
subprocess, and the server started and waited for.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_env(tmp_path, name, **extra):
    """Production settings (DEBUG off) on tmp_path/<name>.sqlite3, migrated and with static files collected."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": f"test-{name}",
        "DATABASE_URL": f"sqlite:///{tmp_path / f'{name}.sqlite3'}",
        "CACHE_URL": f"locmemcache://{name}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        # Outside DEBUG pages name hashed static files: they need a manifest.
        "STATIC_ROOT": str(tmp_path / "static"),
        **extra,
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return env


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def start_gunicorn(env, port, *options):
    """gunicorn serving newsroom.wsgi on 127.0.0.1:port, returned once it accepts connections."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *options, "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server
