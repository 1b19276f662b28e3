"""
What the article page's template gets as plain values, worked out once in
Python. Django's template engine charges for every tag, filter, include and
method call (3 to 15 µs each); the page repeats the same few (an address, a
date in two formats, a label) for every story it links to, so those come
ready-made and the template only places them. The markup stays in the
templates.
"""

from urllib.parse import quote

from .addresses import absolute
from .bylines import byline_groups
from django.utils.safestring import mark_safe

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


def byline(article):
    """The byline by role, in order: [("Penulis", [{"url", "name"}, ...]), ...]."""
    path = slug_paths("articles:person")  # Person.get_absolute_url(), its route looked up once.
    return [
        (label, [{"url": path(person.slug), "name": person.name} for person in people])
        for label, people in byline_groups(article.contributions.all())
    ]


def topics(article):
    path = slug_paths("articles:tag")  # Tag.get_absolute_url(), its route looked up once.
    return [{"url": path(tag.slug), "name": tag.name} for tag in article.tags.all()]


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
