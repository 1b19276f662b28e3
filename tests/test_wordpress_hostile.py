"""
Bad and hostile WordPress exports: each gets one clear "failed" line and
exit status 1, never a traceback, and nothing of the file is imported.
"""

import socket
import threading

import pytest
from django.contrib.redirects.models import Redirect

from articles.models import Article, Person, Section, Tag
from articles.wordpress.models import ImportedItem
from tests.wxr_builder import FOOTER, Post, header, item_xml, run_import, wxr

pytestmark = pytest.mark.django_db

POSTS = [Post(1, title="Satu", slug="satu"), Post(2, title="Dua", slug="dua"), Post(3, title="Tiga", slug="tiga")]


def assert_refused(path, *words):
    code, lines, err = run_import(path)
    assert code == 1
    assert "Traceback" not in err
    failed = [line for line in lines if line[0] == "failed"]
    assert len(failed) == 1, lines
    assert failed[0][1] == str(path)
    for word in words:
        assert word in failed[0][2]
    assert lines[-1][0] == "summary" and "1 failed" in lines[-1][1]
    assert Article.objects.count() == 0
    assert ImportedItem.objects.count() == Redirect.objects.count() == 0
    assert Section.objects.count() == Tag.objects.count() == Person.objects.count() == 0
    return failed[0][2]


def with_doctype(doctype, body="&lol9;"):
    """A valid export whose first post's title is `body`, after `doctype`."""
    text = wxr([Post(1, title="PLACEHOLDER", slug="satu")])
    text = text.replace("<![CDATA[PLACEHOLDER]]>", body)
    return text.replace("<rss ", doctype + "\n<rss ", 1)


def test_billion_laughs_is_refused_unexpanded(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10)
    )
    path = tmp_path / "laughs.xml"
    path.write_text(with_doctype(f"<!DOCTYPE rss [{entities}]>"), encoding="utf-8")
    assert_refused(path, "DTD", "entit")


def test_quadratic_blowup_entity_is_refused(tmp_path):
    path = tmp_path / "blowup.xml"
    path.write_text(with_doctype(f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>', "&a;" * 200), encoding="utf-8")
    assert_refused(path, "DTD")


def test_external_file_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-NEGARA", encoding="utf-8")
    path = tmp_path / "xxe-file.xml"
    path.write_text(with_doctype(f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;"), encoding="utf-8")
    reason = assert_refused(path, "DTD")
    assert "RAHASIA" not in reason


@pytest.fixture
def listener():
    """A TCP server on a free port that records whether anyone connected: (port, hits)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            hits.append(connection.recv(1024))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:PORT/entity">]>',
        '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:PORT/dtd"> %remote;]>',
        '<!DOCTYPE rss SYSTEM "http://127.0.0.1:PORT/external.dtd">',
    ],
    ids=["general-entity", "parameter-entity", "external-dtd"],
)
def test_external_http_entity_is_never_fetched(tmp_path, listener, doctype):
    port, hits = listener
    path = tmp_path / "xxe-http.xml"
    body = "&xxe;" if "xxe" in doctype else "Judul"
    path.write_text(with_doctype(doctype.replace("PORT", str(port)), body), encoding="utf-8")
    assert_refused(path, "DTD")
    assert hits == []


def test_malformed_xml_names_the_line(tmp_path):
    path = tmp_path / "rusak.xml"
    path.write_text(wxr(POSTS).replace("</title>", "</judul>", 2), encoding="utf-8")
    reason = assert_refused(path, "malformed XML at line")
    assert "mismatched tag" in reason


def test_truncated_export_imports_nothing_not_even_its_complete_first_posts(tmp_path):
    text = wxr(POSTS)
    path = tmp_path / "terpotong.xml"
    path.write_text(text[: text.index("<title><![CDATA[Tiga") + 10], encoding="utf-8")
    assert_refused(path, "truncated")


def test_empty_file(tmp_path):
    path = tmp_path / "kosong.xml"
    path.write_bytes(b"")
    assert_refused(path, "empty file")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>x</title></item></channel></rss>', ("not a WordPress export", "wxr_version")),
        ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Halo</p></body></html>', ("not a WordPress export", "<{http://www.w3.org/1999/xhtml}html>")),
        ('{"posts": []}', ("malformed XML at line 1",)),
        (wxr(POSTS).replace("<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>2.0</wp:wxr_version>"), ("version '2.0' is not supported",)),
    ],
    ids=["plain-rss", "xhtml", "json", "unknown-version"],
)
def test_a_file_that_is_not_wxr(tmp_path, content, words):
    path = tmp_path / "bukan.xml"
    path.write_text(content, encoding="utf-8")
    assert_refused(path, *words)


def test_invalid_utf8_names_the_byte_and_line(tmp_path):
    raw = wxr(POSTS).encode("utf-8").replace("Dua".encode(), b"D\xffa")
    path = tmp_path / "latin.xml"
    path.write_bytes(raw)
    reason = assert_refused(path, "not UTF-8", "0xff")
    line = raw[: raw.index(b"\xff")].count(b"\n") + 1
    assert f"line {line}" in reason


def test_a_bad_file_does_not_stop_the_good_one_after_it(tmp_path):
    bad = tmp_path / "a-rusak.xml"
    bad.write_text("<rss><channel>", encoding="utf-8")
    good = tmp_path / "b-baik.xml"
    good.write_text(wxr(POSTS), encoding="utf-8")
    code, lines, err = run_import(bad, good)
    assert code == 1
    assert [line[0] for line in lines] == ["failed", "created", "created", "created", "summary"]
    assert Article.objects.count() == 3


def test_cdata_edge_cases_arrive_intact(tmp_path):
    posts = [
        # WordPress splits "]]>" inside text across two CDATA sections.
        Post(1, title="Kurung ]]> siku", slug="kurung", content="Kode a[b[0]]>c dan ]]]]> selesai."),
        Post(2, title="Tanpa CDATA", slug="tanpa"),
        Post(3, title="Skrip", slug="skrip", content="<![CDATA[ bukan ]]> Teks <script>alert(1)</script> aman."),
    ]
    text = wxr(posts).replace("<title><![CDATA[Tanpa CDATA]]></title>", "<title>Tanpa &amp; CDATA &lt;b&gt;</title>")
    path = tmp_path / "cdata.xml"
    path.write_text(text, encoding="utf-8")
    code, lines, err = run_import(path)
    assert code == 0, lines
    assert Article.objects.get(slug="kurung").headline == "Kurung ]]> siku"
    assert "a[b[0]]&gt;c dan ]]]]&gt; selesai." in Article.objects.get(slug="kurung").body
    assert Article.objects.get(slug="tanpa").headline == "Tanpa & CDATA"
    skrip = Article.objects.get(slug="skrip").body
    assert "alert" not in skrip and "<script" not in skrip and "aman." in skrip


def test_an_item_without_a_post_id_fails_alone(tmp_path):
    text = header() + item_xml(POSTS[0]) + item_xml(POSTS[1]).replace("<wp:post_id>2</wp:post_id>", "") + FOOTER
    path = tmp_path / "tanpa-id.xml"
    path.write_text(text, encoding="utf-8")
    code, lines, err = run_import(path)
    assert code == 1
    assert [line[0] for line in lines[:-1]] == ["created", "failed"]
    assert "no wp:post_id" in lines[1][2]
    assert Article.objects.count() == 1


def test_wrong_arguments_stop_before_anything_is_read(tmp_path):
    for args, words in [
        ([tmp_path / "tidak-ada.xml"], "no such file"),
        ([tmp_path], "not a file"),
        ([tmp_path / "a.xml", "--media-from", tmp_path / "tidak-ada"], "--media-from"),
    ]:
        (tmp_path / "a.xml").write_text(wxr(POSTS), encoding="utf-8")
        code, lines, err = run_import(*args)
        assert code == 1 and words in err and lines == [], args
    assert Article.objects.count() == 0
