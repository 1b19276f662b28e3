"""
Cross-site scripting: at least 150 vectors (tests/xss_vectors.py) through
every field an editor or a wire file can fill, rendered on every page, feed,
sitemap, JSON-LD block and admin screen. Nothing may come out as live
markup (tests/markup_audit.py says what counts). The full run is slow and
marked so; a sample of the vectors runs in `make test`. Executions in a
real browser are checked in tests/test_browser_xss.py.

FIELDS lists what is filled; add a model's text fields there when you add
one an editor can fill, and its reader pages to pages_for(); admin screens
are found in the admin registry.
"""

from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Source
from django.contrib.auth import get_user_model

from django.contrib import admin

from tests.admin_screens import admin_screens
from tests.factories import make_article, make_image, make_person, make_section, make_tag, make_user
from tests.markup_audit import feed_survivors, html_survivors
from tests.xss_vectors import vectors

pytestmark = pytest.mark.django_db

VECTORS = vectors()
SAMPLE = VECTORS[::60]
# Model -> text fields filled with the vector (max_length respected).
FIELDS = {
    "articles.Section": ["name", "description"],
    "articles.Tag": ["name"],
    "articles.Person": ["name", "bio"],
    "articles.Image": ["alt_text", "caption", "credit"],
    "articles.Article": ["headline", "standfirst", "body", "dateline"],
    "articles.Source": ["name", "url"],
    "press.Correction": ["text"],
    "workflow.EditorialNote": ["text"],
    "desk.BreakingNews": ["text"],
    "press.Verification": ["note"],
    "press.RightOfReply": ["respondent"],
    "press.Takedown": ["statement", "other_reason"],
    "flatpages.FlatPage": ["title", "content"],
}


def fit(model, field, value):
    from django.apps import apps

    limit = apps.get_model(model)._meta.get_field(field).max_length
    return value[:limit] if limit else value


def plant(vector, n, editor):
    """Every object an editor can write, each text field carrying `vector`; returns the article."""
    text = {model: {field: fit(model, field, vector) for field in fields} for model, fields in FIELDS.items()}
    section = make_section(slug=f"rubrik-xss-{n}", **text["articles.Section"])
    tag, person = make_tag(fit("articles.Tag", "name", f"{n} {vector}")), make_person(**text["articles.Person"])
    image = make_image(**text["articles.Image"])
    article_text = {**text["articles.Article"], "body": f"<p>{vector}</p><p>{vector}</p>"}
    article = make_article(section=section, tags=[tag], people=[person], lead_image=image, hours=n % 40 + 1, **article_text)
    Source.objects.create(article=article, position=0, name=text["articles.Source"]["name"], url="https://example.org/")
    _plant_others(article, editor, text)
    return article


def _plant_others(article, editor, text):
    """
    Records other subsystems keep about an article: a correction, an
    editorial note, the breaking-news bar, a verification note, a right of
    reply (a second article answering this one), a flat page, and a takedown
    of a third article.
    """
    from django.apps import apps
    from django.contrib.sites.models import Site

    from articles.press.actions import take_down

    n = article.pk
    apps.get_model("press", "Correction").objects.create(article=article, created_by=editor, **text["press.Correction"])
    apps.get_model("workflow", "EditorialNote").objects.create(article=article, author=editor, **text["workflow.EditorialNote"])
    apps.get_model("desk", "BreakingNews").objects.create(article=article, created_by=editor, **text["desk.BreakingNews"])
    apps.get_model("press", "Verification").objects.update_or_create(article=article, defaults=text["press.Verification"])
    reply = make_article(section=article.section, headline=f"Hak jawab {n}")
    apps.get_model("press", "RightOfReply").objects.create(reply=reply, original=article, **text["press.RightOfReply"])
    page = apps.get_model("flatpages", "FlatPage").objects.create(url=f"/halaman-xss-{n}/", **text["flatpages.FlatPage"])
    page.sites.add(Site.objects.get_current())
    # The notice of a takedown shows the headline as readers knew it.
    gone = make_article(section=article.section, headline=fit("articles.Article", "headline", f"Diturunkan {n} {text['articles.Article']['headline']}"), hours=2)
    boss = get_user_model().objects.filter(is_superuser=True).first() or make_user(f"boss-takedown-{n}", is_superuser=True)
    take_down(gone, boss, reason="dewan_pers", **text["press.Takedown"])


def pages_for(article):
    """Reader pages and feeds an article appears on."""
    today = timezone.localdate(article.publish_at)
    return [
        article.get_absolute_url(),
        f"/rubrik/{article.section.slug}/",
        f"/rubrik/{article.section.slug}/rss/",
        *(f"/topik/{tag.slug}/" for tag in article.tags.all()),
        *(f"/topik/{tag.slug}/rss/" for tag in article.tags.all()),
        *(f"/penulis/{c.person.slug}/" for c in article.contributions.all()),
        *(f"/penulis/{c.person.slug}/rss/" for c in article.contributions.all()),
        f"/indeks/?tanggal={today:%Y-%m-%d}",
        f"/halaman-xss-{article.pk}/",
        *(reply.reply.get_absolute_url() for reply in article.replies.all()),
    ]


SITE_PAGES = ["/", "/rss/", "/sitemap.xml", "/sitemap-news.xml", "/ralat/", "/ralat/rss/", "/pencabutan/", "/cari/?q=banjir"]
# Taken-down stories answer 410 Gone with their public statement.
GONE_OK = {410}


def sitemap_parts(client):
    """The per-section sitemaps the index lists, as paths."""
    import re
    from urllib.parse import urlsplit

    index = client.get("/sitemap.xml").content.decode()
    return [urlsplit(loc).path + (f"?{urlsplit(loc).query}" if urlsplit(loc).query else "") for loc in re.findall(r"<loc>([^<]+)</loc>", index)]


def audit(client, path):
    response = client.get(path)
    assert response.status_code == 200 or response.status_code in GONE_OK, (path, response.status_code)
    body = response.content.decode()
    kind = response.headers.get("Content-Type", "")
    if "xml" in kind:
        try:
            return feed_survivors(body)
        except ElementTree.ParseError as error:
            return [("XML a reader cannot parse", str(error))]
    return html_survivors(body)


def run_suite(vectors, tmp_path, settings, every_admin_screen=True):
    settings.MEDIA_ROOT = tmp_path
    editor = make_user("editor-x", "Editor")
    articles = [plant(vector, n, editor) for n, vector in enumerate(vectors)]
    reader, staff = Client(), Client()
    # A user name typed at the login page reaches the audit log and the lockout list.
    settings.AXES_FAILURE_LIMIT = settings.LOGIN_SLOW_AFTER = 10_000
    for vector in vectors:
        reader.post("/admin/login/", {"username": vector[:150], "password": "salah"})
    staff.force_login(make_user("boss-x", is_superuser=True))
    survivors, rendered = {}, 0
    paths = [*SITE_PAGES, *(path for article in articles for path in pages_for(article))]
    paths += [f"/cari/?q={vector}" for vector in vectors]
    for path in paths:
        found = audit(reader, path)
        rendered += 1
        if found:
            survivors[path] = found[:3]
    for path in sitemap_parts(reader):
        found = audit(reader, path)
        rendered += 1
        if found:
            survivors[path] = found[:3]
    # Every admin screen we ship (tests/admin_screens.py: each registered
    # model's list, forms and history, for its first object), then searched.
    screens = [f"/admin/{m._meta.app_label}/{m._meta.model_name}/?q=zq" for m in admin.site._registry]
    if every_admin_screen:
        screens += [path for _label, path in admin_screens()]
    for path in screens:
        response = staff.get(path)
        if response.status_code in (302, 403, 405):
            continue  # refused to everyone, POST-only, or a redirect to a form seen anyway
        found = audit(staff, path)
        rendered += 1
        if found:
            survivors[path] = found[:3]
    for article in articles:
        for path in [f"/admin/articles/article/{article.pk}/change/", f"/admin/articles/section/{article.section_id}/change/",
                     f"/admin/articles/image/{article.lead_image_id}/change/", f"/admin/articles/person/{article.contributions.first().person_id}/change/"]:
            found = audit(staff, path)
            rendered += 1
            if found:
                survivors[path] = found[:3]
    return survivors, rendered


def test_there_are_at_least_150_distinct_vectors():
    assert len(VECTORS) >= 150
    assert len(set(VECTORS)) == len(VECTORS)


def test_a_sample_of_vectors_leaves_no_live_markup(tmp_path, settings):
    survivors, rendered = run_suite(SAMPLE, tmp_path, settings, every_admin_screen=False)
    assert rendered > 50
    assert not survivors, "\n".join(f"{path}: {found}" for path, found in survivors.items())


@pytest.mark.slow
def test_every_vector_in_every_field_leaves_no_live_markup(tmp_path, settings):
    survivors, rendered = run_suite(VECTORS, tmp_path, settings)
    assert rendered > 1500, rendered
    assert not survivors, survivors


def test_wire_files_with_vectors_import_as_text(tmp_path, settings):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    section = make_section(slug="nasional")
    folder = tmp_path / "wire"
    folder.mkdir()
    for n, vector in enumerate(SAMPLE):
        (folder / f"xss-{n}.txt").write_text(f"{vector} kabar {n}\n{vector}\n{vector}\n\nParagraf dengan {vector}.\n", encoding="utf-8")
    call_command("import_articles", str(folder), "--publish", "--section", section.slug, stdout=open("/dev/null", "w"))
    imported = list(Article.objects.filter(source_key__startswith="wire:xss-"))
    assert len(imported) == len(SAMPLE)
    client = Client()
    survivors = {a.get_absolute_url(): audit(client, a.get_absolute_url()) for a in imported}
    survivors["/rss/"] = audit(client, "/rss/")
    assert not any(survivors.values()), survivors


def test_the_auditor_finds_live_markup():
    page = """<html><body><p>ok</p><img src=x onerror=alert('zq001')><a href=' java\tscript:x'>a</a>
    <script>alert(1)</script><script src="/static/js/x.js"></script><iframe src=x></iframe>
    <script type="application/ld+json">{"a": "</script>"}</body></html>"""
    kinds = {kind for kind, _where in html_survivors(page)}
    assert kinds == {"event handler", "script URL", "script element", "forbidden element", "broken JSON data block"}
    assert html_survivors("<p>&lt;script&gt;alert('zq001')&lt;/script&gt; <a href='/berita/x/'>x</a></p>") == []
    feed = "<rss><channel><item><description>&lt;img src=x onerror=alert(1)&gt;</description></item></channel></rss>"
    assert feed_survivors(feed)[0][0] == "event handler"
