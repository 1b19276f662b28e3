"""Revisions, the history page, comparison, restore, deleting and the deleted articles' history."""

import pytest
from django.urls import reverse

from articles.audit.models import AuditEntry
from articles.editorial.models import RevisionInfo
from articles.models import Article
from tests.factories import make_article, make_contribution, make_person, make_section, make_tag
from tests.test_admin import versions_of
from tests.test_editorial_conflicts import change_url, form_of


def history_url(pk):
    return reverse("admin:articles_article_history", args=[pk])


def test_every_save_and_every_action_stores_a_revision_with_who_and_what(client, editor):
    article = make_article("review", section=make_section(), headline="Gempa 5,1 guncang Lombok")
    client.force_login(editor)
    client.post(change_url(article), form_of(article, headline="Gempa 5,2 guncang Lombok", body="<p>Isi baru.</p>"))
    article.refresh_from_db()
    client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk], **versions_of(article)})
    article.refresh_from_db()
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk], **versions_of(article), "reason": "Salah data", "confirm": "on"},
    )
    infos = list(RevisionInfo.objects.filter(article_id=article.pk).order_by("version"))
    assert [i.version for i in infos] == [1, 2, 3, 4]
    assert [i.status for i in infos] == ["review", "review", "published", "unpublished"]
    assert set(infos[1].changed) == {"headline", "body"}
    assert infos[1].revision.user == editor

    page = client.get(history_url(article.pk))
    assert page.status_code == 200
    text = page.text
    assert "judul, isi" in text
    assert "status: Ditinjau → Terbit" in text
    assert "status: Terbit → Ditarik" in text
    assert "Body" not in text and "headline" not in text.split("<main")[-1].split("</table>")[0].lower().replace("judul", "")
    actions = list(AuditEntry.objects.filter(object_id=str(article.pk)).values_list("action", flat=True))
    assert {"save", "publish", "unpublish"} <= set(actions)


def test_the_history_records_byline_sources_and_tags(client, editor):
    article = make_article("draft", headline="Harga beras")
    person = make_person("Dewi Lestari")
    article.tags.set([make_tag("Pangan")])
    make_contribution(article, person, role="writer")
    article.headline = "Harga beras naik"
    article.save()
    from articles.editorial.history import revision_fields

    latest = RevisionInfo.objects.filter(article_id=article.pk).order_by("-version").first()
    fields = revision_fields(latest)
    assert fields["byline"] == [[0, person.pk, "writer"]] or fields["byline"] == [(0, person.pk, "writer")]
    assert len(fields["tags"]) == 1


def test_compare_shows_word_level_changes(client, editor):
    article = make_article("draft", headline="Banjir rendam 430 rumah", body="<p>Air setinggi satu meter.</p>")
    article.headline = "Banjir rendam 512 rumah"
    article.body = "<p>Air setinggi dua meter.</p>"
    article.save()
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_compare", args=[article.pk]))
    assert page.status_code == 200
    assert "<del>430 </del><ins>512 </ins>" in page.text
    assert "<del>satu </del><ins>dua </ins>" in page.text


def test_restore_makes_a_new_revision_and_never_publishes(client, editor):
    article = make_article("unpublished", headline="Versi pertama", section=make_section())
    first = RevisionInfo.objects.get(article_id=article.pk, version=1)
    article.headline = "Versi kedua"
    article.save()
    client.force_login(editor)
    confirm = client.get(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    assert confirm.status_code == 200 and "tidak pernah menerbitkan" in confirm.text
    done = client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]), {"base_version": article.version})
    assert done.status_code == 302
    restored = Article.objects.get(pk=article.pk)
    assert restored.headline == "Versi pertama"
    assert restored.status == Article.Status.UNPUBLISHED
    assert restored.version == 3
    assert AuditEntry.objects.filter(action="restore", object_id=str(article.pk)).exists()
    # A stale restore is refused.
    stale = client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]), {"base_version": 2}, follow=True)
    assert Article.objects.get(pk=article.pk).version == 3
    assert "diubah setelah Anda membukanya" in stale.text


def test_a_reporter_cannot_restore_an_article_out_of_their_hands(client, reporter, editor):
    article = make_article("published", created_by=reporter)
    info = RevisionInfo.objects.get(article_id=article.pk, version=1)
    client.force_login(reporter)
    assert client.post(reverse("admin:articles_article_restore", args=[article.pk, info.pk]), {"base_version": 1}).status_code == 403


@pytest.mark.parametrize("role, may_delete", [("editor", False), ("chief", True)])
def test_only_the_chief_editor_deletes_a_published_article(client, editor, chief, role, may_delete):
    user = {"editor": editor, "chief": chief}[role]
    article = make_article("published", headline="Berita yang pernah terbit")
    draft = make_article("draft", headline="Draf biasa")
    client.force_login(user)
    delete_url = reverse("admin:articles_article_delete", args=[article.pk])
    page = client.get(delete_url)
    if may_delete:
        assert page.status_code == 200
        assert "alamat publiknya" in page.text and article.get_absolute_url() in page.text
        client.post(delete_url, {"post": "yes"})
        assert not Article.objects.filter(pk=article.pk).exists()
        assert AuditEntry.objects.filter(action="delete", object_id=str(article.pk)).exists()
    else:
        assert page.status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()
    # A draft that never went live can be deleted by an editor.
    assert client.get(reverse("admin:articles_article_delete", args=[draft.pk])).status_code == 200


def test_delete_is_not_the_first_action_and_tarik_asks_for_a_reason(client, editor):
    article = make_article("published")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist"))
    choices = [name for name, _label in page.context["action_form"].fields["action"].choices if name]
    assert choices[0] != "delete_selected" and choices[-1] == "delete_selected"
    confirm = client.post(reverse("admin:articles_article_changelist"), {"action": "unpublish", "_selected_action": [article.pk], **versions_of(article)})
    assert confirm.status_code == 200 and 'name="reason"' in confirm.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    no_reason = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk], **versions_of(article), "reason": "", "confirm": "on"},
    )
    assert "errorlist" in no_reason.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_tarik_from_the_change_form(client, editor):
    article = make_article("published")
    client.force_login(editor)
    form = client.get(change_url(article))
    withdraw = reverse("admin:articles_article_withdraw", args=[article.pk])
    assert withdraw in form.text
    client.post(withdraw, {"reason": "Narasumber mencabut pernyataan", "confirm": "on", "base_version": article.version})
    assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED
    assert AuditEntry.objects.get(action="unpublish").details["reason"] == "Narasumber mencabut pernyataan"


def test_deleted_articles_history_is_for_the_chief_editor(client, editor, chief):
    article = make_article("draft", headline="Artikel yang akan dihapus")
    pk = article.pk
    article.headline = "Artikel yang akan dihapus (revisi)"
    article.save()
    article.delete()
    client.force_login(editor)
    assert client.get(history_url(pk)).status_code in (302, 403, 404)
    client.force_login(chief)
    listing = client.get(reverse("admin:articles_article_deleted"))
    assert listing.status_code == 200 and "Artikel yang akan dihapus (revisi)" in listing.text
    history = client.get(reverse("admin:articles_article_compare", args=[pk]))
    assert history.status_code == 200
    assert "(revisi)" in history.text


def test_presence_shows_who_else_has_the_form_open(client, editor, chief):
    article = make_article("published")
    client.force_login(editor)
    client.get(change_url(article))
    client.force_login(chief)
    page = client.get(change_url(article))
    assert "Sedang dibuka oleh editor (Editor) sejak" in page.text
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert "Sedang dibuka oleh editor (Editor)" in listing.text
    ping = client.post(reverse("admin:articles_article_presence", args=[article.pk]))
    assert ping.status_code == 200 and ping.json()["others"][0].startswith("Sedang dibuka oleh editor (Editor)")
    client.force_login(editor)
    client.post(reverse("admin:articles_article_presence", args=[article.pk]), {"leave": "1"})
    client.force_login(chief)
    assert client.post(reverse("admin:articles_article_presence", args=[article.pk])).json()["others"] == []


def test_unsaved_preview_shows_the_form_without_saving(client, editor):
    article = make_article("published", headline="Judul tersimpan")
    client.force_login(editor)
    page = client.post(reverse("admin:articles_article_unsaved_preview", args=[article.pk]), form_of(article, headline="Judul belum disimpan"))
    assert page.status_code == 200
    # In the story itself, not only the page title (the template reads the form's values through article_page.story()).
    assert "<h1>Judul belum disimpan</h1>" in page.text
    assert "no-store" in page["Cache-Control"] and "noindex" in page["X-Robots-Tag"]
    assert Article.objects.get(pk=article.pk).headline == "Judul tersimpan"
    assert Article.objects.get(pk=article.pk).version == article.version


def test_thinning_keeps_published_states_the_first_and_the_newest(db):
    from django.core.management import call_command

    article = make_article("draft", headline="Versi 1")
    for n in range(2, 9):
        article.headline = f"Versi {n}"
        if n == 4:
            article.status, article.section = Article.Status.PUBLISHED, make_section()
        elif n == 5:
            article.status = Article.Status.UNPUBLISHED
        article.save()
    call_command("thin_revisions", "--keep", "2", stdout=open("/dev/null", "w"))
    kept = sorted(RevisionInfo.objects.filter(article_id=article.pk).values_list("version", flat=True))
    assert kept == [1, 4, 7, 8]
