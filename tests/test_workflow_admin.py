"""The reporters' and editors' workflow in the article admin."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Contribution, Person
from articles.workflow.models import EditorialNote
from articles.workflow.timestamps import desk_datetime
from tests.desk_helpers import scoped_texts
from tests.factories import make_article, make_contribution, make_image, make_person, make_section
from tests.test_admin import article_form_data

LIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")
READY_BODY = "<p>" + " ".join(["Warga"] * 160) + "</p>"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def listed(client, query=""):
    return scoped_texts(client.get(LIST + query).text, "results", "field-headline")


def touch(article):
    # auto_now: a save stamps the change time.
    article.save(reindex=False)


def test_reporters_list_opens_on_their_own_articles_work_first(client, reporter, editor):
    me = make_person("Dewi Lestari", user=reporter)
    published = make_article("published", created_by=reporter, headline="Sudah terbit milik saya")
    old_draft = make_article("draft", created_by=reporter, headline="Draf lama saya")
    review = make_article("review", headline="Ditinjau, saya di byline")
    make_contribution(review, me)
    make_article("draft", created_by=editor, headline="Draf orang lain")
    new_draft = make_article("draft", created_by=reporter, headline="Draf baru saya")
    touch(published)
    client.force_login(reporter)
    assert listed(client) == ["Draf baru saya", "Ditinjau, saya di byline", "Draf lama saya", "Sudah terbit milik saya"]
    assert "Artikel saya" in client.get(LIST).text
    # The same reporter can look at everyone's.
    assert "Draf orang lain" in listed(client, "?mine=0")
    assert new_draft and old_draft


def test_editors_see_everything_and_may_choose_mine(client, editor):
    make_article("draft", created_by=editor, headline="Draf editor")
    make_article("draft", headline="Draf orang lain")
    client.force_login(editor)
    assert set(listed(client)) == {"Draf editor", "Draf orang lain"}
    assert listed(client, "?mine=1") == ["Draf editor"]


def test_everyone_can_order_by_last_changed(client, editor):
    first = make_article("published", headline="Lama diubah", hours=1)
    make_article("published", headline="Baru diubah", hours=5)
    touch(first)
    client.force_login(editor)
    page = client.get(LIST).text
    assert "Terakhir diubah" in page
    # Columns: checkbox is not counted; headline=1 ... last_changed=6.
    assert listed(client, "?o=-6") == ["Lama diubah", "Baru diubah"]


def test_new_article_byline_starts_with_the_writer(client, reporter):
    reporter.first_name, reporter.last_name = "Dewi", "Lestari"
    reporter.save()
    client.force_login(reporter)
    form = client.get(ADD)
    person = Person.objects.get(user=reporter)
    assert person.name == "Dewi Lestari"
    formset = next(f for f in form.context["inline_admin_formsets"] if f.formset.model is Contribution).formset
    assert formset.forms[0].initial == {"person": person.pk, "role": "writer"}
    assert "Dewi Lestari" in form.text
    # The reporter saves as is: the byline is saved with them in it.
    data = article_form_data(**{"contributions-TOTAL_FORMS": "1", "contributions-0-person": person.pk, "contributions-0-role": "writer", "contributions-0-position": "0"})
    assert client.post(ADD, data).status_code == 302
    assert list(Article.objects.get().contributions.values_list("person__name", "role")) == [("Dewi Lestari", "writer")]


def test_existing_person_is_reused(client, reporter):
    person = make_person("Bayu Prasetyo", user=reporter)
    client.force_login(reporter)
    client.get(ADD)
    assert list(Person.objects.filter(user=reporter)) == [person]


def test_reporter_gets_a_submit_button_not_a_status_menu(client, reporter):
    article = make_article("draft", created_by=reporter)
    client.force_login(reporter)
    page = client.get(change_url(article)).text
    assert 'name="_workflow" value="review"' in page and "Kirim untuk ditinjau" in page
    assert '<select name="status"' not in page
    assert 'value="publish"' not in page
    response = client.post(change_url(article), article_form_data(base_version=article.version, headline=article.headline, _workflow="review"), follow=True)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    assert "dikirim untuk ditinjau" in response.text and "terkunci" in response.text
    assert "boleh mengeditnya lagi" not in response.text.lower()


def test_reporter_cannot_press_a_button_they_do_not_have(client, reporter):
    article = make_article("draft", created_by=reporter, section=make_section())
    client.force_login(reporter)
    response = client.post(change_url(article), article_form_data(base_version=article.version, headline=article.headline, section=article.section_id, _override="publish"))
    assert response.status_code == 200
    assert "Langkah itu tidak tersedia" in response.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_editor_buttons_on_an_article_in_review(client, editor):
    article = make_article("review", section=make_section())
    client.force_login(editor)
    page = client.get(change_url(article)).text
    for label in ("Terbitkan", "Jadwalkan…", "Kembalikan ke penulis"):
        assert f">{label}</button>" in page, label


def test_return_to_writer_asks_for_a_note(client, editor, reporter):
    article = make_article("review", created_by=reporter, section=make_section())
    client.force_login(editor)
    refused = client.post(change_url(article), article_form_data(base_version=article.version, headline=article.headline, section=article.section_id, _workflow="return"))
    assert refused.status_code == 200 and "Tulis catatan" in refused.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    note = "Tolong konfirmasi angka pengungsi ke BPBD."
    client.post(
        change_url(article), article_form_data(base_version=article.version, headline=article.headline, section=article.section_id, _workflow="return", note_to_writer=note)
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert list(EditorialNote.objects.values_list("text", "author")) == [(note, editor.pk)]
    # The writer sees it in the form; readers never do.
    client.force_login(reporter)
    assert note in client.get(change_url(article)).text


def test_notes_thread_adds_notes_with_their_author_and_keeps_them_from_readers(client, reporter, editor):
    article = make_article("draft", created_by=reporter, section=make_section())
    client.force_login(reporter)
    data = article_form_data(
        base_version=article.version, headline=article.headline, section=article.section_id,
        **{"notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "0", "notes-0-text": "Angka korban masih menunggu BPBD."},
    )
    assert client.post(change_url(article), data).status_code == 302
    assert EditorialNote.objects.get().author == reporter
    article.refresh_from_db()
    article.publish(editor)
    client.logout()
    assert "menunggu BPBD" not in client.get(article.get_absolute_url()).text


def test_prepublish_check_lists_warnings_and_overrides_with_one_click(client, editor):
    article = make_article("review", section=make_section(), headline="Korban banjir TK orang", body="<p>Pendek.</p>")
    client.force_login(editor)
    data = article_form_data(base_version=article.version, headline=article.headline, section=article.section_id, body=article.body)
    checked = client.post(change_url(article), {**data, "_workflow": "publish"})
    assert checked.status_code == 200
    for warning in ("Tanpa byline", "Tanpa foto utama", "“TK”", "hanya 1 kata"):
        assert warning in checked.text, warning
    assert 'name="_override" value="publish"' in checked.text and "Tetap terbitkan" in checked.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    # What the editor typed survives the check.
    assert "Korban banjir TK orang" in checked.text

    client.post(change_url(article), {**data, "_override": "publish"})
    stored = Article.objects.get(pk=article.pk)
    assert stored.is_live
    assert "Tanpa byline" in EditorialNote.objects.get(article=article).text


def test_clean_story_publishes_without_a_stop(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = make_article("review", section=make_section(), lead_image=make_image(), body=READY_BODY)
    writer = make_person()
    client.force_login(editor)
    data = article_form_data(
        base_version=article.version, headline=article.headline, section=article.section_id, body=READY_BODY, lead_image=article.lead_image_id, _workflow="publish",
        **{"contributions-TOTAL_FORMS": "1", "contributions-0-person": writer.pk, "contributions-0-role": "writer", "contributions-0-position": "0"},
    )
    response = client.post(change_url(article), data, follow=True)
    assert Article.objects.get(pk=article.pk).is_live
    assert "sudah terbit" in response.text


def test_scheduling_from_the_form_says_when(client, editor):
    article = make_article("review", section=make_section())
    client.force_login(editor)
    when = (timezone.localtime() + timedelta(days=2)).replace(hour=6, minute=0, second=0, microsecond=0)
    data = article_form_data(
        base_version=article.version, headline=article.headline, section=article.section_id, publish_at_0=when.strftime("%d-%m-%Y"), publish_at_1="06.00",
        _override="schedule",
    )
    no_time = client.post(change_url(article), {**data, "publish_at_0": "", "publish_at_1": ""})
    assert "isi waktu terbit" in no_time.text.lower()
    response = client.post(change_url(article), data, follow=True)
    stored = Article.objects.get(pk=article.pk)
    assert stored.is_scheduled and stored.publish_at == when
    assert f"Dijadwalkan terbit {desk_datetime(when)}" in response.text
    # The list shows the same format.
    assert desk_datetime(when) in client.get(LIST).text


def test_the_one_date_format():
    wib = ZoneInfo("Asia/Jakarta")
    assert desk_datetime(datetime(2026, 12, 1, 6, 0, tzinfo=wib)) == "Selasa, 1 Desember 2026 06:00 WIB"


def test_admin_search_understands_indonesian(client, editor):
    make_article("draft", headline="Pasukan melancarkan serangan fajar")
    make_article("published", section=make_section(), headline="Harga beras turun")
    client.force_login(editor)
    assert listed(client, "?q=menyerang") == ["Pasukan melancarkan serangan fajar"]
    assert listed(client, "?q=beras") == ["Harga beras turun"]


def test_list_publish_names_what_went_out_with_warnings(client, editor):
    article = make_article("review", section=make_section(), headline="Banjir TK rumah terendam")
    client.force_login(editor)
    data = {"action": "publish_now", "_selected_action": [article.pk], f"_version_{article.pk}": article.version}
    response = client.post(LIST, data, follow=True)
    assert Article.objects.get(pk=article.pk).is_live
    assert "“Banjir TK rumah terendam” terbit dengan peringatan" in response.text
    assert "Tanpa byline" in response.text and "“TK”" in response.text
