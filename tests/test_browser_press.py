"""The takedown notice (410) as a reader's browser shows it. Run with `make test-browser`."""

import pytest

from articles.press.actions import take_down
from tests.factories import make_article, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def taken_down(transactional_db):
    chief = make_user("pemred-browser", "Chief editor")
    article = make_article(headline="Kesaksian korban kekerasan di sekolah", slug="kesaksian-korban", body="<p>Isi yang dicabut.</p>")
    article.slug = "kesaksian-korban-sekolah"
    article.save()
    take_down(article, chief, reason="victim", statement="Redaksi mencabut berita ini demi pemulihan korban.")
    return article


@pytest.mark.parametrize("address", ["/berita/kesaksian-korban-sekolah/", "/berita/kesaksian-korban/"])
def test_the_removal_notice_in_a_browser(page, live_server, taken_down, address):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(live_server.url + address)
    assert response.status == 410
    assert page.url == live_server.url + address  # no redirect first
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Kesaksian korban kekerasan di sekolah"
    facts = page.locator(".gone-facts").inner_text()
    assert "Tanggal pencabutan" in facts and "Pengalaman traumatik korban" in facts
    assert "demi pemulihan korban" in facts
    assert "Isi yang dicabut" not in page.content()
    page.get_by_role("link", name="Semua berita yang dicabut").click()
    assert page.url == live_server.url + "/pencabutan/"
    assert "Pengalaman traumatik korban" in page.locator("main").inner_text()
    assert all(url.startswith(live_server.url) for url in requests), requests
