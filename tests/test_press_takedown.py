"""
Takedown (guideline point 5): only the chief editor, only for the
guideline's reasons, announced; the address answers 410 with the reason,
an ordinary withdrawal stays a 404.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles.audit.models import AuditEntry
from articles.models import Article
from articles.press.actions import take_down
from articles.press.models import Takedown
from articles.press.redirects import add_redirect
from tests.factories import make_article
from tests.html_page import Page
from tests.test_editorial_conflicts import form_of

ADD_URL = "/admin/press/takedown/add/"
STATEMENT = "Redaksi mencabut berita ini atas permintaan keluarga korban, sesuai pedoman Dewan Pers."


@pytest.fixture
def live(db):
    return make_article(headline="Kesaksian korban kekerasan di sekolah", slug="kesaksian-korban", body="<p>Isiberita rahasia korban.</p>")


def post_takedown(client, article, **overrides):
    data = {"article": article.pk, "reason": "victim", "other_reason": "", "statement": STATEMENT, **overrides}
    return client.post(ADD_URL, data)


def test_the_chief_editor_takes_a_story_down_from_the_admin(client, chief, live):
    client.force_login(chief)
    form = client.get(f"{ADD_URL}?article={live.pk}")
    assert form.status_code == 200
    assert f'value="{live.pk}" selected' in form.text
    for label in ["Terkait masalah SARA", "Kesusilaan", "Masa depan anak", "Pengalaman traumatik korban", "Pertimbangan khusus lain yang ditetapkan Dewan Pers"]:
        assert label in form.text
    response = post_takedown(client, live)
    assert response.status_code == 302
    takedown = Takedown.objects.get()
    assert (takedown.article_id, takedown.headline, takedown.reason, takedown.taken_down_by) == (live.pk, live.headline, "victim", chief)
    assert Article.objects.get(pk=live.pk).status == Article.Status.UNPUBLISHED
    entry = AuditEntry.objects.get(action="takedown")
    assert entry.object_id == str(live.pk) and "Pengalaman traumatik korban" in entry.summary


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_nobody_else_may_take_down(client, request, live, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(ADD_URL).status_code == 403
    assert post_takedown(client, live).status_code == 403
    with pytest.raises(PermissionDenied):
        take_down(live, user, reason="victim", statement=STATEMENT)
    assert not Takedown.objects.exists()
    assert Article.objects.get(pk=live.pk).is_live


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reason": "dewan_pers", "other_reason": ""}, "Tuliskan pertimbangan yang ditetapkan Dewan Pers."),
        ({"reason": "censorship"}, "Masukkan pilihan yang valid"),
        ({"statement": "  "}, "Tuliskan pengumuman kepada publik."),
    ],
)
def test_a_takedown_needs_a_guideline_reason_and_a_statement(client, chief, live, fields, message):
    client.force_login(chief)
    response = post_takedown(client, live, **fields)
    assert response.status_code == 200
    assert message in response.text
    assert not Takedown.objects.exists()
    assert Article.objects.get(pk=live.pk).is_live


def test_another_reason_set_by_dewan_pers_is_shown_with_its_text(client, chief, live):
    client.force_login(chief)
    post_takedown(client, live, reason="dewan_pers", other_reason="Keputusan Dewan Pers No. 12/2026")
    client.logout()
    response = client.get(live.get_absolute_url())
    assert "Pertimbangan khusus lain yang ditetapkan Dewan Pers: Keputusan Dewan Pers No. 12/2026" in response.text


def test_a_story_never_published_cannot_be_taken_down(client, chief):
    draft = make_article("draft")
    client.force_login(chief)
    response = post_takedown(client, draft)
    assert response.status_code == 200
    assert "tarik saja berita ini" in response.text
    assert not Takedown.objects.exists()


def test_the_address_answers_410_in_indonesian_with_headline_date_and_reason(client, chief, live):
    take_down(live, chief, reason="victim", statement=STATEMENT)
    response = client.get("/berita/kesaksian-korban/")
    assert response.status_code == 410
    page = Page(response.text)
    assert page.html_lang() == "id"
    assert (1, live.headline) in page.headings
    assert "Berita ini dicabut pada" in response.text
    assert "Pengalaman traumatik korban" in response.text
    assert STATEMENT in response.text
    assert "Isiberita" not in response.text
    assert page.meta("robots") == "noindex"


def test_every_old_address_answers_410_too(client, chief, live):
    add_redirect("/2019/05/kesaksian/", live.get_absolute_url())
    live.slug = "kesaksian-korban-sekolah"
    live.save()
    take_down(live, chief, reason="child", statement=STATEMENT)
    for address in ["/berita/kesaksian-korban-sekolah/", "/berita/kesaksian-korban/", "/2019/05/kesaksian/", "/berita/kesaksian-korban/?utm_source=x"]:
        response = client.get(address)
        assert response.status_code == 410, address
        assert "Masa depan anak" in response.text


def test_an_ordinary_withdrawal_stays_a_404(client, editor, live):
    live.unpublish(editor, reason="Salah unggah")
    response = client.get(live.get_absolute_url())
    assert response.status_code == 404
    assert "Berita ini dicabut" not in response.text


def test_the_list_of_takedowns_states_headline_date_and_reason(client, chief, live):
    other = make_article(headline="Foto korban kecelakaan")
    take_down(live, chief, reason="victim", statement=STATEMENT)
    take_down(other, chief, reason="decency", statement="Foto tidak layak tayang.")
    response = client.get("/pencabutan/")
    assert response.status_code == 200
    text = response.text
    assert text.index("Foto korban kecelakaan") < text.index(live.headline)  # newest first
    assert "Kesusilaan" in text and "Pengalaman traumatik korban" in text and STATEMENT in text
    assert "Isiberita" not in text


def test_a_taken_down_story_cannot_be_published_again(client, chief, live):
    take_down(live, chief, reason="sara", statement=STATEMENT)
    live.refresh_from_db()
    with pytest.raises(ValidationError):
        live.publish(chief)
    client.force_login(chief)
    response = client.post(reverse("admin:articles_article_change", args=[live.pk]), form_of(live, status="published"))
    assert response.status_code == 200
    assert "tidak dapat diterbitkan lagi" in response.text
    assert not Article.objects.get(pk=live.pk).is_live


def test_takedowns_are_never_changed_or_deleted_in_the_admin(client, chief, live):
    takedown = take_down(live, chief, reason="sara", statement=STATEMENT)
    client.force_login(chief)
    assert client.post(f"/admin/press/takedown/{takedown.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Takedown.objects.filter(pk=takedown.pk).exists()


def test_the_withdraw_page_asks_whether_it_is_a_takedown(client, chief, editor, live):
    url = reverse("admin:articles_article_withdraw", args=[live.pk])
    client.force_login(chief)
    page = client.get(url).text
    assert "Apakah ini pencabutan berita?" in page and f"{ADD_URL}?article={live.pk}" in page
    client.force_login(editor)
    page = client.get(url).text
    assert "Hanya pemimpin redaksi yang boleh mencabut berita." in page and ADD_URL not in page


def test_the_bulk_withdraw_page_offers_a_takedown_per_story(client, chief, live):
    client.force_login(chief)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [live.pk], f"_version_{live.pk}": live.version},
    )
    assert response.status_code == 200
    assert "Apakah ini pencabutan berita?" in response.text
    assert f"{ADD_URL}?article={live.pk}" in response.text
    assert Article.objects.get(pk=live.pk).is_live
