"""
End to end, without a browser: import exports written under different
permalink structures, then walk every old address of the old site and see
it reach a 200 on the new page through exactly one 301.
"""

from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.redirects.models import Redirect

from articles.models import Article
from tests.wxr_builder import Post, run_import, write_wxr

pytestmark = pytest.mark.django_db

STYLES = ["date", "category", "plain", "postname"]
WHEN = datetime(2026, 11, 20, 3, 15, tzinfo=UTC)


def posts_for(style, first_id):
    """Two posts and a page per permalink style, with slugs of their own."""
    return [
        Post(first_id, title=f"Banjir rob {style}", slug=f"banjir-{style}", categories=[(f"kota-{style}", f"Kota {style}")],
             tags=[(f"rob-{style}", f"Rob {style}")], author="budi", date_gmt=WHEN),
        Post(first_id + 1, title=f"Harga cabai “{style}”", slug=f"%e2%80%9charga-cabai%e2%80%9d-{style}",
             categories=[(f"kota-{style}", f"Kota {style}"), (f"ekonomi-{style}", f"Ekonomi {style}")], date_gmt=WHEN,
             content=f'Baca <a href="https://lama.example.id{Post(first_id, slug=f"banjir-{style}", categories=[(f"kota-{style}", "")], date_gmt=WHEN).path(style)}">banjir</a>.'),
        Post(first_id + 2, title=f"Profil {style}", slug=f"profil-{style}", post_type="page", content="Tentang kami."),
    ]


def import_style(tmp_path, style, first_id=100):
    posts = posts_for(style, first_id)
    path = write_wxr(tmp_path / f"{style}.xml", posts, permalinks=style, authors=[("budi", "Budi Santoso")],
                     categories=[(f"kota-{style}", f"Kota {style}"), (f"ekonomi-{style}", f"Ekonomi {style}")],
                     tags=[(f"rob-{style}", f"Rob {style}")])
    code, lines, err = run_import(path)
    assert code == 0, (lines, err)
    return posts


def walk(client, address):
    """GET `address`: exactly one 301, then a 200. Returns the final response."""
    first = client.get(address)
    assert first.status_code == 301, (address, first.status_code)
    target = first["Location"]
    assert not urlsplit(target).netloc or urlsplit(target).netloc == "testserver"
    final = client.get(target)
    assert final.status_code == 200, (address, target, final.status_code)
    return final


def post_addresses(post, style):
    link = "https://lama.example.id" + post.path(style)
    key = "page_id" if post.post_type == "page" else "p"
    addresses = {urlsplit(link).path + (f"?{urlsplit(link).query}" if urlsplit(link).query else ""),
                 f"/?{key}={post.post_id}", f"/index.php?{key}={post.post_id}", f"/?{key}={post.post_id}&utm_source=x"}
    if not urlsplit(link).query and post.post_type != "page":
        addresses.add(urlsplit(link).path.rstrip("/"))  # without the trailing slash
    return sorted(addresses)


@pytest.mark.parametrize("style", STYLES)
def test_every_old_address_reaches_the_new_page_through_one_301(client, tmp_path, style):
    posts = import_style(tmp_path, style)
    first, second, page = posts
    for post in (first, second):
        article = Article.objects.get(source_key__endswith=f"/{post.post_id}")
        for address in post_addresses(post, style):
            final = walk(client, address)
            assert final.request["PATH_INFO"] == unquote(article.get_absolute_url())
            assert article.headline in final.content.decode()
    # Links between posts inside bodies lead straight to the new address.
    target = Article.objects.get(source_key__endswith=f"/{first.post_id}").get_absolute_url()
    assert f'href="{target}"' in Article.objects.get(source_key__endswith=f"/{second.post_id}").body

    # A page keeps its address; its query-string address leads to it.
    response = client.get(f"/profil-{style}/")
    assert response.status_code == 200 and f"Profil {style}" in response.content.decode()
    for address in (f"/?page_id={page.post_id}", f"/index.php?page_id={page.post_id}"):
        assert f"Profil {style}" in walk(client, address).content.decode()

    # Archives: the first category is the section, the second a topic, tags topics, authors people.
    archives = {
        f"/category/kota-{style}/": f"/rubrik/kota-{style}/",
        f"/category/ekonomi-{style}/": f"/topik/ekonomi-{style}/",
        f"/tag/rob-{style}/": f"/topik/rob-{style}/",
        "/author/budi/": "/penulis/budi-santoso/",
        "/?author=1": "/penulis/budi-santoso/",
        "/?cat=10": f"/rubrik/kota-{style}/",
    }
    for address, new in archives.items():
        final = walk(client, address)
        assert final.request["PATH_INFO"] == new
        assert "Harga cabai" in final.content.decode() or "Banjir rob" in final.content.decode()
    for address in (f"/category/kota-{style}/feed/", f"/tag/rob-{style}/feed/", "/feed/", "/feed/rss2/", "/?feed=rss2", "/feed/atom/"):
        assert walk(client, address)["Content-Type"].startswith(("application/rss+xml", "application/xml"))


def test_redirects_live_in_the_one_table_of_old_addresses(tmp_path):
    import_style(tmp_path, "date")
    assert Redirect.objects.filter(old_path="/2026/11/20/banjir-date/", new_path="/berita/banjir-date/").exists()
    # WordPress writes lowercase escapes; they are stored as Django spells a request path.
    assert Redirect.objects.filter(old_path="/2026/11/20/%E2%80%9Charga-cabai%E2%80%9D-date/").exists()


def test_the_front_page_and_unknown_addresses_are_untouched(client, tmp_path):
    import_style(tmp_path, "plain")
    assert client.get("/").status_code == 200
    assert client.get("/?p=999999").status_code == 200
    assert client.get("/?utm_source=x").status_code == 200
    assert client.get("/2026/11/20/tidak-pernah-ada/").status_code == 404


def test_a_renamed_articles_old_address_is_not_given_away_and_chains_collapse(client, tmp_path):
    from articles.press.redirects import add_redirect
    from tests.factories import make_article

    renamed = make_article(headline="Dipindah", slug="banjir-baru")
    add_redirect("/berita/banjir-date/", renamed.get_absolute_url())
    # Someone once pointed a short link at the old WordPress address.
    add_redirect("/pendek/", "/2026/11/20/banjir-date/")
    posts = import_style(tmp_path, "date")
    article = Article.objects.get(source_key__endswith=f"/{posts[0].post_id}")
    assert article.slug == "banjir-date-2"
    assert walk(client, "/berita/banjir-date/").request["PATH_INFO"] == "/berita/banjir-baru/"
    assert walk(client, "/2026/11/20/banjir-date/").request["PATH_INFO"] == "/berita/banjir-date-2/"
    assert Redirect.objects.get(old_path="/pendek/").new_path == "/berita/banjir-date-2/"
