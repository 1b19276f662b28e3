"""
What the article page's template gets as plain values, worked out once in
Python. Django's template engine charges for every tag, filter, include and
method call (3 to 15 µs each); the page repeats the same few (an address, a
date in two formats, a label) for every story it links to, so those come
ready-made and the template only places them. The markup stays in the
templates.
"""

from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from .addresses import absolute
from .article_queries import listed
from .bylines import byline_groups
from .cards import escape, paid_label_html
from .dates import iso_and_short, iso_datetime, long_date
from .paths import slug_paths


def story_links(articles):
    """Links to other stories ("Read also", "Most read"): what each line shows."""
    # The route looked up once a list, and both dates remembered per moment (as on cards).
    path = slug_paths("articles:detail")
    links = []
    for article in articles:
        published_iso, published_short = iso_and_short(article.publish_at)
        links.append(
            {
                "url": path(article.slug),
                "headline": article.headline,
                "paid_kind": article.paid_kind,
                "get_paid_kind_display": article.get_paid_kind_display() if article.paid_kind else "",
                "section_name": article.section.name if article.section else "",
                "published_iso": published_iso,
                "published_short": published_short,
            }
        )
    return links


def story_list(links, with_meta=False):
    """
    An <li> for each of story_links()' entries, the paid-content label
    first: "Most read" shows the headline, "Read also" (`with_meta`) also
    the section and time. A list of small rows, built here like cards
    (articles/cards.py): as a {% for %} each row resolved half a dozen
    variables and pushed a context.
    """
    rows = []
    for link in links:
        paid = paid_label_html(link["get_paid_kind_display"]) if link["paid_kind"] else ""
        meta = (
            f'<span class="meta">{escape(link["section_name"])} · '
            f'<time datetime="{escape(link["published_iso"])}">{escape(link["published_short"])}</time></span>'
            if with_meta
            else ""
        )
        rows.append(f'<li>{paid}<a href="{escape(link["url"])}">{escape(link["headline"])}</a>{meta}</li>')
    return SafeString("\n    ".join(rows))


def story(article):
    """
    What the template shows of `article` itself, as a dict: a template's
    lookup on a model instance first tries it as a dict and catches the
    TypeError (about 25 a page). The sources come from with_lists()' rows.
    """
    section = article.section
    return {
        "pk": article.pk,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "dateline": article.dateline,
        "publish_at": article.publish_at,
        "lead_image": article.lead_image,
        "section": {"name": section.name, "slug": section.slug, "url": section.get_absolute_url()} if section else None,
        "sources": [{"name": source.name, "url": source.url} for source in listed(article, "sources")],
    }


def byline(article):
    """The byline by role, in order: [("Penulis", [{"url", "name"}, ...]), ...]."""
    path = slug_paths("articles:person")  # Person.get_absolute_url(), its route looked up once.
    return [
        (label, [{"url": path(person.slug), "name": person.name} for person in people])
        for label, people in byline_groups(listed(article, "contributions"))
    ]


def topics(article):
    path = slug_paths("articles:tag")  # Tag.get_absolute_url(), its route looked up once.
    return [{"url": path(tag.slug), "name": tag.name} for tag in listed(article, "tags")]


def dates(article):
    """The publish and update times as the page prints them (ISO for <time> and meta tags, long for people)."""
    published, updated = article.publish_at, article.updated_substantively_at
    return {
        "published_iso": iso_datetime(published),
        "published_long": long_date(published),
        "modified_iso": iso_datetime(updated or published),
        # "Updated" is shown only for an update after publication.
        "updated_iso": iso_datetime(updated) if updated and published and updated > published else "",
        "updated_long": long_date(updated) if updated and published and updated > published else "",
    }


def share_values(path, title):
    """The article's address and headline, each encoded once for the share links' query strings."""
    # quote(safe="") leaves only letters, digits, "_.-~" and "%": nothing HTML escapes, so the
    # template need not escape them again (ten times a page).
    return {"url": mark_safe(quote(absolute(path), safe="")), "title": mark_safe(quote(title, safe=""))}
