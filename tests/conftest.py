import pytest

from tests.factories import make_user


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


@pytest.fixture
def reporter(db):
    return make_user("reporter", "Reporter")


@pytest.fixture
def editor(db):
    return make_user("editor", "Editor")


@pytest.fixture
def chief(db):
    return make_user("chief", "Chief editor")
