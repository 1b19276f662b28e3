"""
Prepared queries (articles/prepared_queries.py): compiled once, they must
return for every later value what the queryset built afresh returns.
"""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.article_queries import listed, published_article, related_articles
from articles.models import Article, Tag
from articles.prepared_queries import PreparedQuery
from articles.queries import related_queryset
from tests.factories import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db


def test_each_value_gets_its_own_rows_after_the_first_compile():
    news, sport = make_section("Nasional"), make_section("Olahraga")
    rows = {section: [make_article(section=section, hours=hours) for hours in (1, 2)] for section in (news, sport)}
    by_section = PreparedQuery(
        Article, lambda section, now: Article.objects.published(now).filter(section_id=section), section=int, now=datetime.datetime
    )
    now = timezone.now()
    for section in (news, sport, news):
        assert by_section.fetch(section=section.pk, now=now) == rows[section]
    # The time is a parameter too: an hour and a half ago only the older story was out.
    assert by_section.fetch(section=sport.pk, now=now - timedelta(minutes=90)) == rows[sport][1:]


def test_a_value_the_sql_does_not_pass_unchanged_is_refused():
    pattern = PreparedQuery(Tag, lambda text: Tag.objects.filter(name__icontains=text), text=str)
    with pytest.raises(ValueError, match="cannot be prepared"):
        pattern.fetch(text="banjir")


def test_the_values_named_are_the_values_needed():
    by_name = PreparedQuery(Tag, lambda name: Tag.objects.filter(name=name), name=str)
    with pytest.raises(TypeError):
        by_name.fetch(slug="banjir")


def test_a_scheduled_story_appears_at_its_minute_through_the_prepared_sql():
    article = make_article("scheduled", hours=1)
    assert published_article(article.slug) is None
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert published_article(article.slug).pk == article.pk


def test_the_article_comes_with_its_byline_topics_and_sources_in_two_queries(django_assert_num_queries):
    writer, editor = make_person("Siti Aminah"), make_person("Budi Santoso")
    tags = [make_tag("Jakarta"), make_tag("Banjir")]  # Topics come by name, whatever their keys.
    article = make_article(tags=tags, people=[writer, editor], sources=["BMKG", "BPBD DKI"])
    article.contributions.filter(person=editor).update(role="editor")
    article.sources.filter(name="BMKG").update(url="https://www.bmkg.go.id/")

    def byline(contributions):
        return [(c.pk, c.role, c.get_role_display(), c.position, c.person.pk, c.person.name, c.person.slug) for c in contributions]

    expected = byline(article.contributions.order_by("position", "pk"))
    sources = list(article.sources.order_by("position", "pk").values_list("pk", "name", "url", "position"))
    # The article, then its byline, topics and sources together (articles/article_lists.py).
    with django_assert_num_queries(2):
        found = published_article(article.slug)
        assert found.section.name == article.section.name
        assert byline(listed(found, "contributions")) == expected
        assert [c.get_role_display() for c in listed(found, "contributions")] == ["Penulis", "Editor"]
        assert [(tag.pk, tag.name, tag.slug) for tag in listed(found, "tags")] == [(t.pk, t.name, t.slug) for t in (tags[1], tags[0])]
        assert [(source.pk, source.name, source.url, source.position) for source in listed(found, "sources")] == sources
        assert sources[0][2] == "https://www.bmkg.go.id/"


def test_related_stories_match_the_queryset_built_afresh():
    section, other = make_section(), make_section()
    topic = make_tag()
    article = make_article(section=section, tags=[topic])
    same_topic = [make_article(section=other, tags=[topic], hours=hours) for hours in (2, 3)]
    same_section = [make_article(section=section, hours=hours) for hours in (4, 5, 6, 7)]
    make_article("scheduled", section=section, tags=[topic])
    pick = make_article(section=other, hours=30)
    article.related_articles.set([pick])
    expected = [pick, *same_topic, *same_section[:2]]
    # Rows with what a "Read also" line shows, sections included (fetched here, the menu's on the page).
    found = related_articles(article)
    assert [(story.pk, story.headline, story.section.name) for story in found] == [(a.pk, a.headline, a.section.name) for a in expected]
    assert list(related_queryset(article.pk, section.pk, timezone.now())) == expected
    # A draft without a section or topics gets the picks alone.
    draft = make_article("draft")
    draft.related_articles.set([pick])
    assert [story.pk for story in related_articles(draft, sections=[section, other])] == [pick.pk]


def test_the_prepared_sql_filters_as_the_orm_does_for_every_state():
    states = ["draft", "review", "scheduled", "published", "unpublished"]
    articles = {state: make_article(state) for state in states}
    for state, article in articles.items():
        found = published_article(article.slug)
        assert (found is not None) == (state == "published"), state
    assert published_article("tidak-ada") is None


def test_a_value_the_builder_takes_for_itself_is_refused():
    # published() without `now` reads the clock while building: the time would be frozen.
    frozen = PreparedQuery(Article, lambda slug: Article.objects.published().filter(slug=slug), slug=str)
    with pytest.raises(ValueError, match="changes from one build to the next"):
        frozen.fetch(slug="banjir")
