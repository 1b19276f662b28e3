import atexit
import gc
import os
import shutil
import tempfile

import pytest

from tests.factories import make_user


def pytest_collection_finish(session):
    # Django, the project and the collected tests are ~100,000 objects that
    # live as long as the process: out of the collector's sight, each full
    # collection during the run only walks what the tests made.
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config):
    # At exit the interpreter collects the whole heap again, module by
    # module: about a second per process here (the xdist controller waits
    # for its workers' exit). The operating system frees the memory anyway;
    # atexit runs after pytest's own cleanup, unraisable-exception check
    # included.
    atexit.register(gc.freeze)


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request):
    """
    pytest-django's own, except that it knows our SQLite engine
    (newsroom/sqlite3/) for SQLite: it tells SQLite by Django's engine name,
    and would give each worker's in-memory test database a file name
    ("test_/…/newsroom.sqlite3_gw0") in a folder that does not exist.
    """
    from django.conf import settings

    from newsroom.databases import SQLITE_ENGINE

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if not worker:
        return
    for database in settings.DATABASES.values():
        name = database.get("TEST", {}).get("NAME")
        if not name and database["ENGINE"] == SQLITE_ENGINE:
            continue  # In memory: every worker has its own.
        name = name or f"test_{database['NAME']}"
        if name != ":memory:":
            database.setdefault("TEST", {})["NAME"] = f"{name}_{worker}"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """
    A run with live-server tests on SQLite gets its test database in a file.
    Django's in-memory test database is one connection, which the live
    server lends to every request thread at once: a page's own concurrent
    requests (scripts, pings) then collide inside SQLite ("database table is
    locked", "bad parameter or other API misuse") and fail at random. With a
    file each thread has its own connection, and writers queue as they do
    in production.
    """
    from django.conf import settings

    from newsroom.databases import SQLITE_ENGINE

    database = settings.DATABASES["default"]
    folder = None
    if database["ENGINE"] == SQLITE_ENGINE and any("live_server" in item.fixturenames for item in request.session.items):
        folder = tempfile.mkdtemp(prefix="newsroom-test-db-")
        database.setdefault("TEST", {})["NAME"] = os.path.join(folder, "test.sqlite3")
    yield
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # Tests run with DEBUG off like production, but without collectstatic
    # there is no manifest for hashed names; serve plain names instead.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing costs ~0.3 s a user; tests are not about its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The second login step has its own tests (tests/test_two_factor.py and
    # the browser test); elsewhere a password login is enough.
    settings.TWO_FACTOR_ENFORCED = False


@pytest.fixture(autouse=True)
def empty_cache():
    # The page cache lives in the process-wide cache; a test's database is
    # rolled back but its cached pages would otherwise outlive it.
    from django.core.cache import cache

    from articles.press.footer import CACHE_KEY

    cache.clear()
    # A test database starts without flat pages: tell the footer's cache
    # (articles/press/footer.py), or a test's first page would pay one query
    # more than the next.
    cache.set(CACHE_KEY, [])
    yield
    cache.clear()


@pytest.fixture
def reporter(db):
    return make_user("reporter", "Reporter")


@pytest.fixture
def editor(db):
    return make_user("editor", "Editor")


@pytest.fixture
def chief(db):
    return make_user("chief", "Chief editor")


# Debian's Chromium, driven by Playwright; no browser download happens here.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # The machine has no network; these stop Chromium calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own
    # database calls are ordinary blocking ones and safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page in its own browser context (no shared cookies)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
