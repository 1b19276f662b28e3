"""
The old site's addresses and where they lead now.

Every address a WordPress site answered for an imported post keeps
working: its permalink (`<link>`, whatever the permalink structure:
/2026/11/27/slug/, /category/slug/, /slug/, /?p=123), its guid, and
/?p=ID, which WordPress answers under any structure. Category and tag
archives lead to the section and topic pages, author archives to the
person's page, feeds to ours. They are stored in the site's one table of
old addresses (django.contrib.redirects), as paths with their query
string, so the domain can move to Newsroom unchanged.

Paths are stored the way Django's RedirectFallbackMiddleware looks them up
(`request.get_full_path()`): percent-encoded with uppercase hex, whereas
WordPress writes lowercase, so both spellings of /berita-%e2%80%9c/ match.
"""

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.urls import reverse
from django.utils.encoding import escape_uri_path

from articles.press.redirects import current_site, final_target
from articles.press.redirects import normalize_path as normalize_target

OLD_PATH_MAX_LENGTH = Redirect._meta.get_field("old_path").max_length
# The query strings WordPress answers at its front door, in the order it
# reads them: /?p=123, /?page_id=7, /?cat=4, /?tag=pemilu, /?feed=rss2, ...
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author", "feed")
FRONT_DOORS = ("/", "/index.php")


class OldSite:
    """The hosts and base path of the WordPress site an export came from."""

    def __init__(self, site_url, blog_url=""):
        self.hosts = set()
        for url in (site_url, blog_url):
            host = (urlsplit(url).hostname or "").lower()
            if host:
                self.hosts |= {host, host.removeprefix("www."), "www." + host.removeprefix("www.")}
        self.key = (urlsplit(blog_url or site_url).netloc or "unknown").lower().removeprefix("www.")
        base = urlsplit(blog_url or site_url).path.rstrip("/")
        self.base = base  # "" or "/blog" for a site in a folder

    def path_of(self, url):
        """
        The address `url` names on the old site, as stored in the redirect
        table ("/2026/11/27/slug/", "/?p=123"), or None for another site,
        an anchor, an email address and the like.
        """
        url = (url or "").strip()
        if not url or url.startswith(("#", "mailto:", "tel:", "javascript:")):
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https"):
            return None
        if parts.netloc and (parts.hostname or "").lower() not in self.hosts:
            return None
        if not parts.netloc and not parts.path.startswith("/"):
            return None
        return normalize_path(parts.path or "/", parts.query)


def normalize_path(path, query=""):
    """A path (+ one WordPress query key) spelled as get_full_path() spells it."""
    path = escape_uri_path(unquote(path, errors="surrogateescape").encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    if path in FRONT_DOORS and query:
        return front_door_path(path, parse_qsl(query))
    return path + (f"?{query}" if query else "")


def front_door_path(path, pairs):
    """"/?p=123&preview=true" -> "/?p=123": the one key WordPress would act on, or the path alone."""
    values = dict(pairs)
    for key in QUERY_KEYS:
        if values.get(key):
            return f"/?{urlencode({key: values[key]})}"
    return path


class RedirectWriter:
    """
    Makes old paths answer 301, with the promises of articles.press.redirects
    (one hop, no loops), in one statement for all of an item's addresses
    rather than several per address. Paths that cannot be kept (too long,
    the front page) are left out.

    Chains: a redirect that leads to a path now redirected must be pointed
    on, and a new one must lead past a target that is itself redirected.
    The table has no index on its targets, so rather than search it for
    every item, the targets are read once per run and kept up to date here;
    so are the redirected article addresses (a renamed article's old one),
    which are all an article's new address could be, so an item whose
    addresses lead to an article asks the database nothing.
    """

    def __init__(self, site=None):
        self.site = site or current_site()
        self.targets = set(Redirect.objects.filter(site=self.site).values_list("new_path", flat=True).iterator(chunk_size=5000))
        self.article_prefix = reverse("articles:detail", kwargs={"slug": "x"}).removesuffix("x/")
        redirected = Redirect.objects.filter(site=self.site, old_path__startswith=self.article_prefix).values_list("old_path", flat=True)
        self.redirected_articles = set(redirected.iterator(chunk_size=5000))

    def save(self, pairs):
        wanted = {old: normalize_target(new) for old, new in pairs if old and old not in FRONT_DOORS and len(old) <= OLD_PATH_MAX_LENGTH}
        if not wanted:
            return 0
        final = {new: new for new in wanted.values()}
        if self._any_redirected(final):
            final = {new: final_target(new, site=self.site) for new in final}
        rows = {old: Redirect(site=self.site, old_path=old, new_path=final[new]) for old, new in wanted.items() if final[new] != old}
        for old, row in rows.items():
            if old in self.targets:
                Redirect.objects.filter(site=self.site, new_path=old).update(new_path=row.new_path)
        if rows:
            Redirect.objects.bulk_create(rows.values(), update_conflicts=True, unique_fields=["site", "old_path"], update_fields=["new_path"])
            self.targets.update(row.new_path for row in rows.values())
            self.redirected_articles.update(old for old in rows if old.startswith(self.article_prefix))
        return len(rows)

    def _any_redirected(self, paths):
        """Whether any of `paths` is an old address in the table."""
        others = [path for path in paths if not path.startswith(self.article_prefix)]
        if others and Redirect.objects.filter(site=self.site, old_path__in=others).exists():
            return True
        return not self.redirected_articles.isdisjoint(paths)


def redirect_for(path):
    """The new path for an old one, or None."""
    return Redirect.objects.filter(site_id=settings.SITE_ID, old_path=path).values_list("new_path", flat=True).first()
