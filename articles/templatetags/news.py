"""
Template filters and tags for the readers' site. They are thin: dates come
from articles.dates, addresses from articles.addresses, bylines from
articles.bylines and JSON-LD from articles.structured_data, which feeds
and views use too.
"""

import functools

from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils.encoding import escape_uri_path
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .. import addresses, article_markup, article_page, bylines, cards, dates, page_frame, paths, social_meta, structured_data

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("short_date", dates.short_date)
register.filter("day_date", dates.day_date)
register.filter("clock_time", dates.clock_time)
register.filter("iso_datetime", dates.iso_datetime)
register.filter("absolute", addresses.absolute)
register.filter("byline_groups", bylines.byline_groups)
register.simple_tag(structured_data.json_ld, name="json_ld")
# {% card article heading_level=3 show_section=False %}: one story in a list (articles/cards.py).
register.simple_tag(cards.card, name="card")
# {% card_list articles heading_level=3 %}: card for each, without a {% for %} around it.
register.simple_tag(cards.card_list, name="card_list")
# {% index_entries page_obj chosen_section %}: the news index's rows.
register.simple_tag(cards.index_entries, name="index_entries")
# {% search_results page_obj %}: a page of search results, without a {% for %} around them.
register.simple_tag(cards.search_results, name="search_results")
# {% section_blocks section_blocks %}: the front page's block for each section, with its cards.
register.simple_tag(cards.section_blocks, name="section_blocks")
# {% paid_label article %}: the paid-content label, or nothing.
register.simple_tag(cards.paid_label, name="paid_label")
# {% story_list related with_meta=True %}: "Read also" and "Most read" rows (articles/article_page.py).
register.simple_tag(article_page.story_list, name="story_list")
# The article page's own blocks, built in Python from the view's values (articles/article_markup.py).
register.simple_tag(article_markup.feed_link, name="article_feed_link")
register.simple_tag(article_markup.social_tags, name="article_social_tags")
register.simple_tag(article_markup.story_html, name="article_story", takes_context=True)
register.simple_tag(article_markup.related_block, name="related_block")
# {% url %} and {% static %} for the chrome of every reader page, remembered per process (articles/paths.py).
register.simple_tag(paths.path_to, name="path_to")
register.simple_tag(paths.static_path, name="static_path")
# The frame of every reader page, rendered once per language and values (articles/page_frame.py).
register.simple_tag(page_frame.head_links, name="head_links")
register.simple_tag(page_frame.masthead, name="masthead")
register.simple_tag(page_frame.section_nav, name="section_nav")
register.simple_tag(page_frame.copyright_year, name="copyright_year")
register.simple_tag(page_frame.default_description, name="default_description")
# Open Graph and Twitter card tags (articles/social_meta.py).
register.simple_tag(social_meta.social_meta, name="social_meta")


@register.simple_tag(takes_context=True)
def footer_links(context):
    return page_frame.footer_links(context.get("request"))


@register.filter
def with_dateline(body, dateline):
    """
    The body with "JAKARTA, Wartakum News –" opening its first paragraph, as
    wire copy reads. The body was cleaned against the allow-list when it was
    saved (articles/sanitize.py); the dateline is escaped here.
    """
    body = body or ""
    if not dateline:
        return mark_safe(body)
    # format_html()'s markup, escaped as it escapes (cards.escape()) for less: a feed has thirty of these.
    lead = f'<span class="dateline">{cards.escape(dateline.upper())}, {cards.escape(settings.SITE_NAME)}</span> –&nbsp;'
    if body.startswith("<p>"):
        return mark_safe(f"<p>{lead}{body[3:]}")
    return mark_safe(f"<p>{lead}</p>{body}")


@register.simple_tag(takes_context=True)
def pagination_links(context, page_obj):
    """
    Numbered links for a page of a list: first and last, two either side of
    the current one, ellipses between. Links keep the query's other
    parameters (a search term, the index's day) and drop "page" for page 1,
    so the first page has one address. The other parameters are encoded
    once (QueryDict.urlencode(), "page" after them as a copy with it set
    would put it); a page asks twice (the head's rel links and the
    navigation), and the second time gets the first's answer.
    """
    request = context.get("request")
    known = page_obj.__dict__.get("_pagination_links")
    if known is not None and known[0] is request:
        return known[1]
    path = escape_uri_path(request.path) if request else ""
    base = request.GET.copy() if request else QueryDict(mutable=True)
    base.pop("page", None)
    others = base.urlencode()

    def url(number):
        query = (f"{others}&page={number}" if others else f"page={number}") if number > 1 else others
        return f"{path}?{query}" if query else path or "?"

    paginator = page_obj.paginator
    pages = [
        {"ellipsis": True}
        if not isinstance(number, int)  # paginator.ELLIPSIS, lazy: == translated it every time
        else {"number": number, "url": url(number), "current": number == page_obj.number}
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
    links = {
        "pages": pages,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
    }
    page_obj._pagination_links = (request, links)
    return links


@register.simple_tag(takes_context=True)
def pagination_nav(context, page_obj):
    """
    The page links of a list (includes/pagination.html), "" when it has
    one page: pagination_links() as markup, built in Python. As a template
    loop they cost some 0.15 ms a page of search results (a context push
    and a dozen variables per link), which the demo's single page never
    paid. The whitespace is the template loop's, so the HTML is unchanged.
    """
    if not page_obj.has_other_pages():
        return ""
    links = pagination_links(context, page_obj)
    page_word = cards.escape(gettext("Page"))
    items = []
    for page in links["pages"]:
        if page.get("ellipsis"):
            items.append('\n      <li class="ellipsis" aria-hidden="true">…</li>\n      \n    ')
            continue
        url, number = cards.escape(page["url"]), page["number"]
        if page["current"]:
            items.append(
                f'\n      <li><a href="{url}" aria-current="page"><span class="visually-hidden">{page_word} </span>{number}</a></li>\n      \n    '
            )
        else:
            items.append(f'\n      <li><a href="{url}"><span class="visually-hidden">{page_word} </span>{number}</a></li>\n    ')
    previous = links["previous"]
    next_ = links["next"]
    return SafeString(
        f'\n<nav class="pagination" aria-label="{cards.escape(gettext("Pages"))}">\n  <ul>\n    '
        + (f'<li><a rel="prev" href="{cards.escape(previous)}">{cards.escape(gettext("Previous"))}</a></li>' if previous else "")
        + "\n    "
        + "".join(items)
        + "\n    "
        + (f'<li><a rel="next" href="{cards.escape(next_)}">{cards.escape(gettext("Next"))}</a></li>' if next_ else "")
        + "\n  </ul>\n</nav>\n"
    )


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """JSON-LD for an article page: a NewsArticle and its BreadcrumbList."""
    icon_url = addresses.absolute(paths.static_path(context["SITE_ICON"]))
    # The view's canonical path is the article's address, already worked out.
    url = addresses.absolute(context.get("canonical_path") or article.get_absolute_url())
    data = structured_data.news_article(
        article, icon_url=icon_url, description=context.get("page_description"), url=url, dates=context.get("dates")
    )
    # Corrections, verification status, paid content (articles/press).
    from articles.press.structured_data import press_structured_data

    data.update(press_structured_data(article))
    return mark_safe(structured_data.json_ld(data) + structured_data.json_ld(structured_data.breadcrumbs(article, url)))


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """JSON-LD for the front page: the outlet, and the site with its search."""
    icon_url = addresses.absolute(paths.static_path(context["SITE_ICON"]))
    search_url = addresses.absolute(paths.path_to("articles:search"))
    return _site_json_ld(icon_url, search_url, settings.SITE_URL, settings.SITE_NAME, settings.LANGUAGE_CODE)


# Settings and two addresses, the same on every front page: encoded once per process and values.
@functools.lru_cache(maxsize=16)
def _site_json_ld(icon_url, search_url, site_url, site_name, language_code):
    return structured_data.json_ld(structured_data.website(icon_url, search_url))
