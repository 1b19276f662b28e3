"""Body HTML keeps structure and emphasis; everything active comes out inert."""

import pytest

from articles.sanitize import clean_body_html
from tests.factories import make_article


@pytest.mark.parametrize(
    "dirty, forbidden",
    [
        ('<p>Halo</p><script>alert("x")</script>', ["<script", "alert("]),
        ('<p onclick="steal()">Klik</p>', ["onclick", "steal()"]),
        ('<img src="x" onerror="steal()">', ["<img", "onerror"]),
        ('<a href="javascript:alert(1)">tautan</a>', ["javascript:"]),
        ('<a href="JaVaScRiPt:alert(1)">tautan</a>', ["alert(1)"]),
        ('<iframe src="https://evil.example/"></iframe>', ["<iframe", "evil.example"]),
        ("<style>body{display:none}</style><p>x</p>", ["<style", "display:none"]),
        ('<p style="position:fixed">x</p>', ["style="]),
        ('<svg><script>alert(1)</script></svg>', ["<svg", "<script"]),
        ('<form action="/x"><input name="a"></form>', ["<form", "<input"]),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
    ],
)
def test_dangerous_markup_is_removed(dirty, forbidden):
    clean = clean_body_html(dirty)
    for fragment in forbidden:
        assert fragment.lower() not in clean.lower()


def test_editorial_markup_survives():
    html = (
        "<h2>Subjudul</h2><p>Teks <strong>tebal</strong> dan <em>miring</em>.</p>"
        "<blockquote><p>“Kutipan,” katanya.</p></blockquote>"
        "<ul><li>satu</li></ul><ol><li>dua</li></ol>"
        '<p><a href="https://example.id/berita">tautan</a> <a href="mailto:redaksi@example.id">surel</a> '
        '<a href="/berita/lain/">internal</a></p>'
    )
    clean = clean_body_html(html)
    for fragment in ["<h2>Subjudul</h2>", "<strong>tebal</strong>", "<em>miring</em>", "<blockquote>", "<ul>", "<ol>",
                     'href="https://example.id/berita"', 'href="mailto:redaksi@example.id"', 'href="/berita/lain/"']:
        assert fragment in clean


def test_body_is_sanitized_on_save_and_rendered_inert(client, db):
    article = make_article(body='<p>Aman</p><script>alert("bocor")</script><p onmouseover="x()">Teks</p>')
    article.refresh_from_db()
    assert "<script" not in article.body and "onmouseover" not in article.body
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert 'alert("bocor")' not in response.text
    assert "<p>Aman</p>" in response.text


def test_headline_markup_is_escaped_on_the_page(client, db):
    article = make_article(headline="<script>alert(1)</script> Judul")
    response = client.get(article.get_absolute_url())
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize("tag", ["q", "blockquote"])
@pytest.mark.parametrize(
    "cite",
    ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "&#x01;javascript:alert(1)", "data:text/html,x", "vbscript:x"],
)
def test_cite_keeps_only_link_schemes(tag, cite):
    clean = clean_body_html(f'<{tag} cite="{cite}">Kutipan</{tag}>')
    assert clean == f"<{tag}>Kutipan</{tag}>"


@pytest.mark.parametrize("cite", ["https://www.kpk.go.id/siaran", "http://example.id/a", "/berita/banjir/", "mailto:redaksi@example.id"])
def test_cite_with_a_link_scheme_stays(cite):
    assert clean_body_html(f'<blockquote cite="{cite}">Kutipan</blockquote>') == f'<blockquote cite="{cite}">Kutipan</blockquote>'
