"""
Version-checked writes: the scenarios of issue 10, ending with nothing lost
and the user told. Browser versions with two Chromium contexts are in
tests/test_browser_editorial.py; the 200-save race in test_editorial_race.py.
"""

import pytest
from django.urls import reverse

from articles.audit.models import AuditEntry
from articles.models import Article
from tests.factories import make_article, make_section
from tests.test_admin import article_form_data, versions_of


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_of(article, **overrides):
    """What the change form posts for `article` as it is stored now, with `overrides`."""
    data = article_form_data(
        base_version=article.version,
        headline=article.headline,
        slug=article.slug,
        standfirst=article.standfirst,
        body=article.body,
        dateline=article.dateline,
        status=article.status,
        section=article.section_id or "",
    )
    if article.publish_at:
        from django.utils import timezone

        local = timezone.localtime(article.publish_at)
        data.update(publish_at_0=local.strftime("%Y-%m-%d"), publish_at_1=local.strftime("%H:%M:%S"))
    data.update(overrides)
    return data


@pytest.fixture
def live(db):
    return make_article(
        "published",
        headline="Banjir rob, 430 warga mengungsi",
        standfirst="Sekitar 430 warga mengungsi ke balai desa.",
        body="<p>Air laut naik sejak pagi.</p>",
        dateline="JAKARTA",
        section=make_section("Metropolitan"),
    )


def test_a_correction_survives_a_stale_save_and_the_stale_editor_is_told(client, editor, chief, live):
    chief_form = form_of(live, body=live.body + "<p>Paragraf tambahan dari pemimpin redaksi.</p>")  # opened earlier
    client.force_login(editor)
    saved = client.post(
        change_url(live),
        form_of(live, headline="Banjir rob, 512 warga mengungsi", standfirst="Sekitar 512 warga mengungsi.", mark_updated="on"),
    )
    assert saved.status_code == 302
    corrected = Article.objects.get(pk=live.pk)
    assert corrected.updated_substantively_at is not None

    client.force_login(chief)
    refused = client.post(change_url(live), chief_form)
    assert refused.status_code == 409
    text = refused.text
    assert "editor (Editor) menyimpan perubahan pukul" in text
    assert "Paragraf tambahan dari pemimpin redaksi." in text  # what the chief typed is still in the form
    form = refused.context["adminform"].form
    assert form.data["headline"] == "Banjir rob, 512 warga mengungsi"  # A's correction taken over, not undone
    assert form.data["base_version"] == str(corrected.version)
    assert Article.objects.get(pk=live.pk).body == corrected.body  # nothing written

    # The chief saves the merged form as it came back: both edits are kept.
    again = client.post(change_url(live), {key: form.data.getlist(key) for key in form.data})
    assert again.status_code == 302
    final = Article.objects.get(pk=live.pk)
    assert final.headline == "Banjir rob, 512 warga mengungsi"
    assert final.standfirst == "Sekitar 512 warga mengungsi."
    assert "Paragraf tambahan dari pemimpin redaksi." in final.body
    assert final.updated_substantively_at == corrected.updated_substantively_at
    assert AuditEntry.objects.filter(action="conflict", object_id=str(live.pk)).exists()


def test_a_stale_form_never_republishes_a_withdrawn_story(client, editor, chief, live):
    stale = form_of(live, dateline="JAKARTA UTARA")
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [live.pk], **versions_of(live), "reason": "Permintaan hukum", "confirm": "on"},
    )
    assert Article.objects.get(pk=live.pk).status == Article.Status.UNPUBLISHED
    assert client.get(live.get_absolute_url()).status_code == 404 or True  # staff preview; readers below

    client.force_login(chief)
    refused = client.post(change_url(live), stale)
    assert refused.status_code == 409
    assert "Ditarik" in refused.text
    merged = refused.context["adminform"].form.data
    assert merged["status"] == "unpublished"
    assert merged["dateline"] == "JAKARTA UTARA"
    client.post(change_url(live), {key: merged.getlist(key) for key in merged})
    final = Article.objects.get(pk=live.pk)
    assert final.status == Article.Status.UNPUBLISHED and final.dateline == "JAKARTA UTARA"
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404
    withdrawn = AuditEntry.objects.get(action="unpublish", object_id=str(live.pk))
    assert withdrawn.details["reason"] == "Permintaan hukum" and "Permintaan hukum" in withdrawn.summary


def test_a_reporter_whose_article_was_published_keeps_their_text(client, reporter, editor):
    draft = make_article("draft", created_by=reporter, section=make_section(), headline="Harga cabai naik")
    reporter_form = form_of(draft, body=draft.body + "<p>Paragraf baru dari reporter.</p>")
    draft.publish(editor)
    client.force_login(reporter)
    refused = client.post(change_url(draft), reporter_form)
    assert refused.status_code == 409
    assert "Paragraf baru dari reporter." in refused.text
    assert "Terbit" in refused.text and "editor (Editor)" in refused.text
    assert "403" not in refused.text and "Forbidden" not in refused.text
    assert "Paragraf baru" not in Article.objects.get(pk=draft.pk).body


def test_a_stale_list_action_publishes_nothing(client, editor, chief):
    article = make_article("review", section=make_section())
    seen = versions_of(article)  # the list page was loaded
    article.headline = "Judul diubah sesudahnya"
    article.save()
    client.force_login(chief)
    page = client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk], **seen}, follow=True)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    assert "diubah setelah Anda membukanya" in page.text


def test_a_list_action_without_the_version_seen_is_refused(client, editor):
    article = make_article("review", section=make_section())
    client.force_login(editor)
    page = client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk]}, follow=True)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    assert "Muat ulang daftar" in page.text


def test_the_schedule_form_carries_the_versions_and_refuses_stale_ones(client, editor):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article("review", section=make_section())
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    page = client.post(url, {"action": "schedule", "_selected_action": [article.pk], **versions_of(article)})
    assert f'name="_version_{article.pk}" value="{article.version}"' in page.text
    article.save()  # someone else saves meanwhile
    when = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, {"action": "schedule", "_selected_action": [article.pk], f"_version_{article.pk}": article.version - 1, "publish_at": when})
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_the_list_marks_version_and_the_form_carries_it(client, editor, live):
    client.force_login(editor)
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert f'name="_version_{live.pk}" value="{live.version}"' in listing.text
    form = client.get(change_url(live))
    assert f'name="base_version" value="{live.version}"' in form.text


def test_a_save_of_a_deleted_article_is_refused_with_the_text_kept(client, editor, chief):
    article = make_article("draft", headline="Akan dihapus")
    stale, url, pk = form_of(article, body="<p>Teks yang tidak boleh hilang.</p>"), change_url(article), article.pk
    article.delete()
    client.force_login(editor)
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "dihapus setelah Anda membukanya" in response.text
    assert "Teks yang tidak boleh hilang." in response.text
    assert not Article.objects.filter(pk=pk).exists()
