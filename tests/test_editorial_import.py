"""The importer's writes are version-checked like everyone's, and each run is in the audit log."""

import pytest
from django.core.management import CommandError, call_command

from articles.audit.models import AuditEntry
from articles.editorial.models import RevisionInfo
from articles.models import Article


def test_an_import_run_is_recorded_with_its_counts_and_each_article_gets_a_revision(db, tmp_path):
    (tmp_path / "banjir.txt").write_text("Banjir rob rendam pesisir\nRingkasan.\nParagraf satu.\n", encoding="utf-8")
    (tmp_path / "kosong.txt").write_text("", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), stdout=open("/dev/null", "w"))
    entry = AuditEntry.objects.get(action="import")
    assert entry.details["counts"] == {"created": 1, "failed": 1}
    assert entry.actor is None and entry.actor_name.endswith("(shell)")
    article = Article.objects.get()
    assert RevisionInfo.objects.filter(article_id=article.pk).count() == 1


def test_a_dry_run_is_not_recorded(db, tmp_path):
    (tmp_path / "banjir.txt").write_text("Banjir rob rendam pesisir\nRingkasan.\nParagraf satu.\n", encoding="utf-8")
    call_command("import_articles", str(tmp_path), "--dry-run", stdout=open("/dev/null", "w"))
    assert not AuditEntry.objects.filter(action="import").exists()


def test_overwrite_edits_is_version_checked_and_recorded(db, tmp_path, editor):
    story = tmp_path / "banjir.txt"
    story.write_text("Banjir rob rendam pesisir\nRingkasan.\nParagraf satu.\n", encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=open("/dev/null", "w"))
    article = Article.objects.get()
    article.headline = "Banjir rob rendam pesisir utara"
    article.updated_by = editor
    article.save()
    story.write_text("Banjir rob rendam pesisir (koreksi)\nRingkasan.\nParagraf satu.\n", encoding="utf-8")
    call_command("import_articles", str(tmp_path), "--overwrite-edits", stdout=open("/dev/null", "w"))
    article.refresh_from_db()
    assert article.headline == "Banjir rob rendam pesisir (koreksi)"
    assert [i.version for i in RevisionInfo.objects.filter(article_id=article.pk).order_by("version")] == [1, 2, 3]
