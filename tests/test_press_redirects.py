"""The table of old addresses: one hop to the current address, never a loop."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError

from articles.press.redirects import add_redirect, move_address
from tests.factories import make_article


def targets():
    return dict(Redirect.objects.values_list("old_path", "new_path"))


@pytest.fixture
def live(db):
    return make_article(slug="banjir-rob-jakarta")


def test_old_address_answers_301_to_the_live_one(client, live):
    add_redirect("/2019/03/banjir/", live.get_absolute_url())
    response = client.get("/2019/03/banjir/")
    assert response.status_code == 301
    assert response["Location"] == "/berita/banjir-rob-jakarta/"
    assert client.get(response["Location"]).status_code == 200


def test_tracking_parameters_and_missing_slash_still_find_it(client, live):
    add_redirect("/2019/03/banjir/", live.get_absolute_url())
    assert client.get("/2019/03/banjir/?utm_source=twitter")["Location"] == "/berita/banjir-rob-jakarta/"
    assert client.get("/2019/03/banjir")["Location"] == "/berita/banjir-rob-jakarta/"


def test_an_exact_query_string_is_its_own_old_address(client, live):
    # Not one of WordPress's own keys (?p=, ?page_id=, ...): those are
    # answered at the front door by articles.wordpress (issue 16).
    add_redirect("/?edisi=123", live.get_absolute_url())
    assert client.get("/?edisi=123").status_code == 200  # the front page exists: live pages win


def test_chains_collapse_to_one_hop(client, live):
    add_redirect("/a/", "/b/")
    add_redirect("/b/", "/c/")
    add_redirect("/c/", live.get_absolute_url())
    assert targets() == {path: live.get_absolute_url() for path in ["/a/", "/b/", "/c/"]}
    response = client.get("/a/")
    assert (response.status_code, response["Location"]) == (301, live.get_absolute_url())


def test_adding_towards_a_redirected_address_follows_it(db):
    add_redirect("/b/", "/c/")
    add_redirect("/a/", "/b/")
    assert targets() == {"/a/": "/c/", "/b/": "/c/"}


@pytest.mark.parametrize("pairs", [[("/a/", "/a/")], [("/a/", "/b/"), ("/b/", "/a/")], [("/a/", "/b/"), ("/b/", "/c/"), ("/c/", "/a/")]])
def test_loops_are_refused_and_nothing_is_written(db, pairs):
    *first, last = pairs
    for old, new in first:
        add_redirect(old, new)
    before = targets()
    with pytest.raises(ValidationError) as refused:
        add_redirect(*last)
    assert refused.value.code == "redirect_loop"
    assert targets() == before


def test_moving_back_to_an_earlier_address_leaves_no_loop(client, db):
    move_address("/berita/a/", "/berita/b/")
    move_address("/berita/b/", "/berita/a/")
    assert targets() == {"/berita/b/": "/berita/a/"}


def test_unicode_addresses_are_stored_as_requests_spell_them(client, db):
    article = make_article(slug="kuliner-khas-cirebon-é")
    add_redirect("/berita/lama-é/", article.get_absolute_url())
    assert targets() == {"/berita/lama-%C3%A9/": "/berita/kuliner-khas-cirebon-%C3%A9/"}
    response = client.get("/berita/lama-é/")
    assert (response.status_code, response["Location"]) == (301, "/berita/kuliner-khas-cirebon-%C3%A9/")


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [("berita/a/", "/b/", "path_not_absolute"), ("/a/", "/" + "x" * 250, "path_too_long"), ("https://elsewhere.example/", "/b/", "path_not_local")],
)
def test_bad_addresses_are_refused_with_a_reason(db, old, new, code):
    with pytest.raises(ValidationError) as refused:
        add_redirect(old, new)
    assert refused.value.code == code
    assert not Redirect.objects.exists()


def test_live_pages_are_never_redirected(client, live):
    add_redirect(live.get_absolute_url(), "/elsewhere/")
    assert client.get(live.get_absolute_url()).status_code == 200


def test_admin_refuses_a_hand_made_loop_and_keeps_the_input(client, db):
    admin_user = get_user_model().objects.create_superuser("boss", password="pw-boss")
    client.force_login(admin_user)
    add_redirect("/b/", "/a/")
    response = client.post("/admin/redirects/redirect/add/", {"site": 1, "old_path": "/a/", "new_path": "/b/"})
    assert response.status_code == 200
    assert "lead back to itself" in response.text or "kembali ke dirinya" in response.text
    assert 'value="/a/"' in response.text
    assert targets() == {"/b/": "/a/"}


def test_admin_collapses_a_hand_made_chain(client, db):
    admin_user = get_user_model().objects.create_superuser("boss", password="pw-boss")
    client.force_login(admin_user)
    add_redirect("/a/", "/b/")
    response = client.post("/admin/redirects/redirect/add/", {"site": 1, "old_path": "/b/", "new_path": "/c/"})
    assert response.status_code == 302
    assert targets() == {"/a/": "/c/", "/b/": "/c/"}
