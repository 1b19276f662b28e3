from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.addresses import absolute
from articles.syndication import PlainTextRssFeed

from .views import public_corrections

FEED_LENGTH = 30


class CorrectionsFeed(Feed):
    """The newest corrections, each linking to the entry at the end of its story."""

    feed_type = PlainTextRssFeed

    @property
    def language(self):
        return settings.LANGUAGE_CODE

    def title(self):
        return _("%(site)s: corrections") % {"site": settings.SITE_NAME}

    def description(self):
        return _("Every correction and clarification %(site)s has published, newest first.") % {"site": settings.SITE_NAME}

    def link(self):
        return absolute(reverse("press:corrections"))

    def feed_url(self):
        return absolute(reverse("press:corrections_feed"))

    def items(self):
        return public_corrections()[:FEED_LENGTH]

    def item_title(self, correction):
        return f"{correction.kind_label}: {correction.article.headline}"

    def item_description(self, correction):
        return correction.text

    def item_link(self, correction):
        return absolute(correction.get_absolute_url())

    def item_guid(self, correction):
        return absolute(correction.get_absolute_url())

    def item_pubdate(self, correction):
        return correction.published_at


def press_item_labels(article):
    """Labels an article's feed item carries as categories: paid content, not yet verified."""
    labels = []
    if article.paid_kind:
        labels.append(article.get_paid_kind_display())
    verification = getattr(article, "verification", None)
    if verification is not None and verification.is_unverified:
        labels.append(_("Not yet verified"))
    return labels


def press_item_description(article):
    """The standfirst, led by the labels readers must see before reading (guideline points 2 and 6)."""
    labels = press_item_labels(article)
    if not labels:
        return article.standfirst
    return f"[{' · '.join(str(label) for label in labels)}] {article.standfirst}".strip()
