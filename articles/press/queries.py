"""
What the article page needs from the press records. Most stories have no
corrections and no right of reply, so the page asks only whether they
exist (two EXISTS in the article's own query) and fetches them only then.
"""

from django.db.models import Exists, OuterRef

from articles.models import Article

from .models import Correction, RightOfReply


def published_replies(now=None):
    return RightOfReply.objects.filter(Article.objects.published_exists("reply_id", now))


def with_press_relations(queryset, now=None):
    """
    Articles with their verification (and its follow-up story) and the story
    they answer as a right of reply, joined; and flags telling whether they
    have corrections or published rights of reply.
    """
    return queryset.select_related("verification__follow_up", "reply_to__original").annotate(
        press_has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
        press_has_replies=Exists(published_replies(now).filter(original=OuterRef("pk"))),
    )


def corrections_of(article):
    """The article's corrections, oldest first; queried once per article object, and only when there are any."""
    if not hasattr(article, "_press_corrections"):
        flag = getattr(article, "press_has_corrections", True)
        article._press_corrections = list(article.corrections.all()) if flag else []
    return article._press_corrections


def replies_to(article):
    """Published rights of reply to the article, oldest first."""
    if not hasattr(article, "_press_replies"):
        flag = getattr(article, "press_has_replies", True)
        article._press_replies = (
            list(published_replies().filter(original=article).select_related("reply").defer("reply__body").order_by("reply__publish_at", "pk"))
            if flag
            else []
        )
    return article._press_replies


def _one_to_one(article, name):
    # Without a row, `article.<name>` raises RelatedObjectDoesNotExist on every
    # look-up, and the template engine's catching it is the dearest variable on
    # the article page; with_press_relations() has already joined it (None if none).
    cached = article._state.fields_cache
    if name in cached:
        return cached[name]
    return getattr(article, name, None)


def verification_of(article):
    """The article's verification record, or None."""
    return _one_to_one(article, "verification")


def reply_of(article):
    """The RightOfReply that makes this article a right of reply, or None."""
    return _one_to_one(article, "reply_to")
