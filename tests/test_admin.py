"""The editors' admin, as each role sees it and as a hand-made POST tries it."""

import pytest
from django.urls import reverse

from articles.models import Article, Section, Tag
from tests.factories import PRESS_INLINE_FORMS, make_article, make_section, make_tag

ROLES = ["reporter", "editor", "chief"]


def versions_of(*articles):
    """What the list page posts with a selection: the version it showed for each row."""
    return {f"_version_{a.pk}": a.version for a in articles}


def article_form_data(**overrides):
    data = {
        "headline": "Gempa Magnitudo 5,1 Guncang Lombok",
        "slug": "",
        "standfirst": "BMKG memastikan gempa tidak berpotensi tsunami.",
        "body": "<p>Gempa terjadi pada pukul 07.12 WIB.</p>",
        "section": "",
        "dateline": "MATARAM",
        "status": "draft",
        "contributions-TOTAL_FORMS": "0",
        "contributions-INITIAL_FORMS": "0",
        "contributions-MIN_NUM_FORMS": "0",
        "contributions-MAX_NUM_FORMS": "1000",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        **PRESS_INLINE_FORMS,
    }
    data.update(overrides)
    return data


@pytest.fixture
def users(reporter, editor, chief):
    return {"reporter": reporter, "editor": editor, "chief": chief}


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_render_in_indonesian_for_each_role(client, users, role):
    client.force_login(users[role])
    own = make_article("draft", created_by=users[role])
    make_article("review")
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?state=review",
        reverse("admin:articles_article_changelist") + "?state=scheduled&q=Berita",
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[own.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="id"' in response.text
    assert "Artikel" in client.get(reverse("admin:articles_article_changelist")).text


def test_django_strings_missing_from_its_indonesian_catalogue_are_translated(client, editor):
    make_article("published")
    client.force_login(editor)
    changelist = client.get(reverse("admin:articles_article_changelist")).text
    assert "Saring menurut" in changelist and "Filter by" not in changelist
    calendar = client.get(reverse("admin:jsi18n")).text
    assert "Hari ini (%(date)s)" in calendar
    assert "Catatan: Masukkan waktu dalam zona waktu %(timezone)s." in calendar


@pytest.mark.parametrize(
    "role, allowed",
    [("reporter", set()), ("editor", {"tag"}), ("chief", {"tag", "section", "person", "user"})],
)
def test_who_manages_tags_sections_people_and_users(client, users, role, allowed):
    client.force_login(users[role])
    for model, url in {
        "tag": reverse("admin:articles_tag_add"),
        "section": reverse("admin:articles_section_add"),
        "person": reverse("admin:articles_person_add"),
        "user": reverse("admin:auth_user_add"),
    }.items():
        assert client.get(url).status_code == (200 if model in allowed else 403), (role, model)


def test_reporter_creates_a_draft_and_is_stamped_as_its_creator(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse("admin:articles_article_add"), article_form_data())
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == reporter and article.updated_by == reporter
    assert article.slug == "gempa-magnitudo-51-guncang-lombok"


def test_reporter_posting_published_by_hand_is_refused(client, reporter):
    client.force_login(reporter)
    section = make_section()
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(status="published", section=section.pk),
    )
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "errorlist" in response.text
    assert "published" not in dict(response.context["adminform"].form.fields["status"].choices)


def test_reporter_cannot_publish_own_draft_by_post(client, reporter):
    article = make_article("draft", created_by=reporter, section=make_section())
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(base_version=article.version, headline=article.headline, status="published", section=article.section_id),
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_reporter_may_submit_own_draft_for_review(client, reporter):
    article = make_article("draft", created_by=reporter)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(base_version=article.version, headline=article.headline, status="review"),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_reporter_cannot_change_others_articles(client, reporter, editor):
    article = make_article("draft", created_by=editor)
    client.force_login(reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    assert page.status_code == 200  # read-only view
    assert 'name="headline"' not in page.text
    response = client.post(url, article_form_data(base_version=article.version, headline="Diubah diam-diam"))
    assert response.status_code == 409  # told why, with their text kept (tests/test_editorial_conflicts.py)
    assert Article.objects.get(pk=article.pk).headline == article.headline


def test_editor_publishing_without_section_gets_a_clear_error(client, editor):
    article = make_article("review", section=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(base_version=article.version, headline=article.headline, status="published", publish_at_0="", publish_at_1=""),
    )
    assert response.status_code == 200
    assert "Pilih rubrik sebelum menerbitkan." in response.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_editor_publishes_from_the_form(client, editor):
    article = make_article("review", section=make_section())
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(
            base_version=article.version,
            headline=article.headline,
            status="published",
            section=article.section_id,
            publish_at_0="",
            publish_at_1="",
            _override="publish",
        ),
    )
    assert response.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_form_limits_have_clear_errors(client, editor):
    client.force_login(editor)
    tags = [make_tag() for _ in range(21)]
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(headline="J" * 201, tags=[t.pk for t in tags], body="<p>" + "x" * (2 * 1024 * 1024) + "</p>"),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(form.errors) >= {"headline", "tags", "body"}
    assert "20" in form.errors["tags"][0]
    assert not Article.objects.exists()


@pytest.mark.parametrize("role, expected", [("reporter", False), ("editor", True), ("chief", True)])
def test_publish_actions_offered_by_role(client, users, role, expected):
    client.force_login(users[role])
    make_article("draft", created_by=users[role])
    response = client.get(reverse("admin:articles_article_changelist"))
    offered = {name for name, _label in response.context["action_form"].fields["action"].choices}
    assert ("publish_now" in offered) == expected
    assert ("unpublish" in offered) == expected
    assert ("schedule" in offered) == expected


def test_publish_action_reports_refusals_and_publishes_the_rest(client, editor):
    ready = make_article("review", section=make_section())
    no_section = make_article("review", section=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [ready.pk, no_section.pk], **versions_of(ready, no_section)},
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.published().filter(pk=ready.pk).exists()
    assert not Article.objects.published().filter(pk=no_section.pk).exists()
    assert "Pilih rubrik sebelum menerbitkan." in response.text


def test_reporter_cannot_run_publish_action_by_post(client, reporter):
    article = make_article("draft", created_by=reporter, section=make_section())
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk], **versions_of(article)})
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_schedule_action_asks_for_a_time_then_schedules(client, editor):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article("review", section=make_section())
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    page = client.post(url, {"action": "schedule", "_selected_action": [article.pk], **versions_of(article)})
    assert page.status_code == 200 and 'name="publish_at"' in page.text

    past = client.post(url, {"action": "schedule", "_selected_action": [article.pk], **versions_of(article), "publish_at": "2020-01-01T10:00"})
    assert past.status_code == 200 and "errorlist" in past.text
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW

    when = timezone.localtime() + timedelta(days=1)
    client.post(url, {"action": "schedule", "_selected_action": [article.pk], **versions_of(article), "publish_at": when.strftime("%Y-%m-%dT%H:%M")})
    stored = Article.objects.get(pk=article.pk)
    assert stored.is_scheduled
    assert timezone.localtime(stored.publish_at).strftime("%Y-%m-%d %H:%M") == when.strftime("%Y-%m-%d %H:%M")


def test_changelist_shows_state_with_scheduled_time(client, editor):
    make_article("scheduled", headline="Artikel terjadwal besok", hours=24)
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_changelist"))
    assert "article-state-scheduled" in response.text
    assert "WIB" in response.text


def test_chief_editor_cannot_make_a_superuser(client, chief, reporter):
    client.force_login(chief)
    url = reverse("admin:auth_user_change", args=[reporter.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.text


def test_admin_search_and_autocomplete_work_for_editors(client, editor):
    make_tag("Pemilu 2029")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Pemilu", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "Pemilu 2029"
    assert Tag.objects.count() == 1 and Section.objects.count() == 0
