"""The wire format parser (articles/wire/format.py): pure functions, no database."""

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.wire import format as wire
from articles.sanitize import clean_body_html

FIXTURES = Path(__file__).parent / "fixtures" / "wire"
SIGNOFFS = ["Wartakum News"]


def parse_bytes(data, signoffs=SIGNOFFS):
    return wire.parse(wire.decode(data), signoffs)


def kinds(story):
    return [(block.kind, block.text) for block in story.blocks]


def test_typical_story_from_fixture():
    story = wire.read_story(FIXTURES / "banjir-rob-pesisir.txt", SIGNOFFS)

    assert story.headline == "Banjir rob rendam ratusan rumah di pesisir utara Semarang"
    assert story.standfirst.startswith("Air laut pasang setinggi 60 sentimeter")
    texts = [block.text for block in story.blocks]
    assert texts[0].startswith("Ratusan rumah di Kelurahan Tanjung Mas")
    assert "Wartakum News" not in texts, "the sign-off is not body text"
    assert ("heading", "Tanggul belum rampung") in kinds(story)
    teaser = next(block for block in story.blocks if block.text.startswith("Harga cabai"))
    assert teaser.kind == "heading"
    assert teaser.teaser == "Harga cabai rawit turun menjelang akhir bulan"
    assert all(kind == "paragraph" for kind, text in kinds(story) if text.endswith(("ujarnya.", "tanggul.")))


LINES = ["Judul berita", "Ringkasan berita.", "Paragraf pertama.", "Paragraf kedua.", "Wartakum News"]


@pytest.mark.parametrize(
    "data",
    [
        "\n".join(LINES).encode(),
        "\r\n".join(LINES).encode(),
        "\r".join(LINES).encode(),
        ("\n".join(LINES) + "\n").encode(),
        b"\xef\xbb\xbf" + "\r\n".join(LINES).encode(),
        b"Judul berita\nRingkasan berita.\n\n\nParagraf pertama.\n \t \n\nParagraf kedua.\n\nWartakum News\n\n",
    ],
    ids=["lf", "crlf", "cr", "final-newline", "bom-crlf", "blank-lines"],
)
def test_line_ends_bom_and_blank_lines_do_not_matter(data):
    story = parse_bytes(data)
    assert story.headline == "Judul berita"
    assert story.standfirst == "Ringkasan berita."
    assert kinds(story) == [("paragraph", "Paragraf pertama."), ("paragraph", "Paragraf kedua.")]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\x1e"])
def test_only_cr_and_lf_end_a_line(separator):
    data = f"Banjir di{separator}Jakarta Utara\nRingkasan.\nIsi berita.".encode()
    story = parse_bytes(data)
    assert story.headline == "Banjir di Jakarta Utara"
    assert story.standfirst == "Ringkasan."


def test_whitespace_and_control_characters_are_tidied():
    data = "  Judul\t dengan   spasi  \nRingkasan.\x07\nIsi\x1b berita.\x7f".encode()
    story = parse_bytes(data)
    assert story.headline == "Judul dengan spasi"
    assert story.standfirst == "Ringkasan."
    assert story.blocks[0].text == "Isi berita."


@pytest.mark.parametrize(
    "signoffs, last_line",
    [
        (["Wartakum News"], "Wartakum News"),
        (["Wartakum News"], "  wartakum   NEWS "),
        (["Wartakum News", "Kantor Berita Nusantara"], "Kantor Berita Nusantara"),
    ],
)
def test_sign_off_is_dropped(signoffs, last_line):
    story = parse_bytes(f"Judul\nRingkasan.\nIsi berita.\n{last_line}\n\n".encode(), signoffs)
    assert [block.text for block in story.blocks] == ["Isi berita."]


def test_sign_off_counts_only_as_the_final_line():
    story = parse_bytes(b"Judul\nRingkasan.\nWartakum News\nIsi berita.")
    assert [block.text for block in story.blocks] == ["Wartakum News", "Isi berita."]


def test_unknown_final_line_stays_body_text():
    story = parse_bytes(b"Judul\nRingkasan.\nIsi berita.\nKantor Berita Nusantara", ["Wartakum News"])
    assert [block.text for block in story.blocks] == ["Isi berita.", "Kantor Berita Nusantara"]


def test_subheadings_are_short_unpunctuated_lines_between_paragraphs():
    lines = [
        "Judul",
        "Ringkasan.",
        "Baris pertama tanpa titik",  # first body line: not between paragraphs
        "Paragraf biasa.",
        "Subjudul di tengah",
        "“Kutipan yang diakhiri tanda baca,” katanya.",
        "Kalimat yang ditutup kurung (seperti ini.)",
        "Daftar berikut:",
        "“Kutipan sebagai subjudul”",
        "***",
        "x" * (wire.SUBHEADING_MAX_LENGTH + 1),
        "Baris terakhir tanpa titik",  # last body line: not between paragraphs
    ]
    story = parse_bytes("\n".join(lines).encode())
    assert kinds(story) == [
        ("paragraph", "Baris pertama tanpa titik"),
        ("paragraph", "Paragraf biasa."),
        ("heading", "Subjudul di tengah"),
        ("paragraph", "“Kutipan yang diakhiri tanda baca,” katanya."),
        ("paragraph", "Kalimat yang ditutup kurung (seperti ini.)"),
        ("paragraph", "Daftar berikut:"),
        ("heading", "“Kutipan sebagai subjudul”"),
        ("paragraph", "***"),
        ("paragraph", "x" * (wire.SUBHEADING_MAX_LENGTH + 1)),
        ("paragraph", "Baris terakhir tanpa titik"),
    ]
    teasers = {block.text: block.teaser for block in story.blocks}
    assert teasers["Subjudul di tengah"] == "Subjudul di tengah"
    # Too long for a subheading, but short enough to be someone's headline.
    assert teasers["x" * (wire.SUBHEADING_MAX_LENGTH + 1)] == "x" * (wire.SUBHEADING_MAX_LENGTH + 1)
    assert teasers["Paragraf biasa."] == ""
    assert teasers["Baris terakhir tanpa titik"] == ""


@pytest.mark.parametrize("line", ["Baca juga: Harga cabai turun", "BACA JUGA - Harga cabai turun", "Baca juga — Harga cabai turun"])
def test_baca_juga_prefix_marks_a_teaser_anywhere(line):
    story = parse_bytes(f"Judul\nRingkasan.\n{line}".encode())
    assert story.blocks[0].kind == "paragraph"
    assert story.blocks[0].teaser == "Harga cabai turun"


def test_render_body_escapes_markup_and_links_teasers():
    story = wire.read_story(FIXTURES / "pasar-malam-markup.txt", SIGNOFFS)
    assert story.headline == "Pasar malam <b>Sekaten</b> kembali dibuka & ramai pengunjung"
    html = clean_body_html(wire.render_body(story.blocks))
    assert "<script" not in html and "<a " not in html
    assert "&lt;script&gt;alert(\"hai\")&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;hai&quot;)&lt;/script&gt;" in html
    assert "Rp5.000 &amp; mendapat &lt;a href=" in html

    blocks = [
        wire.Block("paragraph", "Isi."),
        wire.Block("heading", "Harga <cabai> turun", teaser="Harga <cabai> turun"),
        wire.Block("heading", "Subjudul biasa", teaser="Subjudul biasa"),
    ]
    found = {"Harga <cabai> turun": ("/berita/harga-cabai-turun/", "Harga <cabai> turun")}
    html = clean_body_html(wire.render_body(blocks, found.get))
    assert html == (
        "<p>Isi.</p>\n"
        '<p><strong>Baca juga:</strong> <a href="/berita/harga-cabai-turun/" rel="noopener noreferrer">Harga &lt;cabai&gt; turun</a></p>\n'
        "<h2>Subjudul biasa</h2>"
    )


def test_normalize_ignores_case_spacing_and_width():
    assert wire.normalize("  HARGA  Cabai\u00a0turun ") == wire.normalize("harga cabai turun")
    assert wire.normalize("ＡＢＣ") == "abc"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf \r\n\t\n", "empty file"),
        (b"\nRingkasan.\nIsi.", "no headline (line 1 is empty)"),
        (b"Judul saja", "no body (nothing after the headline and standfirst)"),
        (b"Judul\nRingkasan.\n\n\n", "no body (nothing after the headline and standfirst)"),
        (b"Judul\nWartakum News", "no body (nothing after the headline and standfirst)"),
        (b"Judul\nRingkasan.\nWartakum News", "no body (nothing after the headline and standfirst)"),
        ("Judul\nRingkasan.\nIsi.".encode("utf-16"), "not UTF-8 text (it is UTF-16; save it as UTF-8)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"Judul\x00\nRingkasan.\nIsi.", "binary data"),
        ("Judul\nRingkasan café.\nIsi.".encode("latin-1"), "not UTF-8 text (byte 0xE9 on line 2 is not valid UTF-8)"),
        (("J" * 201 + "\nRingkasan.\nIsi.").encode(), "headline too long (201 characters on line 1; the limit is 200)"),
        (("Judul\n" + "R" * 401 + "\nIsi.").encode(), "standfirst too long (401 characters on line 2; the limit is 400)"),
    ],
)
def test_failure_reasons(data, reason):
    with pytest.raises(wire.WireError) as caught:
        parse_bytes(data)
    assert str(caught.value) == reason


def test_headline_of_exactly_200_characters_is_accepted():
    story = parse_bytes(("J" * 200 + "\n\nIsi.").encode())
    assert len(story.headline) == 200
    assert story.standfirst == ""


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "besar.txt"
    with open(huge, "wb") as handle:
        # Sparse: 4 GiB on paper, nothing on disk; reading it would take minutes.
        handle.truncate(4 * 1024**3)
    with pytest.raises(wire.WireError) as caught:
        wire.read_story(huge)
    assert str(caught.value) == "too large (4096.0 MiB; the limit is 2 MiB)"


def test_file_of_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "pas.txt"
    text = "Judul\nRingkasan.\n"
    path.write_bytes(text.encode() + b"a" * (wire.MAX_FILE_BYTES - len(text)))
    assert wire.read_story(path).blocks[0].text.startswith("aaa")
    path.write_bytes(path.read_bytes() + b"a")
    with pytest.raises(wire.WireError, match="too large"):
        wire.read_story(path)


def test_special_files_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "antrean.txt"
    os.mkfifo(fifo)
    with pytest.raises(wire.WireError, match="not a regular file"):
        wire.read_story(fifo)
    with pytest.raises(wire.WireError, match="not a regular file"):
        wire.read_story(tmp_path)


def test_unreadable_file(tmp_path):
    with pytest.raises(wire.WireError, match=r"cannot be read \(No such file or directory\)"):
        wire.read_story(tmp_path / "hilang.txt")


@pytest.mark.slow
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=80), min_size=1, max_size=8))
def test_rendered_body_is_stable_under_the_sanitizer(lines):
    # The importer fingerprints the cleaned body and Article.save() cleans it
    # again: a second cleaning must not change it, or every import would
    # look like an edit made on the site.
    blocks = [wire.Block("heading" if index % 3 == 1 else "paragraph", line) for index, line in enumerate(lines)]
    html = clean_body_html(wire.render_body(blocks))
    assert clean_body_html(html) == html
