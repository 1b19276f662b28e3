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

# One column list for the three; a model's ordering is kept by the ORDER BY
# below: the byline and the sources by position then key, topics by name.
COLUMNS = (
    "list_kind", "list_key", "list_position", "list_sort_name", "list_role", "list_name",
    "list_slug", "list_url", "list_person", "list_bio", "list_photo", "list_user",
)  # fmt: skip
BYLINE, TOPIC, SOURCE = "1", "2", "3"
_NO_KEY = Value(None, output_field=BigIntegerField())


def _text(value=""):
    return Value(value, output_field=TextField())


def _branch(queryset, *expressions):
    # No ORDER BY inside a compound statement: the union's own orders the rows.
    return queryset.order_by().annotate(**dict(zip(COLUMNS, expressions, strict=True))).values_list(*COLUMNS)


def _lists(article):
    byline = _branch(
        Contribution.objects.filter(article_id=article),
        _text(BYLINE), F("id"), F("position"), _text(), F("role"), F("person__name"),
        F("person__slug"), _text(), F("person_id"), F("person__bio"), F("person__photo_id"), F("person__user_id"),
    )  # fmt: skip
    topics = _branch(
        Tag.objects.filter(articles=article),
        _text(TOPIC), F("id"), Value(0, output_field=IntegerField()), F("name"), _text(), F("name"),
        F("slug"), _text(), _NO_KEY, _text(), _NO_KEY, _NO_KEY,
    )  # fmt: skip
    sources = _branch(
        Source.objects.filter(article_id=article),
        _text(SOURCE), F("id"), F("position"), _text(), _text(), F("name"),
        _text(), F("url"), _NO_KEY, _text(), _NO_KEY, _NO_KEY,
    )  # fmt: skip
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
