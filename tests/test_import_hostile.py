"""Whatever bytes a wire file holds, importing it gives a result, never a crash, and a second import changes nothing."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from articles.wire.importer import WireImporter
from articles.wire.outcomes import CREATED, FAILED, UNCHANGED

LINE_ENDS = ["\n", "\r\n", "\r", "\u2028", "\x85"]
lines = st.lists(st.text(max_size=120), max_size=8)
stories = st.builds(lambda parts, end: end.join(parts), lines, st.sampled_from(LINE_ENDS))
contents = st.one_of(
    st.binary(max_size=400),
    # Text as an editor's machine might save it, lone surrogates and all.
    stories.map(lambda text: text.encode("utf-8", "surrogatepass")),
    stories.map(lambda text: ("\ufeff" + text + "\nWartakum News").encode("utf-8", "replace")),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=contents)
def test_any_file_is_imported_or_refused_with_a_reason_and_a_second_import_changes_nothing(db, tmp_path, raw):
    path = tmp_path / "kiriman.txt"
    path.write_bytes(raw)
    savepoint = transaction.savepoint_create()
    try:
        first = WireImporter(signoffs=["Wartakum News"]).import_file(path)
        assert first.outcome in (CREATED, FAILED)
        if first.outcome == FAILED:
            assert first.detail and Article.objects.count() == 0
            return
        article = Article.objects.get()
        assert first.detail == article.get_absolute_url() and article.headline and article.body
        again = WireImporter(signoffs=["Wartakum News"]).import_file(path)
        assert (again.outcome, again.detail) == (UNCHANGED, first.detail)
        assert Article.objects.count() == 1
    finally:
        transaction.savepoint_rollback(savepoint)
