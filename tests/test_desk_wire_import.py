"""25 routine wire stories arrive; the Headline and Pilihan Editor stay where the editor put them."""

import pytest

from tests.desk_helpers import place, scoped_texts
from tests.factories import make_article, make_section
from tests.wire_import import run_import, story

pytestmark = pytest.mark.django_db


def test_importing_25_wire_stories_keeps_the_curated_slots(client, tmp_path):
    section = make_section("Nasional", slug="nasional")
    lead = make_article(section=section, hours=3, headline="Banjir bandang di Garut: 12 orang hilang")
    picks = [make_article(section=section, hours=4 + n, headline=f"Liputan khusus bagian {n + 1}") for n in range(3)]
    place(lead, "headline")
    for position, article in enumerate(picks):
        place(article, "pick", position=position)
    before = client.get("/").text

    for n in range(25):
        (tmp_path / f"wire-{n:02d}.txt").write_text(story(headline=f"Kabar kawat rutin nomor {n + 1}"), encoding="utf-8")
    result = run_import(tmp_path, "--publish", "--section", "nasional")
    assert result.code == 0 and result.summary.startswith("summary\t25 files: 25 created")

    after = client.get("/").text
    assert scoped_texts(after, "lead-story", "card-title") == [lead.headline]
    highlights = scoped_texts(after, "highlights", "card-title")
    assert highlights[:3] == [article.headline for article in picks]
    # The free slots and the latest list now carry the wire stories.
    assert all(title.startswith("Kabar kawat rutin") for title in highlights[3:])
    assert scoped_texts(before, "highlights", "card-title")[:3] == highlights[:3]
