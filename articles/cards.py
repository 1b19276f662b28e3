"""
A story in a list (the "card"), rendered in Python.

The front page shows about forty cards and a list page twenty; as an
included template each card cost some 0.15 ms (an include, a context push
and a dozen nodes, each resolving its variables), most of the front page's
rendering. Here it is a handful of string operations. Templates still
choose where cards go and how they look: `{% card article … %}` (news tags)
and includes/article_card.html call this; the news index's rows
(`{% index_entries %}`) and search results (`{% search_results %}`) are built
the same way.

The markup is that of a card as it always was. The paid-content label
(paid_label()) is the one the article page (`{% paid_label %}`, news tags),
its "Read also" and "Most read" rows (article_page.story_list) show too.
"""

import html

from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .dates import iso_and_clock, iso_and_short
from .media.templatetags.pictures import picture
from .paths import escaped_slug_paths, slug_paths

CARD_IMAGE_SIZES = "(min-width: 40em) 8rem, 6rem"


def escape(value):
    """
    conditional_escape(value): a plain str (a headline, a slug's path) goes
    straight to html.escape(), as Django's escape() does; conditional_escape
    itself passes keep_lazy's wrapper on every call, some 190 a front page.
    """
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


def paid_label(article):
    """The paid-content label (guideline point 6) a card or list row carries, or ""."""
    if not article.paid_kind:
        return ""
    return paid_label_html(article.get_paid_kind_display())


def paid_label_html(kind_label):
    """The label itself, for the kind's name ("Advertorial")."""
    return SafeString(f'<p class="paid-label">{escape(kind_label)}</p>')


def card(article, heading_level=2, show_section=True, show_standfirst=True, show_image=True, paths=None):
    """
    One story in a list. `heading_level` keeps the page's heading order;
    the section's kicker, the standfirst and the lead image as a thumbnail
    are shown unless their switch is False (None, as an unset template
    variable, means shown). `paths`, from card_list(), is (article's, section's)
    address by slug: what get_absolute_url() returns, its route looked up once a list.
    """
    url = escape(paths[0](article.slug) if paths else article.get_absolute_url())
    image = article.lead_image if show_image is not False else None
    parts = ['<article class="card card-with-image">\n' if image else '<article class="card">\n']
    if image:
        parts.append(
            f'  <a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">{picture(image, sizes=CARD_IMAGE_SIZES)}</a>\n'
        )
    section = article.section if show_section is not False else None
    if section:
        parts.append(
            f'  <p class="kicker"><a href="{escape(paths[1](section.slug) if paths else section.get_absolute_url())}">{escape(section.name)}</a></p>\n'
        )
    parts.append(paid_label(article))
    level = heading_level or 2
    parts.append(f'  <h{level} class="card-title"><a href="{url}">{escape(article.headline)}</a></h{level}>\n')
    if article.standfirst and show_standfirst is not False:
        parts.append(f'  <p class="card-standfirst">{escape(article.standfirst)}</p>\n')
    if article.publish_at:
        iso, shown = iso_and_short(article.publish_at)
        parts.append(f'  <p class="card-meta"><time datetime="{iso}">{shown}</time></p>\n')
    parts.append("</article>\n")
    return SafeString("".join(parts))


def card_list(articles, heading_level=2, show_section=True, show_standfirst=True, standfirst_first_only=False, list_items=False):
    """
    card() for each of `articles`, in one template tag: a {% for %} around
    {% card %} pushed a context and resolved the tag's arguments per card.
    `standfirst_first_only` shows the first card's standfirst alone (the
    front page's section blocks); `list_items` puts each card in an <li>.
    """
    parts = []
    paths = (slug_paths("articles:detail"), slug_paths("articles:section"))  # Article's and Section's get_absolute_url().
    for index, article in enumerate(articles):
        shown = card(article, heading_level, show_section, False if standfirst_first_only and index else show_standfirst, True, paths)
        parts.append(f"<li>{shown}</li>" if list_items else shown)
    return SafeString("".join(parts))


def section_blocks(blocks):
    """
    The front page's block for each (section, articles) in `blocks`: the
    section's title, its cards (the first with its standfirst) and a link to
    more. Seven blocks, each a dozen template variables on the section
    model and a translation, cost about a third of the front page's
    rendering as a {% for %}.
    """
    path = slug_paths("articles:section")  # Section.get_absolute_url(), its route looked up once.
    parts = []
    for section, articles in blocks:
        slug, url, name = escape(section.slug), escape(path(section.slug)), escape(section.name)
        more = gettext("More %(section)s news") % {"section": name}
        parts.append(
            f'  <section class="section-block" aria-labelledby="block-{slug}">\n'
            f'    <h2 id="block-{slug}" class="block-title"><a href="{url}">{name}</a></h2>\n'
            f"    {card_list(articles, heading_level=3, show_section=False, standfirst_first_only=True)}\n"
            f'    <p class="more"><a href="{url}">{more}</a></p>\n'
            "  </section>\n"
        )
    return SafeString("".join(parts))


def index_entries(articles, chosen_section=None):
    """
    The news index's rows for `articles` (a day's list, each story under
    its clock time), with their sections unless the index shows
    `chosen_section` alone. A busy day lists 200 a page, so what rows share
    is worked out once a page: the routes, the time zone and each section's
    kicker (a dozen sections among 200 rows); a row is then one string.
    """
    story_path = escaped_slug_paths("articles:detail")  # Article.get_absolute_url(), escaped, its route looked up once.
    section_path = slug_paths("articles:section")
    zone = timezone.get_current_timezone()
    # By section, made at its first row; by identity, as the rows share the
    # menu's sections (a model's __hash__ is two Python calls a row).
    kickers = {id(None): ""}
    rows = []
    for article in articles:
        url = story_path(article.slug)
        iso, clock = iso_and_clock(article.publish_at, zone)
        image = ""
        if article.lead_image:
            image = f'        <a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">{picture(article.lead_image, sizes=CARD_IMAGE_SIZES)}</a>\n'
        section = None if chosen_section else article.section
        kicker = kickers.get(id(section))
        if kicker is None:
            kicker = kickers[id(section)] = f'        <p class="kicker"><a href="{escape(section_path(section.slug))}">{escape(section.name)}</a></p>\n'
        rows.append(
            f'<li>\n      <time datetime="{iso}">{clock}</time>\n      <div class="card-with-image">\n{image}{kicker}'
            f'{paid_label(article) if article.paid_kind else ""}'
            f'        <h2 class="card-title"><a href="{url}">{escape(article.headline)}</a></h2>\n      </div>\n    </li>\n'
        )
    return SafeString("".join(rows))


def search_result(article, paths=None):
    """
    One search result: a card whose headline and snippet come marked and
    escaped from articles.search.highlight (search_headline, search_snippet).
    `paths` as card() has them.
    """
    url = escape(paths[0](article.slug) if paths else article.get_absolute_url())
    image = article.lead_image
    parts = ['<article class="card search-result card-with-image">\n' if image else '<article class="card search-result">\n']
    if image:
        parts.append(
            f'  <a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">{picture(image, sizes=CARD_IMAGE_SIZES)}</a>\n'
        )
    section = article.section
    if section:
        section_url = paths[1](section.slug) if paths else section.get_absolute_url()
        parts.append(f'  <p class="kicker"><a href="{escape(section_url)}">{escape(section.name)}</a></p>\n')
    parts.append(paid_label(article))
    parts.append(f'  <h2 class="card-title"><a href="{url}">{conditional_escape(article.search_headline)}</a></h2>\n')
    iso, shown = iso_and_short(article.publish_at)
    parts.append(f'  <p class="card-meta"><time datetime="{iso}">{shown}</time></p>\n')
    if article.search_snippet:
        parts.append(f'  <p class="search-snippet">{conditional_escape(article.search_snippet)}</p>\n')
    parts.append("</article>\n")
    return SafeString("".join(parts))


def search_results(articles):
    """
    search_result() for each of `articles` (a page of results), in one
    template tag, as card_list() does for cards.
    """
    paths = (slug_paths("articles:detail"), slug_paths("articles:section"))
    return SafeString("".join(search_result(article, paths) for article in articles))
