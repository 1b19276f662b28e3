"""
The old site's archive and feed addresses, once its posts are in.

    /category/politik/ (and /category/berita/politik/ for a child category),
    /?cat=4                      -> the section made from it, else its topic
    /category/politik/feed/      -> that section's (or topic's) feed
    /tag/pemilu/, /?tag=pemilu   -> the topic page; /tag/pemilu/feed/ -> its feed
    /author/budi/, /?author=2    -> the person's page
    /feed/, /feed/rss2/, /feed/atom/, /?feed=rss2, /?feed=atom -> /rss/

A category or tag that became nothing (no post used it) gets no address.
Default bases (/category/, /tag/, /author/) are assumed: the export does
not say whether the old site changed them.
"""

from urllib.parse import quote

from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Person, Section, Tag

from .addresses import RedirectWriter
from .mapping import PERSON_NAME_MAX, TAG_NAME_MAX, clean_name

FEED_PATHS = ("/feed/", "/feed/rss2/", "/feed/atom/", "/feed/rss/", "/?feed=rss2", "/?feed=atom", "/?feed=rss")


def category_path(nicename, categories):
    """/category/parent/child/ as WordPress builds it, parents first."""
    chain, seen = [nicename], {nicename}
    parent = categories.get(nicename, ("", ""))[1]
    while parent and parent not in seen and len(chain) < 10:
        chain.insert(0, parent)
        seen.add(parent)
        parent = categories.get(parent, ("", ""))[1]
    return "/category/" + "/".join(quote(part, safe="") for part in chain) + "/"


def archive_redirects(catalogue, section_map, sections):
    """(old path, new path) pairs for the archives of the export's categories, tags and authors."""
    pairs = [(path, reverse("articles:feed")) for path in FEED_PATHS]
    for nicename, (name, _parent) in catalogue.categories.items():
        target = category_target(nicename, name, section_map, sections)
        if target is None:
            continue
        page, feed = target
        base = category_path(nicename, catalogue.categories)
        pairs += [(base, page), (base + "feed/", feed)]
        if term_id := catalogue.term_ids.get(("category", nicename)):
            pairs.append((f"/?cat={term_id}", page))
    for slug, name in catalogue.tags.items():
        tag = Tag.objects.filter(name__iexact=clean_name(name, TAG_NAME_MAX)).only("slug").first()
        if tag is None:
            continue
        base = f"/tag/{quote(slug, safe='')}/"
        pairs += [(base, tag.get_absolute_url()), (base + "feed/", reverse("articles:tag_feed", kwargs={"slug": tag.slug}))]
        pairs.append((f"/?tag={quote(slug, safe='')}", tag.get_absolute_url()))
    for login, name in catalogue.authors.items():
        person = Person.objects.filter(name__iexact=clean_name(name, PERSON_NAME_MAX) or login).order_by("pk").only("slug").first()
        if person is None:
            continue
        pairs.append((f"/author/{quote(slugify(login) or login, safe='')}/", person.get_absolute_url()))
        if author_id := catalogue.author_ids.get(login):
            pairs.append((f"/?author={author_id}", person.get_absolute_url()))
    return pairs


def category_target(nicename, name, section_map, sections):
    """(page, feed) for a category: its section (chosen or made), else the topic it became."""
    slug = section_map.get(nicename.lower()) or section_map.get(name.lower())
    section = sections.get(slug) if slug else Section.objects.filter(slug=slugify(nicename, allow_unicode=True)[:80]).first()
    if section is not None:
        return section.get_absolute_url(), reverse("articles:section_feed", kwargs={"slug": section.slug})
    tag = Tag.objects.filter(name__iexact=clean_name(name, TAG_NAME_MAX)).only("slug").first()
    if tag is not None:
        return tag.get_absolute_url(), reverse("articles:tag_feed", kwargs={"slug": tag.slug})
    return None


def save_archive_redirects(catalogue, section_map, sections):
    with transaction.atomic():
        return RedirectWriter().save(archive_redirects(catalogue, section_map, sections))
