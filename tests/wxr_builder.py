"""
Writes WordPress exports (WXR) for tests and the import benchmark.

Our own small writer, shaped like what WordPress's "Tools > Export" writes
(channel header, authors, terms, then one <item> per post, page or
attachment), so tests can state each case in a few lines of Python.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

SITE = "https://lama.example.id"


def cdata(text):
    """Text as WordPress writes it: in CDATA, with "]]>" split across two sections."""
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Post:
    post_id: int
    title: str = "Judul berita"
    slug: str = ""
    content: str = "Isi berita."
    excerpt: str = ""
    status: str = "publish"
    post_type: str = "post"
    author: str = "admin"
    date_gmt: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 3, 15, tzinfo=timezone.utc))
    modified_gmt: datetime | None = None
    categories: list = field(default_factory=list)  # [(nicename, name)]
    tags: list = field(default_factory=list)  # [(slug, name)]
    link: str = ""
    guid: str = ""
    meta: dict = field(default_factory=dict)
    attachment_url: str = ""
    parent: int = 0

    def path(self, permalinks="date"):
        slug = self.slug or f"post-{self.post_id}"
        if self.post_type == "page":
            return f"/{slug}/"
        if permalinks == "plain":
            return f"/?p={self.post_id}"
        if permalinks == "date":
            local = self.date_gmt + timedelta(hours=7)
            return f"/{local:%Y/%m/%d}/{slug}/"
        if permalinks == "category":
            category = self.categories[0][0] if self.categories else "uncategorized"
            return f"/{category}/{slug}/"
        return f"/{slug}/"


def author_xml(login, display_name, author_id=1):
    return (
        f"<wp:author><wp:author_id>{author_id}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(login + '@lama.example.id')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(display_name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata('')}</wp:author_first_name><wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>\n"
    )


def category_xml(term_id, nicename, name, parent=""):
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{cdata(nicename)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
    )


def tag_xml(term_id, slug, name):
    return f"<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"


def wp_date(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S") if moment else "0000-00-00 00:00:00"


def local_date(moment):
    return (moment.astimezone(timezone.utc) + timedelta(hours=7)).strftime("%Y-%m-%d %H:%M:%S") if moment else "0000-00-00 00:00:00"


def item_xml(post, site=SITE, permalinks="date"):
    link = post.link or site + post.path(permalinks)
    kind = "page_id" if post.post_type == "page" else "p"
    guid = post.guid or f"{site}/?{kind}={post.post_id}"
    if post.post_type == "attachment":
        guid = post.guid or post.attachment_url
    terms = "".join(
        f'<category domain="category" nicename="{nicename}">{cdata(name)}</category>' for nicename, name in post.categories
    ) + "".join(f'<category domain="post_tag" nicename="{slug}">{cdata(name)}</category>' for slug, name in post.tags)
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in post.meta.items()
    )
    attachment = f"<wp:attachment_url>{cdata(post.attachment_url)}</wp:attachment_url>" if post.attachment_url else ""
    modified = post.modified_gmt or post.date_gmt
    return (
        "<item>\n"
        f"<title>{cdata(post.title)}</title>\n<link>{link}</link>\n"
        f"<pubDate>{format_datetime(post.date_gmt)}</pubDate>\n"
        f"<dc:creator>{cdata(post.author)}</dc:creator>\n"
        f'<guid isPermaLink="false">{guid}</guid>\n<description></description>\n'
        f"<content:encoded>{cdata(post.content)}</content:encoded>\n"
        f"<excerpt:encoded>{cdata(post.excerpt)}</excerpt:encoded>\n"
        f"<wp:post_id>{post.post_id}</wp:post_id>\n"
        f"<wp:post_date>{cdata(local_date(post.date_gmt))}</wp:post_date>\n"
        f"<wp:post_date_gmt>{cdata(wp_date(post.date_gmt))}</wp:post_date_gmt>\n"
        f"<wp:post_modified>{cdata(local_date(modified))}</wp:post_modified>\n"
        f"<wp:post_modified_gmt>{cdata(wp_date(modified))}</wp:post_modified_gmt>\n"
        f"<wp:comment_status>{cdata('open')}</wp:comment_status><wp:ping_status>{cdata('open')}</wp:ping_status>\n"
        f"<wp:post_name>{cdata(post.slug)}</wp:post_name>\n<wp:status>{cdata(post.status)}</wp:status>\n"
        f"<wp:post_parent>{post.parent}</wp:post_parent><wp:menu_order>0</wp:menu_order>\n"
        f"<wp:post_type>{cdata(post.post_type)}</wp:post_type><wp:post_password>{cdata('')}</wp:post_password>\n"
        f"<wp:is_sticky>0</wp:is_sticky>{attachment}{terms}{meta}\n</item>\n"
    )


def header(site=SITE, version="1.2", authors=(("admin", "Admin Redaksi"),), categories=(), tags=()):
    ns = f"http://wordpress.org/export/{version}/"
    head = (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n'
        '<rss version="2.0"\n'
        f'\txmlns:excerpt="{ns}excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        f'\txmlns:wp="{ns}"\n>\n<channel>\n'
        f"<title>Kabar Lama</title>\n<link>{site}</link>\n<description>Berita lama</description>\n"
        "<pubDate>Fri, 27 Nov 2026 03:15:00 +0000</pubDate>\n<language>id-ID</language>\n"
        f"<wp:wxr_version>{version}</wp:wxr_version>\n"
        f"<wp:base_site_url>{site}</wp:base_site_url>\n<wp:base_blog_url>{site}</wp:base_blog_url>\n"
    )
    if version != "1.0":
        head += "".join(author_xml(login, name, n) for n, (login, name) in enumerate(authors, start=1))
    head += "".join(category_xml(n, nicename, name) for n, (nicename, name) in enumerate(categories, start=10))
    head += "".join(tag_xml(n, slug, name) for n, (slug, name) in enumerate(tags, start=100))
    return head + "<generator>https://wordpress.org/?v=6.6</generator>\n"


FOOTER = "</channel>\n</rss>\n"


def wxr(posts, site=SITE, version="1.2", permalinks="date", **head):
    """A whole export as text."""
    return header(site, version, **head) + "".join(item_xml(post, site, permalinks) for post in posts) + FOOTER


def write_wxr(path, posts, **options):
    path.write_text(wxr(posts, **options), encoding="utf-8")
    return path


def run_import(*args):
    """
    import_wordpress with `args`, as an operator runs it: (exit status,
    stdout lines split on tabs, stderr text).
    """
    from io import StringIO

    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("import_wordpress", *[str(arg) for arg in args], stdout=out, stderr=err)
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    return code, lines, err.getvalue()
