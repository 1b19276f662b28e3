"""
Storing search documents: one article's as it is saved, or all of them
again (rebuild_search_index).
"""

from ..models import Article, Person, Tag
from ..pagecache.generations import SEARCH, bump
from .backends import backend
from .document import copied_columns, document_for
from .models import SearchDocument


def article_names(article):
    """Tag and byline names of a saved article, in one query."""
    tags = Tag.objects.filter(articles=article).order_by().values_list("name", flat=True)
    people = Person.objects.filter(contributions__article=article).order_by().values_list("name", flat=True)
    return list(tags.union(people, all=True))


def index_article(article, *, names=None):
    """
    Store `article`'s search document, replacing any older one. `names`
    (tags and people) are read from the database unless given.
    """
    if names is None:
        names = article_names(article)
    fields = {**copied_columns(article), **document_for(article, names)}
    SearchDocument.objects.bulk_create(
        [SearchDocument(article=article, **fields)],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=[name.removesuffix("_id") for name in fields],
    )
    if article.status == Article.Status.PUBLISHED:
        # bulk_create() sends no signal: cached search results must hear of it.
        bump(SEARCH)


def articles_named(obj):
    """The articles whose search documents carry `obj`'s name (a Tag or a Person)."""
    if isinstance(obj, Tag):
        return Article.objects.filter(tags=obj)
    return Article.objects.filter(contributions__person=obj).distinct()


def reindex(articles, *, batch_size=500):
    """
    Store fresh search documents for `articles` (a queryset), batch_size at a
    time, in the caller's transaction: for a tag or person renamed or deleted,
    whose old name the documents of their articles still carry.
    """
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = Article.objects.filter(pk__in=ids[start : start + batch_size]).prefetch_related("tags", "contributions__person")
        documents = []
        for article in batch:
            names = [tag.name for tag in article.tags.all()]
            names += [contribution.person.name for contribution in article.contributions.all()]
            fields = {**copied_columns(article), **document_for(article, names)}
            documents.append(SearchDocument(article=article, **fields))
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[name.removesuffix("_id") for name in fields],
        )
    if ids:
        bump(SEARCH)
    return len(ids)


def remember_named_articles(sender, instance, **kwargs):
    """pre_delete of a Tag or Person: note whose documents carry its name."""
    instance._named_article_ids = list(articles_named(instance).values_list("pk", flat=True))


def reindex_named_articles(sender, instance, **kwargs):
    """post_delete of a Tag or Person: index those articles without the name, in the deleting transaction."""
    reindex(Article.objects.filter(pk__in=getattr(instance, "_named_article_ids", [])))


def rebuild_index(articles=None, *, batch_size=500, progress=None):
    """
    Replace the search documents of `articles` (all articles by default)
    with ones made from the articles as they are now; `progress(done,
    total)` is called after each batch. Returns the number indexed.
    """
    if articles is None:
        articles = Article.objects.all()
    articles = articles.order_by("pk").prefetch_related("tags", "contributions__person")
    total = articles.count()
    SearchDocument.objects.filter(article__in=articles.values("pk")).delete()
    done, batch = 0, []
    for article in articles.iterator(chunk_size=batch_size):
        names = [tag.name for tag in article.tags.all()]
        names += [contribution.person.name for contribution in article.contributions.all()]
        batch.append(SearchDocument(article=article, **copied_columns(article), **document_for(article, names)))
        if len(batch) >= batch_size:
            SearchDocument.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total)
    SearchDocument.objects.bulk_create(batch)
    done += len(batch)
    if progress:
        progress(done, total)
    backend().optimize()
    bump(SEARCH)
    return done
