"""
An article's byline (with the people in it), topics and sources in one
query: a UNION ALL of the three, column by column, prepared once per
process (articles/prepared_queries.py). Three queries cost three times
Django's fixed cost of a query (a cursor, an iterator, converters): about
70 µs of an uncached article page, more than running all three.

Each row becomes a small named tuple with what the page reads of it (the
byline's roles and people, the topics' and sources' names and addresses),
not a model instance: the eight instances of a typical story (each person
a second one) cost the page more than the query.
"""

from typing import NamedTuple

from django.db.models import BigIntegerField, F, IntegerField, TextField, Value

from .models import Article, Contribution, Source, Tag
from .prepared_queries import PreparedQuery

# One column list for the three, each branch naming what it puts in each; a
# model's ordering is kept by the ORDER BY below: the byline and the sources
# by position then key, the topics by name.
COLUMNS = ("kind", "key", "position", "sort_name", "role", "name", "slug", "url", "person")
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
        person=F("person_id"),
    )
    topics = _branch(
        Tag.objects.filter(articles=article),
        kind=_text(TOPIC), key=F("id"), position=Value(0, output_field=IntegerField()), sort_name=F("name"), name=F("name"), slug=F("slug"),
        person=_NO_KEY,
    )
    sources = _branch(
        Source.objects.filter(article_id=article),
        kind=_text(SOURCE), key=F("id"), position=F("position"), name=F("name"), url=F("url"),
        person=_NO_KEY,
    )
    return byline.union(topics, sources, all=True).order_by("list_kind", "list_position", "list_sort_name", "list_key")


_LISTS = PreparedQuery(Article, _lists, article=int)


class ListedPerson(NamedTuple):
    pk: int
    name: str
    slug: str


class ListedContribution(NamedTuple):
    """One person in the byline, in a role: what bylines.byline_groups() and authors_in() read of a Contribution."""

    pk: int
    role: str
    position: int
    person: ListedPerson

    def get_role_display(self):
        # As Model.get_FIELD_display(): the choice's label in the active language, else the stored value.
        return str(_ROLE_LABELS.get(self.role, self.role))


class ListedTag(NamedTuple):
    pk: int
    name: str
    slug: str


class ListedSource(NamedTuple):
    pk: int
    name: str
    url: str
    position: int


_ROLE_LABELS = dict(Contribution.Role.choices)


def lists_of(article):
    """(byline, topics, sources) of `article` as the rows above, each list in its model's order, from one query."""
    contributions, tags, sources = [], [], []
    for kind, key, position, _sort, role, name, slug, url, person in _LISTS.fetch(article=article.pk):
        if kind == BYLINE:
            contributions.append(ListedContribution(key, role, position, ListedPerson(person, name, slug)))
        elif kind == TOPIC:
            tags.append(ListedTag(key, name, slug))
        else:
            sources.append(ListedSource(key, name, url, position))
    return contributions, tags, sources
