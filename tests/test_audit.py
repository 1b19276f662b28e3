"""The audit log: what is recorded, who may read it, and that nobody can rewrite it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from articles import audit
from articles.audit.models import Action, AuditEntry
from tests.factories import make_article, make_user


def test_record_keeps_actor_object_summary_and_the_request_id(client, editor):
    article = make_article("draft", headline="Banjir rob rendam pesisir")
    entry = audit.record(Action.SAVE, actor=editor, obj=article, summary="judul, isi")
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor == editor
    assert stored.actor_name == "editor (Editor)"
    assert stored.object_repr == "Banjir rob rendam pesisir"
    assert stored.object_id == str(article.pk)
    assert stored.summary == "judul, isi"


def test_login_failed_login_and_logout_are_recorded_with_the_request_id(client, editor):
    login = reverse("admin:login")
    client.post(login, {"username": "editor", "password": "salah"}, headers={"X-Request-ID": "req-fail-1"})
    client.post(login, {"username": "editor", "password": "pw-editor"}, headers={"X-Request-ID": "req-login-1"})
    client.post(reverse("admin:logout"), headers={"X-Request-ID": "req-logout-1"})
    rows = {e.action: e for e in AuditEntry.objects.all()}
    assert rows[Action.LOGIN_FAILED].actor is None
    assert rows[Action.LOGIN_FAILED].actor_name == "editor"
    assert rows[Action.LOGIN_FAILED].request_id == "req-fail-1"
    assert rows[Action.LOGIN].actor == editor and rows[Action.LOGIN].request_id == "req-login-1"
    assert rows[Action.LOGOUT].actor == editor and rows[Action.LOGOUT].request_id == "req-logout-1"
    assert rows[Action.LOGIN].ip_address == "127.0.0.1"


def test_entries_cannot_be_changed_or_deleted_through_the_model(editor):
    entry = audit.record(Action.LOGIN, actor=editor, obj=editor, summary="Masuk")
    entry.summary = "diubah"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="diubah")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Masuk"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_in_sql(editor):
    entry = audit.record(Action.LOGIN, actor=editor, obj=editor, summary="Masuk")
    for sql in ["UPDATE audit_auditentry SET summary = 'x' WHERE id = %s", "DELETE FROM audit_auditentry WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Masuk"


def test_deleting_a_user_keeps_their_entries_readable(editor):
    doomed = make_user("sementara", "Editor")
    audit.record(Action.LOGIN, actor=doomed, obj=doomed, summary="Masuk")
    doomed.delete()
    entry = AuditEntry.objects.get(action=Action.LOGIN)
    assert entry.actor_name == "sementara (Editor)"


def test_chief_editor_browses_and_filters_but_editors_cannot_see_the_log(client, editor, chief):
    article = make_article("published", headline="Harga cabai rawit naik")
    audit.record(Action.PUBLISH, actor=editor, obj=article, summary="Diterbitkan")
    audit.record(Action.LOGIN, actor=chief, obj=chief, summary="Masuk")
    url = reverse("admin:audit_auditentry_changelist")
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(chief)
    page = client.get(url)
    assert page.status_code == 200
    assert "Harga cabai rawit naik" in page.text and "Diterbitkan" in page.text
    by_action = client.get(url, {"action": "publish"})
    assert "Harga cabai rawit naik" in by_action.text and "Masuk" not in by_action.text.split("result_list")[-1]
    by_person = client.get(url, {"actor": str(editor.pk)})
    assert "Diterbitkan" in by_person.text
    by_article = client.get(url, {"object_id": str(article.pk), "content_type__id__exact": AuditEntry.objects.get(action="publish").content_type_id})
    assert by_article.status_code == 200 and "Diterbitkan" in by_article.text
    from django.utils import timezone

    by_date = client.get(url, {"at__year": str(timezone.localdate().year)})
    assert by_date.status_code == 200 and "Diterbitkan" in by_date.text
    assert "Diterbitkan" not in client.get(url, {"at__year": "2001"}).text


def test_nobody_changes_or_deletes_entries_in_the_admin_not_even_a_superuser(client, editor):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-boss")
    entry = audit.record(Action.LOGIN, actor=editor, obj=editor, summary="Masuk")
    client.force_login(boss)
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert client.post(change, {"summary": "diubah"}).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    listing = client.get(reverse("admin:audit_auditentry_changelist"))
    assert "delete_selected" not in listing.text
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Masuk"
