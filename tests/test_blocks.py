"""
The newsroom blocks in a body: kept by the sanitizer, shown to readers as
pictures, "Baca juga" boxes and embed placeholders (no third-party request),
dropped when their target is gone, searchable, in feeds as links, and
carried through export and re-import.
"""

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.blocks.removals import removal_notes
from articles.models import Article
from articles.sanitize import clean_body_html
from tests.factories import make_article, make_photo, make_user


def picture_block(image):
    return f'<figure data-block="picture" data-image="{image.pk}"><img src="{image.file.url}" alt="{image.alt_text}"><figcaption>{image.caption}</figcaption></figure>'


def read_also_block(article):
    return f'<aside data-block="read-also"><a href="{article.get_absolute_url()}">{article.headline}</a></aside>'


EMBED = '<figure data-block="embed" data-provider="youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Banjir dari udara</a></figure>'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_blocks_survive_the_sanitizer_unchanged(db, media):
    image = make_photo(size=(400, 300), caption="Perahu nelayan")
    target = make_article(headline="Nelayan kembali melaut")
    body = "<p>Satu.</p>" + picture_block(image) + read_also_block(target) + EMBED
    assert clean_body_html(body) == clean_body_html(clean_body_html(body))
    cleaned = clean_body_html(body)
    for marker in ('data-block="picture"', f'data-image="{image.pk}"', 'data-block="read-also"', 'data-provider="youtube"', "Banjir dari udara"):
        assert marker in cleaned


@pytest.mark.parametrize(
    "hostile",
    [
        '<figure data-block="picture" data-image="1 OR 1=1"><img src="/media/x.jpg" alt="x"></figure>',
        '<figure data-block="embed" data-provider="youtube"><a href="https://evil.example/watch?v=dQw4w9WgXcQ">x</a></figure>',
        '<figure data-block="embed" data-provider="vimeo"><a href="https://vimeo.com/1">x</a></figure>',
        '<p><img src="https://tracker.example/pixel.gif" alt=""></p>',
        '<aside data-block="script"><a href="javascript:alert(1)">x</a></aside>',
    ],
)
def test_forged_blocks_lose_what_is_not_allowed(hostile):
    cleaned = clean_body_html(hostile)
    for bad in ("OR 1=1", "evil.example", "vimeo", "tracker.example", "javascript:", 'data-block="script"'):
        assert bad not in cleaned


def test_the_editor_is_told_what_the_sanitizer_removed(settings):
    settings.LANGUAGE_CODE = "id"
    notes = removal_notes('<p>Video:</p><iframe src="https://www.youtube.com/embed/x"></iframe><img src="https://a.example/b.jpg"><span style="color:red">merah</span>')
    assert "Sebuah elemen <iframe> dihapus: gunakan blok Sematan." in notes
    assert "Sebuah elemen <img> dihapus: gunakan blok Gambar." in notes
    assert len(notes) == 2  # the span is formatting noise, not worth a word


def test_the_admin_shows_the_removal_after_saving(client, db):
    editor = make_user("penyunting", "Editor")
    client.force_login(editor)
    article = make_article("draft", created_by=editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url).context
    form = page["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({name: field.initial for name, field in form.fields.items() if field.initial is not None and name not in data})
    for inline in page["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update({"headline": article.headline, "body": '<p>Isi.</p><iframe src="https://www.youtube.com/embed/abc"></iframe>', "_save": "1"})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    form = response.context.get("adminform")
    assert form is None, form.form.errors
    shown = [str(m) for m in response.context["messages"]]
    assert any("<iframe>" in m and "Sematan" in m for m in shown), shown
    assert "iframe" not in Article.objects.get(pk=article.pk).body


def test_readers_see_pictures_read_also_boxes_and_embed_placeholders(client, db, media):
    image = make_photo(size=(800, 600), caption="Perahu nelayan", credit="Antara/Budi")
    target = make_article(headline="Nelayan kembali melaut")
    article = make_article(body="<p>Satu.</p>" + picture_block(image) + read_also_block(target) + EMBED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="body-figure"' in html and 'srcset="' in html and 'loading="lazy"' in html
    assert "Antara/Budi" in html
    assert 'class="read-also"' in html and target.get_absolute_url() in html
    assert 'class="embed embed-youtube"' in html and "Banjir dari udara" in html
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in html
    # A link only: nothing on the page loads from the platform.
    assert "<iframe" not in html and "youtube.com/embed" not in html


def test_a_withdrawn_target_or_a_deleted_picture_disappears_for_readers(client, db, media):
    image = make_photo(size=(400, 300))
    target = make_article(headline="Nelayan kembali melaut")
    article = make_article(body="<p>Satu.</p>" + picture_block(image) + read_also_block(target))
    Article.objects.filter(pk=target.pk).update(status=Article.Status.UNPUBLISHED)
    image.delete()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Nelayan kembali melaut" not in html
    assert 'class="read-also"' not in html and 'class="body-figure"' not in html


def test_block_text_is_searchable(client, db, media):
    image = make_photo(size=(400, 300), caption="Perahu cadik bercat merah")
    make_article(headline="Laporan pesisir", body="<p>Satu.</p>" + picture_block(image) + EMBED)
    response = client.get(reverse("articles:search") + "?q=cadik")
    assert "Laporan pesisir" in response.content.decode()


def test_feeds_carry_blocks_as_a_picture_and_plain_links(client, db, media):
    image = make_photo(size=(400, 300))
    target = make_article(headline="Nelayan kembali melaut")
    make_article(body="<p>Satu.</p>" + picture_block(image) + read_also_block(target) + EMBED)
    root = ET.fromstring(client.get("/rss/").content)
    content = " ".join(e.text or "" for e in root.iter("{http://purl.org/rss/1.0/modules/content/}encoded"))
    assert "data-block" not in content
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in content
    assert target.get_absolute_url() in content and "<img" in content


def test_blocks_survive_export_and_reimport(db, media, tmp_path):
    image = make_photo(size=(400, 300))
    target = make_article(headline="Nelayan kembali melaut")
    body = clean_body_html("<p>Satu.</p>" + picture_block(image) + read_also_block(target) + EMBED)
    article = make_article(body=body)
    export = tmp_path / "ekspor.jsonl"
    call_command("export_articles", output=str(export))
    rows = [json.loads(line) for line in export.read_text().splitlines()]
    assert any(row.get("body") == body for row in rows)
    Article.objects.filter(pk=article.pk).update(body="<p>diubah</p>")
    call_command("import_articles", str(export), overwrite_edits=True, stdout=open("/dev/null", "w"))
    assert Article.objects.get(pk=article.pk).body == body


def test_editor_endpoints_answer_staff_only(client, db, media):
    response = client.get(reverse("blocks:embed") + "?url=https://youtu.be/dQw4w9WgXcQ")
    assert response.status_code == 302  # to the login page
    client.force_login(make_user("wartawan", "Reporter"))
    good = client.get(reverse("blocks:embed"), {"url": "https://youtu.be/dQw4w9WgXcQ"})
    assert good.json() == {"provider": "youtube", "name": "YouTube", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}
    bad = client.get(reverse("blocks:embed"), {"url": "https://vimeo.com/123"})
    assert bad.status_code == 400 and "YouTube" in bad.json()["error"]


def test_the_body_field_explains_the_editor_in_indonesian(client, db):
    reporter = make_user("wartawan", "Reporter")
    client.force_login(reporter)
    article = make_article("draft", created_by=reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Tulis seperti di pengolah kata, atau tempel dari Word, Google Docs, WhatsApp" in page
    assert "kotak “Baca juga”" in page
    assert "HTML" not in page.split('id="id_body_helptext"')[1].split("</div>")[0]


def test_someone_who_may_only_view_an_article_sees_its_body_rendered(client, db, media):
    reporter = make_user("wartawan", "Reporter")
    image = make_photo(size=(640, 480), caption="Perahu di muara", credit="Antara")
    target = make_article(headline="Nelayan kembali melaut")
    body = f"<p>Paragraf <strong>tebal</strong> &amp; biasa.</p>{picture_block(image)}{read_also_block(target)}"
    article = make_article(body=body, created_by=reporter)  # published: the reporter may no longer change it
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="body"' not in page  # no editor, no textarea of HTML
    shown = page.split('class="rendered-body">', 1)[1]
    assert shown.startswith("<p>Paragraf <strong>tebal</strong> &amp; biasa.</p>")
    assert "&lt;p&gt;" not in page and "&lt;figure" not in page
    assert "<picture>" in shown and "Perahu di muara" in shown and "Antara" in shown
    assert "Nelayan kembali melaut" in shown and "Baca juga" in shown
