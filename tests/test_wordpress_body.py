"""WordPress post content becomes the body HTML readers see (articles/wordpress/body.py)."""

import pytest

from articles.sanitize import clean_body_html

from articles.wordpress.body import Conversion, first_paragraph, shorten


def convert(content, **options):
    conversion = Conversion(**options)
    return conversion.convert(content), conversion.warnings


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    body, warnings = convert("Baris pertama\nbaris kedua.\r\n\r\nParagraf kedua.\n\n\n\nParagraf ketiga.")
    assert body == "<p>Baris pertama<br>\nbaris kedua.</p>\n<p>Paragraf kedua.</p>\n<p>Paragraf ketiga.</p>"
    assert warnings == []


def test_block_markup_is_not_wrapped_and_quotes_get_their_own_paragraphs():
    body, _ = convert("<h2>Subjudul</h2>\nTeks.\n\n<blockquote>Kutipan satu.\n\nKutipan dua.</blockquote>\n\n<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>")
    assert "<h2>Subjudul</h2>" in body and "<p>Teks.</p>" in body
    assert "<blockquote><p>Kutipan satu.</p>\n<p>Kutipan dua.</p></blockquote>" in body
    assert "<li>satu</li>" in body and "<p>satu" not in body


def test_block_editor_comments_become_plain_markup_without_automatic_paragraphs():
    content = (
        "<!-- wp:paragraph -->\n<p>Pembuka.</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3>Sub</h3>\n<!-- /wp:heading -->\n\n'
        "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>Kutip</p></blockquote>\n<!-- /wp:quote -->"
    )
    body, warnings = convert(content)
    assert "wp:" not in body and "<!--" not in body
    assert body.count("<p>") == 2 and "<h3>Sub</h3>" in body and "<blockquote><p>Kutip</p></blockquote>" in body
    assert "<br>" not in body
    assert warnings == []


def test_placeholder_blocks_are_removed_with_a_warning_naming_them():
    content = (
        "<!-- wp:paragraph --><p>Awal</p><!-- /wp:paragraph -->"
        '<!-- wp:embed {"url":"https://youtu.be/x"} --><figure><div>https://youtu.be/x</div></figure><!-- /wp:embed -->'
        "<!-- wp:latest-posts /-->"
        "<!-- wp:jetpack/slideshow --><div>slides</div><!-- /wp:jetpack/slideshow -->"
        "<!-- wp:paragraph --><p>Akhir</p><!-- /wp:paragraph -->"
    )
    body, warnings = convert(content)
    assert body.replace("\n", "") == "<p>Awal</p><p>Akhir</p>"
    assert warnings == ["block embed removed (not supported)", "block latest-posts removed (not supported)", "block jetpack/slideshow removed (not supported)"]


def test_caption_shortcode_becomes_a_figure_with_its_caption():
    content = '[caption id="attachment_9" align="alignnone" width="300"]<a href="/x"><img src="https://lama.example.id/wp-content/uploads/a.jpg" alt="Gunung"></a> Gunung Rinjani pagi ini[/caption]'
    body, warnings = convert(content, image_for=lambda url: "/media/images/a.jpg" if url.endswith("a.jpg") else None)
    assert body.replace("\n", "") == '<figure><img src="/media/images/a.jpg" alt="Gunung"><figcaption>Gunung Rinjani pagi ini</figcaption></figure>'
    assert warnings == []


def test_caption_attribute_form_and_a_picture_that_was_not_imported():
    body, _ = convert('[caption caption="Foto: Antara"]<img src="https://lama.example.id/wp-content/uploads/b.jpg">[/caption]')
    # No third-party request: the old server's picture is not shown at all.
    assert body.replace("\n", "") == "<figure><figcaption>Foto: Antara</figcaption></figure>"


@pytest.mark.parametrize("name", ["gallery", "embed", "video", "audio", "playlist"])
def test_media_shortcodes_are_removed_with_their_content_and_named(name):
    body, warnings = convert(f'Sebelum.\n\n[{name} src="https://youtu.be/x"]https://youtu.be/x[/{name}]\n\nSesudah [{name} ids="1,2"].')
    assert "youtu" not in body and name not in body
    assert "<p>Sebelum.</p>" in body and "Sesudah" in body
    assert warnings == [f"shortcode [{name}] removed"]


def test_unknown_shortcodes_are_removed_keeping_their_text_and_named():
    body, warnings = convert('[su_box title="Catatan"]Isi kotak penting[/su_box]\n\n[contact-form-7 id="5"]\n\n[adsense]')
    assert "Isi kotak penting" in body and "su_box" not in body and "contact-form" not in body
    assert warnings == ["shortcode [su_box] removed", "shortcode [contact-form-7] removed"]
    # A bare [adsense] with no attributes and no closing tag reads as text.
    assert "[adsense]" in body


def test_square_brackets_that_are_text_stay():
    body, warnings = convert("Ia berkata [sic] bahwa [Foto: Antara] dan [1] benar. Kode [[caption]] ditulis begitu.")
    assert "[sic]" in body and "[Foto: Antara]" in body and "[1]" in body and "[caption]" in body and "[[" not in body
    assert warnings == []


def test_links_to_the_old_site_get_new_addresses_and_others_stay():
    links = {"https://lama.example.id/2026/11/27/gempa/": "/berita/gempa-lombok/"}
    body, _ = convert(
        'Lihat <a href="https://lama.example.id/2026/11/27/gempa/">gempa</a> dan <a href="https://contoh.org/">luar</a>.',
        link_for=links.get,
    )
    assert 'href="/berita/gempa-lombok/"' in body and 'href="https://contoh.org/"' in body


def test_the_sanitizer_has_the_last_word():
    body, _ = convert('<p onclick="x()">Teks <iframe src="https://evil.example/"></iframe><img src="/media/a.jpg" onerror="x()"></p><script>alert(1)</script>', image_for=lambda url: url)
    assert "onclick" not in body and "iframe" not in body and "script" not in body and "onerror" not in body
    assert '<img src="/media/a.jpg">' in body
    # Pictures from another server would be third-party requests: gone, tag and all.
    assert clean_body_html('<figure><img src="https://lama.example.id/a.jpg"><img src="//cdn.example/b.jpg"></figure>') == "<figure></figure>"


def test_empty_content():
    assert convert("") == ("", [])
    assert convert("   \n\n  ") == ("", [])


def test_first_paragraph_and_shortening():
    assert first_paragraph("<figure><figcaption>x</figcaption></figure><p></p><p>Kalimat <em>pertama</em> di sini.</p><p>Kedua</p>") == "Kalimat pertama di sini."
    assert shorten("satu dua tiga empat", 12) == "satu dua…"
    assert shorten("pendek", 12) == "pendek"
