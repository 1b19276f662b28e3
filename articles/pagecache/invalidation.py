"""
What each kind of change invalidates: the one table to extend when a model
can change a reader page.

WATCHED maps a model label to a rule: LISTS (a change to any row bumps the
``lists`` generation, which every reader page depends on), or a function of
the row returning the generations to bump. IGNORED lists the models no
reader page shows. tests/test_pagecache_invalidation.py fails for any model
of ours in neither, so a new model cannot be forgotten.

Signals (post_save, post_delete, m2m_changed) are used rather than explicit
calls because a page must never go stale whatever path wrote the row: the
admin, list actions, the importers, commands. A write that bypasses signals
(QuerySet.update(), bulk_create()) must call generations.bump*() itself.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import generations
from .generations import LISTS

# Article fields only the article's own page shows: a change to nothing else
# (a typo in the body of a live story, say) leaves the lists cached.
ARTICLE_PAGE_ONLY_FIELDS = {"body", "dateline", "updated_at", "updated_by_id", "source_digest"}
ARTICLE_COMPARED_FIELDS = (
    "headline", "slug", "standfirst", "section_id", "lead_image_id", "status", "publish_at",
    "first_published_at", "updated_substantively_at", *ARTICLE_PAGE_ONLY_FIELDS,
)


def _is_public_or_scheduled(values):
    from articles.models import Article

    return values is not None and values["status"] == Article.Status.PUBLISHED


def article_rule(article, *, deleted=False, update_fields=None):
    before = getattr(article, "_pagecache_before", None)
    after = None if deleted else {name: getattr(article, name) for name in ARTICLE_COMPARED_FIELDS}
    if update_fields is not None:
        # save(update_fields=...) was not looked up beforehand (it is the
        # cheap save): assume readers may have seen it, and trust the list.
        changed = {article._meta.get_field(name).attname for name in update_fields}
    elif not (_is_public_or_scheduled(before) or _is_public_or_scheduled(after)):
        return set()  # A draft: no reader page shows it.
    else:
        changed = {name for name in ARTICLE_COMPARED_FIELDS if before is None or after is None or before[name] != after[name]}
    names = {generations.article_key(article.slug)}
    if before:
        names.add(generations.article_key(before["slug"]))
    if not changed <= ARTICLE_PAGE_ONLY_FIELDS:
        names.add(LISTS)
    return names


def of_article(attribute="article"):
    """Rows that belong to one article (byline, sources): as a change to that article's page and lists."""

    def rule(row, **kwargs):
        article = getattr(row, attribute, None)
        if article is None or not _is_public_or_scheduled({"status": article.status}):
            return set()
        return {generations.article_key(article.slug), LISTS}

    return rule


WATCHED = {
    "articles.article": article_rule,
    "articles.section": LISTS,
    "articles.tag": LISTS,
    "articles.person": LISTS,
    "articles.image": LISTS,
    "articles.contribution": of_article(),
    "articles.source": of_article(),
    # Front-page curation (its times are events: see events.py).
    "desk.placement": LISTS,
    "desk.breakingnews": LISTS,
    # Press-council records (articles/press): shown on the story's page and
    # on /ralat/ or /pencabutan/; a reply also on the story it answers.
    "press.correction": of_article(),
    "press.verification": of_article(),
    "press.takedown": of_article(),
    "press.rightofreply": lambda row, **kwargs: of_article("reply")(row) | of_article("original")(row),
    # The footer of every page links the flat pages; a redirect made by hand
    # turns a cached 404 into a 301.
    "flatpages.flatpage": LISTS,
    "redirects.redirect": LISTS,
}
IGNORED = {
    # Derived from articles, which are watched (search pages: see search/index.py).
    "search.searchdocument",
    # The sitemap index's hour and day counts, written by database triggers on the articles, which are watched.
    "articles.publishedhour",
    "articles.publishedday",
    # The topic page's published stories by topic, written by database triggers on the articles and their tags, which are watched.
    "articles.publishedtagging",
    # Staff-only records; previews are never cached.
    "audit.auditentry",
    "accounts.staffsession",
    "accounts.recoverycodes",
    "accounts.recoverycode",
    "editorial.revisioninfo",
    "editorial.previewlink",
    "workflow.editorialnote",
    # import_wordpress's record of what it imported; the articles and pages are watched.
    "wordpress.importeditem",
    # View counts: a new ranking bumps 'popular' itself (popular/ranking.py).
    "popular.hourlyviews",
    # The page cache's own stamps.
    "pagecache.generation",
}


def _bump_for(instance, **kwargs):
    rule = WATCHED.get(instance._meta.label_lower)
    if rule is None:
        return
    names = {LISTS} if rule == LISTS else rule(instance, **kwargs)
    generations.bump(*names)


def _remember_article(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or update_fields is not None:
        instance._pagecache_before = None
        return
    instance._pagecache_before = type(instance)._base_manager.filter(pk=instance.pk).values(*ARTICLE_COMPARED_FIELDS).first()


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if instance._meta.label_lower == "articles.article":
        _bump_for(instance, update_fields=update_fields)
    else:
        _bump_for(instance)


def _deleted(sender, instance, **kwargs):
    if instance._meta.label_lower == "articles.article":
        # What readers saw until now is what must go.
        instance._pagecache_before = {name: getattr(instance, name) for name in ARTICLE_COMPARED_FIELDS}
    _bump_for(instance, deleted=True)


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        # Tags, related articles: an article's own relations, shown on its page and on lists.
        generations.bump(*({LISTS} if WATCHED.get(instance._meta.label_lower) == LISTS else _relation_rule(instance)))


def _relation_rule(instance):
    if instance._meta.label_lower == "articles.article" and _is_public_or_scheduled({"status": instance.status}):
        return {generations.article_key(instance.slug), LISTS}
    return {LISTS} if instance._meta.label_lower in WATCHED else set()


def connect():
    """Called from the app's ready(): watch every model in WATCHED that is installed."""
    for label in WATCHED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        uid = f"pagecache:{label}"
        if label == "articles.article":
            pre_save.connect(_remember_article, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}")
