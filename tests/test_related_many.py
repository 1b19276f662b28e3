"""
"Baca juga" when a topic holds more stories than the block shows: the
picks, then the newest stories sharing a topic, then the same section,
and the same whichever way the topic group is found
(articles.queries.related_queryset, with or without its recent window).
"""

import pytest
from django.utils import timezone

from articles.queries import RELATED_LIMIT, recent_is_complete, related_queryset
from tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db


def read_also_block(client, article):
    text = client.get(article.get_absolute_url()).text
    block = text[text.index("Baca juga") :]
    return block


def in_order(block, headlines):
    positions = [block.index(headline) for headline in headlines]
    return positions == sorted(positions)


def test_a_busy_topic_offers_only_its_newest(client):
    section, elsewhere = make_section(), make_section()
    busy, rare = make_tag("Pemilu"), make_tag("Gempa")
    article = make_article(section=section, tags=[busy, rare], hours=1)
    pick = make_article(section=elsewhere, hours=500, headline="Pilihan editor")
    busy_stories = [make_article(section=elsewhere, tags=[busy], hours=10 + n, headline=f"Pemilu ke-{n}") for n in range(8)]
    make_article(section=elsewhere, tags=[rare], hours=400, headline="Gempa lama")
    make_article(section=section, hours=2, headline="Rubrik baru")
    article.related_articles.set([pick])

    block = read_also_block(client, article)

    shown = [pick.headline] + [story.headline for story in busy_stories[:4]]
    assert in_order(block, shown)
    for absent in ["Pemilu ke-4", "Pemilu ke-7", "Gempa lama", "Rubrik baru"]:
        assert absent not in block


def test_topics_run_out_then_the_section_follows(client):
    section, elsewhere = make_section(), make_section()
    topic = make_tag("Banjir")
    article = make_article(section=section, tags=[topic], hours=1)
    tagged = [make_article(section=elsewhere, tags=[topic], hours=300 + n, headline=f"Banjir ke-{n}") for n in range(3)]
    in_section = [make_article(section=section, hours=2 + n, headline=f"Rubrik ke-{n}") for n in range(4)]

    block = read_also_block(client, article)

    assert in_order(block, [story.headline for story in tagged] + [story.headline for story in in_section[:2]])
    assert "Rubrik ke-2" not in block


def scenarios():
    """Articles whose topic groups are busy, rare, old, or shared with their section."""
    section, elsewhere, quiet = make_section(), make_section(), make_section()
    busy, old, rare = make_tag("Pemilu"), make_tag("Sejarah"), make_tag("Gerhana")
    for n in range(12):
        make_article(section=elsewhere, tags=[busy], hours=5 + 3 * n)
        make_article(section=section, hours=4 + 3 * n)
    for n in range(6):
        make_article(section=elsewhere, tags=[old], hours=900 + n)
        make_article(section=section, tags=[old], hours=950 + n)
    make_article(section=elsewhere, tags=[rare], hours=2000)
    # A quiet section whose every story shares the old topic, but is older
    # than the topic's newest: those must not stand in for the topic group.
    for n in range(6):
        make_article(section=quiet, tags=[old], hours=1000 + n)
    articles = [
        make_article(section=section, tags=[busy], hours=1),
        make_article(section=section, tags=[old], hours=1),
        make_article(section=section, tags=[rare], hours=1),
        make_article(section=section, tags=[busy, old, rare], hours=1),
        make_article(section=section, hours=1),
        make_article(section=elsewhere, tags=[old], hours=1),
        make_article(section=quiet, tags=[old], hours=1),
    ]
    articles[1].related_articles.set([articles[0]])
    return articles


def keys(rows):
    return [row.pk for row in rows]


def test_the_recent_window_is_trusted_only_when_it_gives_the_same_stories():
    articles = scenarios()
    now = timezone.now()
    trusted = doubted = 0
    for article in articles:
        expected = keys(related_queryset(article.pk, article.section_id, now))
        assert len(expected) == RELATED_LIMIT
        for recent in range(1, 60, 3):
            rows = list(related_queryset(article.pk, article.section_id, now, recent=recent))
            if recent_is_complete(rows):
                trusted += 1
                assert keys(rows) == expected, (article.pk, recent)
            else:
                doubted += 1
    # Both ways were taken: the window found the group, and was found wanting.
    assert trusted and doubted
