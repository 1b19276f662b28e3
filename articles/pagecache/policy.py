"""
Which pages the page cache keeps, what each depends on, and what it tells
caches further along.

One row per URL name. ``depends`` lists the generations a page is rendered
under besides ``lists`` (which every reader page depends on: each shows the
navigation and most show lists of stories). ``shared_max_age`` and
``stale_while_revalidate`` are the seconds a CDN or Varnish in front may keep
the page; they are sent only when such a cache can be purged
(PAGE_CACHE_PURGE_URL), since only then is it never stale. ``timeout`` caps
how long our own cache keeps the page: the generations make it correct
either way, the cap only limits memory (search results are many and rarely
asked twice).

| page type | URL names | s-maxage | stale-while-revalidate |
|---|---|---|---|
| front page | articles:home | 60 | 30 |
| article | articles:detail | 300 | 60 |
| lists | articles:section, :tag, :person, :index | 120 | 60 |
| feeds | articles:*feed | 300 | 60 |
| sitemaps, robots.txt | sitemap-*, robots | 600 | 300 |
| search | articles:search | 60 | 30 |
"""

from dataclasses import dataclass, field

from .generations import LISTS, POPULAR, SEARCH, article_key


@dataclass(frozen=True)
class PagePolicy:
    shared_max_age: int
    stale_while_revalidate: int
    timeout: int = 24 * 3600
    # kwargs of the URL -> generation names, besides LISTS.
    depends: tuple = field(default=())

    def generations(self, kwargs):
        return [LISTS, *(name(kwargs) for name in self.depends)]


FRONT = PagePolicy(60, 30, depends=(lambda kwargs: POPULAR,))
ARTICLE = PagePolicy(300, 60, depends=(lambda kwargs: article_key(kwargs["slug"]), lambda kwargs: POPULAR))
LIST = PagePolicy(120, 60)
FEED = PagePolicy(300, 60)
SITEMAP = PagePolicy(600, 300)
SEARCH_RESULTS = PagePolicy(60, 30, timeout=300, depends=(lambda kwargs: SEARCH,))

PAGES = {
    "articles:home": FRONT,
    "articles:detail": ARTICLE,
    "articles:section": LIST,
    "articles:tag": LIST,
    "articles:person": LIST,
    "articles:index": LIST,
    "articles:feed": FEED,
    "articles:section_feed": FEED,
    "articles:tag_feed": FEED,
    "articles:person_feed": FEED,
    "articles:search": SEARCH_RESULTS,
    "sitemap-index": SITEMAP,
    "sitemap-news": SITEMAP,
    "sitemap-section": SITEMAP,
    "robots": SITEMAP,
}

