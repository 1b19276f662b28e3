"""
RSS feeds: the latest articles, and one per section, topic and person.
Each item carries the full text (content:encoded) and the lead image
(an enclosure and Media RSS, both its 1280-pixel JPEG rendition), so feed
readers need not open the page.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape
from django.utils.translation import gettext as _

from .addresses import absolute
from .bylines import authors_in
from .feed_items import feed_image, feed_item_html, feed_item_image, full_text_xml, story_item_xml
from .models import Article, Contribution, Image, Person, Section, Tag
from .paths import slug_paths
from .press.models import Verification
from .press.feeds import press_item_description, press_item_labels
from .syndication import PlainTextRssFeed, clean_utf8

FEED_LENGTH = 30


class FullTextRssFeed(PlainTextRssFeed):
    """RSS 2.0 with the full article in content:encoded and the lead image as media:content."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:media": "http://search.yahoo.com/mrss/",
        }

    def item_extra_xml(self, item):
        return full_text_xml(item["content_html"], item["image"])


# What an item shows of its article, section and press record, as values;
# then the columns of the lead image a feed shows (FEED_PICTURE_FIELDS).
ITEM_COLUMNS = (
    "pk", "headline", "slug", "standfirst", "body", "dateline", "publish_at", "updated_substantively_at", "paid_kind",
    "section_id", "section__name", "section__slug", "verification__status", "lead_image_id",
)


# The lead image's fields a feed reads (feed_image(), feed_item_figure(),
# feed_item_image()); the others are deferred, and their columns, two
# converted per row, not fetched.
FEED_PICTURE_FIELDS = ("id", "file", "width", "height", "alt_text", "caption", "credit", "renditions")
FEED_PICTURE_COLUMNS = tuple(f"lead_image__{name}" for name in FEED_PICTURE_FIELDS)


class FeedStory:
    """
    An article as a feed item shows it, made from a row of values: thirty
    Article and Section instances were a third of a section feed's cost
    per item. The lead image is a whole Image and the press record a
    Verification with its status, as on the article.
    """

    __slots__ = (
        "pk", "headline", "slug", "standfirst", "body", "dateline", "publish_at", "updated_substantively_at", "paid_kind",
        "section", "verification", "lead_image", "feed_byline", "feed_topics", "path",
    )

    def __init__(self, row, section, verification, lead_image, path):
        (self.pk, self.headline, self.slug, self.standfirst, self.body, self.dateline, self.publish_at,
         self.updated_substantively_at, self.paid_kind) = row[:9]
        self.section, self.verification, self.lead_image = section, verification, lead_image
        self.path = path

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return self.path

    def get_paid_kind_display(self):
        return dict(Article._meta.get_field("paid_kind").flatchoices).get(self.paid_kind, self.paid_kind)


def feed_stories(queryset):
    """The first FEED_LENGTH of `queryset` (articles, newest first) as FeedStory items."""
    rows = queryset.order_by("-publish_at", "-pk").values_list(*ITEM_COLUMNS, *FEED_PICTURE_COLUMNS)[:FEED_LENGTH]
    sections, stories, width = {}, [], len(ITEM_COLUMNS)
    # Article.get_absolute_url(), its route looked up once a feed rather than
    # through the URL configuration's context-locals for each item.
    path = slug_paths("articles:detail")
    for row in rows:
        section = sections.get(row[9])
        if section is None:
            section = sections[row[9]] = Section(pk=row[9], name=row[10], slug=row[11])
        verification = None if row[12] is None else Verification(article_id=row[0], status=row[12])
        image = None if row[13] is None else Image.from_db(rows.db, FEED_PICTURE_FIELDS, row[width:])
        stories.append(FeedStory(row, section, verification, image, path(row[2])))
    return stories


class LatestArticlesFeed(Feed):
    feed_type = FullTextRssFeed

    @property
    def language(self):
        return settings.LANGUAGE_CODE

    def title(self, obj=None):
        return _("%(site)s: latest news") % {"site": settings.SITE_NAME}

    def description(self, obj=None):
        return _("The latest news from %(site)s.") % {"site": settings.SITE_NAME}

    def link(self, obj=None):
        return absolute(reverse("articles:home"))

    def feed_url(self, obj=None):
        return absolute(reverse("articles:feed"))

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        articles = feed_stories(self.articles(obj))
        # The names of bylines and topics, one query each: prefetching them
        # as objects cost a third of the feed.
        keys = [article.pk for article in articles]
        bylines, topics = {}, {}
        if keys:
            contributions = Contribution.objects.filter(article_id__in=keys).order_by("position", "pk")
            for article_id, role, name in contributions.values_list("article_id", "role", "person__name"):
                bylines.setdefault(article_id, []).append((role, name))
            tagged = Article.tags.through.objects.filter(article_id__in=keys).order_by("tag__name", "tag_id")
            for article_id, name in tagged.values_list("article_id", "tag__name"):
                topics.setdefault(article_id, []).append(name)
        for article in articles:
            article.feed_byline = bylines.get(article.pk, [])
            article.feed_topics = topics.get(article.pk, [])
        return articles

    def get_feed(self, obj, request):
        """
        What Django's Feed.get_feed() makes of this class, built here: it
        asks each item a dozen attributes through _get_dynamic_attr(), which
        inspects the method's signature on every call (a fifth of a feed of
        thirty). The values are this class's own methods, as there, and the
        links already absolute; tests/test_feeds.py compares the two.
        """
        feed = self.feed_type(
            title=self.title(obj), link=self.link(obj), description=self.description(obj), language=self.language, feed_url=self.feed_url(obj)
        )
        articles = self.items(obj)
        written = [story_item_xml(self, article) for article in articles]
        data = None if None in written else clean_utf8(written)
        if data is not None:
            # The latest of the dates Feed.__call__ and lastBuildDate ask
            # latest_post_date() for: each item's updated and published time.
            dates = [self.item_updateddate(article) for article in articles] + [self.item_pubdate(article) for article in articles]
            feed.set_written_items(data, max(filter(None, dates), default=None))
            return feed
        # An item holding a control character, or one story_item_xml() left
        # to it: every item through add_item(), which strips them.
        for article in articles:
            link = self.item_link(article)
            feed.add_item(
                title=escape(str(article)),  # Feed.item_title()
                link=link,
                description=self.item_description(article),
                unique_id=link,
                unique_id_is_permalink=True,
                enclosures=self.item_enclosures(article),
                pubdate=self.item_pubdate(article),
                updateddate=self.item_updateddate(article),
                author_name=self.item_author_name(article),
                categories=self.item_categories(article),
                **self.item_extra_kwargs(article),
            )
        return feed

    def item_description(self, article):
        return press_item_description(article)

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_guid_is_permalink(self, article):
        return True

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_substantively_at or article.publish_at

    def item_author_name(self, article):
        return ", ".join(authors_in(article.feed_byline)) or None

    def item_categories(self, article):
        return [*press_item_labels(article), article.section.name, *article.feed_topics]

    def item_enclosures(self, article):
        image = article.lead_image
        if image is None or not image.file:
            return []
        picture = feed_image(image)
        length = picture["length"]
        if length is None:
            try:
                length = image.file.storage.size(picture["name"])
            except (OSError, ValueError):
                # The file is gone from storage; an enclosure must state its size.
                return []
        return [Enclosure(picture["url"], str(length), picture["type"] or "application/octet-stream")]

    def item_extra_kwargs(self, article):
        return {"content_html": feed_item_html(article), "image": feed_item_image(article)}


class ObjectFeed(LatestArticlesFeed):
    """The feed of one section, topic or person, at the URL named `feed_url_name`."""

    feed_url_name = None

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse(self.feed_url_name, kwargs={"slug": obj.slug}))


class SectionFeed(ObjectFeed):
    feed_url_name = "articles:section_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def description(self, section):
        return section.description or _("The latest %(section)s news from %(site)s.") % {
            "section": section.name,
            "site": settings.SITE_NAME,
        }

    def articles(self, section):
        return Article.objects.published().filter(section=section)


class TagFeed(ObjectFeed):
    """Like the topic page, a topic with nothing published has no feed."""

    feed_url_name = "articles:tag_feed"

    def get_object(self, request, slug):
        return Tag.objects.with_published_articles().get(slug=slug)

    def description(self, tag):
        return _("News about %(tag)s from %(site)s.") % {"tag": tag.name, "site": settings.SITE_NAME}

    def articles(self, tag):
        return Article.objects.published().filter(tags=tag)


class PersonFeed(ObjectFeed):
    """Like the person page, someone with nothing published has no feed."""

    feed_url_name = "articles:person_feed"

    def get_object(self, request, slug):
        return Person.objects.with_published_articles().get(slug=slug)

    def description(self, person):
        return _("Articles by %(person)s at %(site)s.") % {"person": person.name, "site": settings.SITE_NAME}

    def articles(self, person):
        return Article.objects.published().bylined(person)
