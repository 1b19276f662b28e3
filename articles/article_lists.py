"""
An article's byline (with the people in it), topics and sources in one
query: a UNION ALL of the three, column by column, prepared once per
process (articles/prepared_queries.py). Three queries cost three times
Django's fixed cost of a query (a cursor, an iterator, converters): about
70 µs of an uncached article page, more than running all three.

Each row is made into the model instance the separate queries made, with
every field loaded, so nothing read from it later costs a query.
"""

from django.db import router
from django.db.models import BigIntegerField, F, IntegerField, TextField, Value

from .models import Article, Contribution, Person, Source, Tag
from .prepared_queries import PreparedQuery

# One column list for the three, each branch naming what it puts in each; a
# model's ordering is kept by the ORDER BY below: the byline and the sources
# by position then key, the topics by name.
COLUMNS = ("kind", "key", "position", "sort_name", "role", "name", "slug", "url", "person", "bio", "photo", "user")
BYLINE, TOPIC, SOURCE = "1", "2", "3"
_NO_KEY = Value(None, output_field=BigIntegerField())


def _text(value=""):
    return Value(value, output_field=TextField())


def _branch(queryset, **columns):
    # Every column in every branch, in one order; no ORDER BY inside a compound statement.
    # (Prefixed: an annotation may not take a model field's name.)
    if columns.keys() - set(COLUMNS):
        raise TypeError(f"No such column: {sorted(columns.keys() - set(COLUMNS))}")
    expressions = {f"list_{name}": columns.get(name, _text()) for name in COLUMNS}
    return queryset.order_by().annotate(**expressions).values_list(*expressions)


def _lists(article):
    byline = _branch(
        Contribution.objects.filter(article_id=article),
        kind=_text(BYLINE), key=F("id"), position=F("position"), role=F("role"), name=F("person__name"), slug=F("person__slug"),
        person=F("person_id"), bio=F("person__bio"), photo=F("person__photo_id"), user=F("person__user_id"),
    )
    topics = _branch(
        Tag.objects.filter(articles=article),
        kind=_text(TOPIC), key=F("id"), position=Value(0, output_field=IntegerField()), sort_name=F("name"), name=F("name"), slug=F("slug"),
        person=_NO_KEY, photo=_NO_KEY, user=_NO_KEY,
    )
    sources = _branch(
        Source.objects.filter(article_id=article),
        kind=_text(SOURCE), key=F("id"), position=F("position"), name=F("name"), url=F("url"),
        person=_NO_KEY, photo=_NO_KEY, user=_NO_KEY,
    )
    return byline.union(topics, sources, all=True).order_by("list_kind", "list_position", "list_sort_name", "list_key")


_LISTS = PreparedQuery(Article, _lists, article=int)


def lists_of(article):
    """(contributions with their people, tags, sources) of `article`, each in its model's order, from one query."""
    db = router.db_for_read(Article)
    contributions, tags, sources = [], [], []
    for kind, key, position, _sort, role, name, slug, url, person, bio, photo, user in _LISTS.fetch(article=article.pk):
        if kind == BYLINE:
            contribution = Contribution.from_db(db, ("id", "article_id", "person_id", "role", "position"), (key, article.pk, person, role, position))
            Contribution.person.field.set_cached_value(
                contribution, Person.from_db(db, ("id", "name", "slug", "bio", "photo_id", "user_id"), (person, name, slug, bio, photo, user))
            )
            contributions.append(contribution)
        elif kind == TOPIC:
            tags.append(Tag.from_db(db, ("id", "name", "slug"), (key, name, slug)))
        else:
            sources.append(Source.from_db(db, ("id", "article_id", "name", "url", "position"), (key, article.pk, name, url, position)))
    for row in contributions + sources:
        row._state.fields_cache["article"] = article
    return contributions, tags, sources
