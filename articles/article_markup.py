"""
The article page's own blocks as HTML, built in Python: the social and
article:* tags of its head, the story (header, picture, body, press notes,
sources, topics, share links) and "Read also". As template markup they
were some 130 nodes a page, each resolving its variables through the
template engine (a dictionary lookup tried first on every dict, a lazy
translation per label, a context push per loop); here they are string
formatting.

templates/articles/article_detail.html still decides where each block goes
and keeps them inside its {% memo %} fragments, so with the page cache on
a block is built only when its fragment is not kept. Each function reads
the values the view put in the context (articles/article_page.py) the way
the template did: the unsaved preview (articles/editorial/views.py) sends
only `story` and `article`, and a value it leaves out shows as it did in
the template, empty. Every text is escaped here, as the template engine
escaped it; the body alone arrives as sanitized HTML.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_noop

from .blocks.markup import render_for_readers
from .cards import escape, paid_label
from .media.templatetags.pictures import picture, social_image_url
from .paths import path_to
from .press.templatetags.press import sponsored_links
from .press.queries import corrections_of, replies_to, reply_of, verification_of
from .social_meta import social_meta

LEAD_IMAGE_SIZES = "(min-width: 45rem) 42rem, 100vw"


# The blocks' fixed words, marked for makemessages; translated in _labels().
LABELS = {
    "unverified": gettext_noop("Not yet verified"),
    "corrected": gettext_noop("This article has been corrected; see the note below."),
    "updated": gettext_noop("Updated"),
    "sources": gettext_noop("Sources"),
    "topics": gettext_noop("Topics"),
    "share": gettext_noop("Share"),
    "email": gettext_noop("Email"),
    "read_also": gettext_noop("Read also"),
}


@functools.cache
def _labels(language):
    # LABELS in `language`, escaped as {% translate %} escaped them: looked up
    # once per language (`language` is only the key; gettext() reads the active one).
    return {name: escape(gettext(message)) for name, message in LABELS.items()}


def labels():
    return _labels(get_language())


@receiver(setting_changed)
def _forget_on_new_settings(setting, **kwargs):
    # Tests switch languages and translation files.
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _labels.cache_clear()


def feed_link(story):
    """The story's section feed, for <head> (nothing for a story without a section)."""
    section = story["section"]
    if not section:
        return ""
    href = escape(path_to("articles:section_feed", slug=section["slug"]))
    title = f"{escape(settings.SITE_NAME)}: {escape(section['name'])}"
    return SafeString(f'\n  <link rel="alternate" type="application/rss+xml" title="{title}" href="{href}">')


def social_tags(story, description, canonical_path, icon_path, dates, topics):
    """Open Graph and Twitter tags (articles/social_meta.py), then article:published_time and the rest."""
    dates, topics = dates or {}, topics or ()  # The unsaved preview has neither (unset template variables: "").
    image = story["lead_image"]
    if image:
        shared = social_meta(
            type="article", title=story["headline"], description=description, url=canonical_path,
            image=social_image_url(image), image_alt=image.alt_text, large_image=True,
        )
    else:
        shared = social_meta(type="article", title=story["headline"], description=description, url=canonical_path, image=icon_path)
    parts = ["\n  ", shared, "\n  "]
    if story["publish_at"]:
        parts.append(
            f'<meta property="article:published_time" content="{escape(dates.get("published_iso", ""))}">\n'
            f'  <meta property="article:modified_time" content="{escape(dates.get("modified_iso", ""))}">\n  '
        )
    if story["section"]:
        parts.append(f'<meta property="article:section" content="{escape(story["section"]["name"])}">\n  ')
    parts += [f'<meta property="article:tag" content="{escape(tag["name"])}">\n  ' for tag in topics]
    parts.append("\n")
    return SafeString("".join(parts))


def story_html(context):
    """The <article> itself: header, lead picture, body with the press notes after it, footer."""
    story, article, words = context["story"], context["article"], labels()
    parts = ['<article class="story wrap">\n  <header class="story-header">\n']
    section = story["section"]
    if section:
        parts.append(f'    <p class="kicker"><a href="{escape(section["url"])}">{escape(section["name"])}</a></p>\n')
    parts.append(f'    <h1>{escape(story["headline"])}</h1>\n')
    # Press labels (articles/press): paid content, not yet verified, corrected.
    label = paid_label(article)
    if label:
        parts.append(f"    {label}\n")
    verification = verification_of(article)
    if verification and verification.is_unverified:
        parts.append(f'    <p class="press-label unverified-label">{words["unverified"]}</p>\n')
    if corrections_of(article):
        parts.append(f'    <p class="correction-notice" role="note"><a href="#ralat">{words["corrected"]}</a></p>\n')
    if story["standfirst"]:
        parts.append(f'    <p class="standfirst">{escape(story["standfirst"])}</p>\n')
    parts.append('    <div class="story-meta">\n')
    parts.append(_byline(context.get("byline")))
    if story["publish_at"]:
        parts.append(_dates(context.get("dates") or {}, words))
    parts.append("    </div>\n  </header>\n")
    if story["lead_image"]:
        parts.append(_lead_figure(story["lead_image"]))
    from .templatetags.news import with_dateline  # Here: the news tags load this module.

    body = sponsored_links(with_dateline(render_for_readers(story["body"]), story["dateline"]), article)
    parts.append(f'  <div class="story-body">\n    {conditional_escape(body)}\n    {_press_end(context, article)}\n  </div>\n')
    parts.append(_footer(story["sources"], context.get("topics") or (), context.get("share") or {}, words))
    parts.append("</article>")
    return SafeString("".join(parts))


def _byline(byline):
    """ "Penulis: A, B · Editor: C" (the byline by role, article_page.byline())."""
    if not byline:
        return ""
    groups = " · ".join(
        f"<span>{escape(label)}: " + ", ".join(f'<a href="{escape(person["url"])}">{escape(person["name"])}</a>' for person in people) + "</span>"
        for label, people in byline
    )
    return f'      <p class="byline">{groups}</p>\n'


def _dates(dates, words):
    published = f'<time datetime="{escape(dates.get("published_iso", ""))}">{escape(dates.get("published_long", ""))}</time>'
    updated = (
        f'<span class="updated">{words["updated"]} <time datetime="{escape(dates["updated_iso"])}">{escape(dates.get("updated_long", ""))}</time></span>'
        if dates.get("updated_iso")
        else ""
    )
    return f'      <p class="story-dates">{published}{updated}</p>\n'


def _lead_figure(image):
    caption = ""
    if image.caption or image.credit:
        credit = ""
        if image.credit:
            credit = ' <span class="credit">' + gettext("Photo: %(credit)s") % {"credit": escape(image.credit)} + "</span>"
        caption = f"\n    <figcaption>{escape(image.caption)}{credit}</figcaption>"
    return f'  <figure class="lead-figure">\n    {picture(image, sizes=LEAD_IMAGE_SIZES, priority=True)}{caption}\n  </figure>\n'


def _press_end(context, article):
    """
    The verification note, corrections and rights of reply after the body
    (press/article_end.html), when the article has any: most have none,
    and those four questions are answered from the article's own query.
    """
    if not (verification_of(article) or corrections_of(article) or replies_to(article) or reply_of(article)):
        return ""
    return context.template.engine.get_template("press/article_end.html").render(context)


def _footer(sources, topics, share, words):
    parts = ['  <footer class="story-footer">\n']
    if sources:
        items = "".join(
            f'<li><a href="{escape(source["url"])}">{escape(source["name"])}</a></li>' if source["url"] else f"<li>{escape(source['name'])}</li>"
            for source in sources
        )
        parts.append(
            '    <section class="story-sources" aria-labelledby="sources-title">\n'
            f'      <h2 id="sources-title">{words["sources"]}</h2>\n'
            f"      <ul>{items}</ul>\n"
            "    </section>\n"
        )
    if topics:
        items = "".join(f'<li><a href="{escape(tag["url"])}">{escape(tag["name"])}</a></li>' for tag in topics)
        parts.append(
            '    <section class="story-tags" aria-labelledby="tags-title">\n'
            f'      <h2 id="tags-title">{words["topics"]}</h2>\n'
            f'      <ul class="tag-list">{items}</ul>\n'
            "    </section>\n"
        )
    # Plain links to each service's share address: no third-party script, nothing loads until
    # the reader clicks. The address and title come encoded for a query string (article_page.share_values()).
    url, title = conditional_escape(share.get("url", "")), conditional_escape(share.get("title", ""))
    parts.append(
        '    <section class="share" aria-labelledby="share-title">\n'
        f'      <h2 id="share-title">{words["share"]}</h2>\n'
        '      <ul class="share-list">\n'
        f'        <li><a href="https://wa.me/?text={title}%20{url}" rel="noopener noreferrer">WhatsApp</a></li>\n'
        f'        <li><a href="https://www.facebook.com/sharer/sharer.php?u={url}" rel="noopener noreferrer">Facebook</a></li>\n'
        f'        <li><a href="https://x.com/intent/post?url={url}&amp;text={title}" rel="noopener noreferrer">X</a></li>\n'
        f'        <li><a href="https://t.me/share/url?url={url}&amp;text={title}" rel="noopener noreferrer">Telegram</a></li>\n'
        f'        <li><a href="mailto:?subject={title}&amp;body={url}">{words["email"]}</a></li>\n'
        "      </ul>\n"
        "    </section>\n"
        "  </footer>\n"
    )
    return "".join(parts)


def related_block(related):
    """ "Read also" (article_page.story_links() rows), or nothing when there are none."""
    if not related:
        return ""
    from .article_page import story_list

    return SafeString(
        '\n<aside class="related wrap" aria-labelledby="related-title">\n'
        f'  <h2 id="related-title">{labels()["read_also"]}</h2>\n'
        '  <ul class="related-list">\n'
        f"    {story_list(related, with_meta=True)}\n"
        "  </ul>\n"
        "</aside>\n"
    )
