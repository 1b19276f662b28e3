"""Who may move an article where: every role against every transition, on the model."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_person, make_section

ROLES = ["reporter", "editor", "chief"]


def attempt(move):
    try:
        move()
    except PermissionDenied:
        return "denied"
    return "done"


@pytest.fixture
def users(reporter, editor, chief):
    return {"reporter": reporter, "editor": editor, "chief": chief}


@pytest.mark.parametrize(
    "role, expected",
    [("reporter", "done"), ("editor", "done"), ("chief", "done")],
)
def test_submit_own_draft_for_review(users, role, expected):
    article = make_article("draft", created_by=users[role])
    assert attempt(lambda: article.submit_for_review(users[role])) == expected
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_reporter_cannot_submit_someone_elses_draft(users, editor):
    article = make_article("draft", created_by=editor)
    assert attempt(lambda: article.submit_for_review(users["reporter"])) == "denied"
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_reporter_in_byline_counts_as_author(users):
    article = make_article("draft", people=[make_person(user=users["reporter"])])
    assert article.can_edit(users["reporter"])


@pytest.mark.parametrize("role, expected", [("reporter", "denied"), ("editor", "done"), ("chief", "done")])
@pytest.mark.parametrize("action", ["publish", "schedule"])
def test_publish_and_schedule(users, role, expected, action):
    article = make_article("review", section=make_section(), created_by=users["reporter"])
    at = timezone.now() + timedelta(hours=3)
    move = (lambda: article.publish(users[role])) if action == "publish" else (lambda: article.schedule(users[role], at))
    assert attempt(move) == expected
    stored = Article.objects.get(pk=article.pk)
    if expected == "done":
        assert stored.status == Article.Status.PUBLISHED
        assert stored.is_live == (action == "publish")
        assert stored.is_scheduled == (action == "schedule")
    else:
        assert stored.status == Article.Status.REVIEW


@pytest.mark.parametrize("role, expected", [("reporter", "denied"), ("editor", "done"), ("chief", "done")])
def test_unpublish(users, role, expected):
    article = make_article("published", created_by=users["reporter"])
    assert attempt(lambda: article.unpublish(users[role])) == expected
    assert Article.objects.published().filter(pk=article.pk).exists() == (expected == "denied")


@pytest.mark.parametrize("role, expected", [("reporter", False), ("editor", True), ("chief", True)])
def test_editing_others_work(users, role, expected, db):
    article = make_article("draft", created_by=None)
    assert article.can_edit(users[role]) == expected


@pytest.mark.parametrize("state", ["review", "published"])
def test_reporter_cannot_edit_own_article_once_submitted(users, state):
    article = make_article(state, created_by=users["reporter"])
    assert not article.can_edit(users["reporter"])


def test_publishing_needs_a_section(editor):
    article = make_article("review", section=None)
    with pytest.raises(ValidationError) as excinfo:
        article.publish(editor)
    assert excinfo.value.message_dict["section"]
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_schedule_needs_a_future_time(editor):
    article = make_article("review", section=make_section())
    with pytest.raises(ValidationError):
        article.schedule(editor, timezone.now() - timedelta(minutes=5))


def test_first_published_time_is_kept_across_republishing(editor):
    article = make_article("review", section=make_section())
    article.publish(editor)
    first = article.first_published_at
    article.unpublish(editor)
    article.publish(editor)
    article.refresh_from_db()
    assert article.first_published_at == first
    assert article.is_live


def test_withdrawing_a_scheduled_article_forgets_its_first_publication(editor):
    article = make_article("review", section=make_section())
    article.schedule(editor, timezone.now() + timedelta(days=1))
    article.unpublish(editor)
    article.refresh_from_db()
    assert article.first_published_at is None
    assert article.status == Article.Status.UNPUBLISHED


def test_database_refuses_a_published_article_without_section(db):
    from django.db import IntegrityError, transaction

    article = make_article("draft", section=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, publish_at=timezone.now())
