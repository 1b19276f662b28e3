"""
Snippets of long texts: the first look at a text's start
(highlight.FIRST_LOOK_CHARACTERS) must give the snippet the whole text
gives, word for word, whatever falls at the cut.
"""

import pytest

from articles.search import highlight
from articles.search.document import body_text
from articles.search.highlight import FIRST_LOOK_CHARACTERS, opening_html, snippet
from articles.search.stemming import index_term


def terms(*words):
    return frozenset(index_term(word) for word in words)


def filler(count, start=0):
    return " ".join(f"kata{n}" for n in range(start, start + count))


def whole_text_snippet(monkeypatch, text, searched):
    with monkeypatch.context() as patch:
        patch.setattr(highlight, "FIRST_LOOK_CHARACTERS", 10**9)
        return snippet(text, searched)


def test_a_match_near_the_start_of_a_long_text():
    text = f"Gunung Semeru meletus pagi ini. {filler(400)}"
    shown = snippet(text, terms("semeru"))
    assert shown.startswith("Gunung <mark>Semeru</mark> meletus pagi ini. kata0 ")
    assert shown.endswith(" kata24 …")


@pytest.mark.parametrize("shift", range(-8, 9))
def test_a_word_at_the_cut_is_read_whole(monkeypatch, shift):
    # "Semeru" starts a few characters before, at or after the cut.
    lead = "x" * (FIRST_LOOK_CHARACTERS + shift - 3)
    text = f"{lead} ab Semeru meletus. {filler(300)}"
    shown = snippet(text, terms("semeru"))
    assert "<mark>Semeru</mark> meletus." in shown
    assert shown == whole_text_snippet(monkeypatch, text, terms("semeru"))


def test_a_window_running_past_the_cut_ends_where_the_whole_text_has_it(monkeypatch):
    words = filler(125)  # 889 characters: the window's 30 words run past the cut.
    text = f"{words} Semeru meletus lagi {filler(300, start=500)}"
    shown = snippet(text, terms("semeru"))
    assert shown.startswith("… kata119 ") and "<mark>Semeru</mark>" in shown
    assert shown.endswith(" kata520 …")
    assert shown == whole_text_snippet(monkeypatch, text, terms("semeru"))


def test_every_term_together_beyond_the_start_wins_over_one_term_in_it(monkeypatch):
    text = f"Banjir melanda. {filler(300)} Banjir dan longsor di Garut. {filler(50, start=900)}"
    shown = snippet(text, terms("banjir", "longsor"))
    assert "<mark>Banjir</mark> dan <mark>longsor</mark> di Garut." in shown
    assert not shown.startswith("<mark>Banjir</mark> melanda")
    assert shown == whole_text_snippet(monkeypatch, text, terms("banjir", "longsor"))


@pytest.mark.parametrize("before", range(95, 130))
def test_the_cut_may_fall_anywhere_in_the_window(monkeypatch, before):
    # As the match moves, the cut runs through each of the window's words,
    # its last one included.
    text = f"{filler(before)} Semeru meletus lagi {filler(300, start=500)}"
    shown = snippet(text, terms("semeru"))
    assert shown.startswith(f"… kata{before - 6} ") and shown.endswith(" …")
    assert shown == whole_text_snippet(monkeypatch, text, terms("semeru"))


@pytest.mark.parametrize(
    "body",
    [
        "<p>Harga cabai naik &amp; harga bawang turun.</p>" * 80,
        "<p>" + "Ka<em>ta</em> &not<b>in;</b> harga " * 200 + "</p>",
    ],
)
@pytest.mark.parametrize("matches", [True, False])
def test_the_start_of_a_body_gives_the_snippet_its_whole_text_gives(body, matches):
    text = f"Pengantar. {body_text(body)}"
    start = snippet(f"Pengantar. {body_text(opening_html(body))}", terms("harga"), matches=matches, start_only=True)
    # The second's text is too short for the start to settle it (None): the whole is read instead.
    assert start in (None, snippet(text, terms("harga"), matches=matches))
    assert start is not None or "&not" in body


@pytest.mark.parametrize("body", ["<p>" + "kata " * 600 + "harga naik</p>", "Harga tanpa tag " * 300])
def test_a_start_that_does_not_settle_the_snippet_says_so(body):
    # No match in the start, or no tag to cut the HTML at: the whole text is needed.
    start = opening_html(body)
    assert start is body or snippet(f"Pengantar. {body_text(start)}", terms("harga"), start_only=True) is None


@pytest.mark.parametrize("length", [3, 8, 14])
@pytest.mark.parametrize("characters", [400, 1000, 2000])
def test_opening_words_from_less_of_the_body_are_those_of_the_whole(monkeypatch, length, characters):
    # Words of every length put the 30th word anywhere around the first
    # split (highlight.OPENING_WORDS_FIRST_LOOK) and the shorter opening.
    words = [("k" * (1 + n % length)) + str(n) for n in range(400)]
    body = "<p>" + "</p><p>".join(" ".join(words[n : n + 7]) for n in range(0, 400, 7)) + "</p>"
    text = f"Pengantar. {body_text(body)}"
    with monkeypatch.context() as patch:
        patch.setattr(highlight, "OPENING_WORDS_FIRST_LOOK", 10**9)
        whole = snippet(text, terms("harga"), matches=False)
    start = snippet(f"Pengantar. {body_text(opening_html(body, characters))}", terms("harga"), matches=False, start_only=True)
    assert start in (None, whole)
    assert start is not None or len(body_text(opening_html(body, characters))) < 600
    assert snippet(text, terms("harga"), matches=False) == whole


@pytest.mark.parametrize(
    "text",
    [
        "Harga beras naik 12% di pasar_induk (Rp 14.500/kg); \"kata\" ber-harga, x__y 3a.",
        "  \t\n",
        "",
        "Café, naïve: harga ² ½ ٣ ① – ‘kutipan’ Ünïcödé_kata",  # not ASCII: the Unicode split
    ],
)
def test_the_ascii_split_is_the_unicode_split(text):
    assert highlight.split_words(text) == highlight.SPLIT_RE.split(text)
