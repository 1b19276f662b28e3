"""Settings come from the environment; unsafe production settings fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_LIKE = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Jx9-qL0vZ2mW8nR4tY6uP1sA5dF7gH0jK2lZ4xC6vB8nM0qW2e",
    "SITE_URL": "https://news.example.id",
    "ALLOWED_HOSTS": "news.example.id",
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SITE_URL", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_missing_secret_key_with_debug_off_is_a_clear_startup_error():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.slow
def test_debug_on_runs_without_a_secret_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_like_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_LIKE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, value, expression, expected",
    [
        ("SITE_NAME", "Kabar Pagi", "settings.SITE_NAME", "Kabar Pagi"),
        ("DATABASE_URL", "postgres://u:p@db.example:5432/berita", "settings.DATABASES['default']['NAME']", "berita"),
        ("CACHE_URL", "redis://127.0.0.1:6379/3", "settings.CACHES['default']['BACKEND']", "newsroom.redis_cache.RedisCache"),
        ("TIME_ZONE", "Asia/Makassar", "settings.TIME_ZONE", "Asia/Makassar"),
    ],
)
def test_environment_drives_settings(name, value, expression, expected):
    result = manage("shell", "-c", f"from django.conf import settings; print({expression})", **PRODUCTION_LIKE, **{name: value})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.slow
def test_defaults_are_sqlite_locmem_indonesian_jakarta():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.LANGUAGE_CODE, s.TIME_ZONE, s.DEBUG)"
    )
    env = {k: v for k, v in PRODUCTION_LIKE.items()}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL", "DEBUG"}}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == [
        # Django's SQLite backend, its placeholder conversion remembered (newsroom/sqlite3/).
        "newsroom.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "id",
        "Asia/Jakarta",
        "False",
    ]
