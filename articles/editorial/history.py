"""
Reading revisions back: an article's revisions with what changed in words
a journalist reads, the field values of any revision, and comparison.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.dates import short_date

from .diffs import body_text
from .models import RevisionInfo
from .revisions import TRACKED_FIELDS, snapshot

FOREIGN_KEYS = {"section", "lead_image"}
MANY = {"tags", "related_articles"}
TIMES = {"publish_at", "updated_substantively_at"}


def field_label(name):
    """“judul”, “isi”, “byline”: the field's own translated name."""
    from articles.models import Article, Contribution, Source

    if name == "byline":
        return str(Contribution._meta.verbose_name_plural)
    if name == "sources":
        return str(Source._meta.verbose_name_plural)
    try:
        return str(Article._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a form-only field
        return name


def comparable(name, value):
    """A field's value, from a form, the model or a stored revision, as plain comparable data."""
    if name in MANY:
        return sorted(str(getattr(v, "pk", v)) for v in (value or []))
    if value is None or value == "":
        return ""
    if name in FOREIGN_KEYS:
        return str(getattr(value, "pk", value))
    if name in TIMES:
        moment = parse_datetime(value) if isinstance(value, str) else value
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    if name in ("byline", "sources"):
        return [list(item) for item in value]
    return str(value).replace("\r\n", "\n").strip()


def _names(model, pks):
    return dict(model.objects.filter(pk__in=pks).values_list("pk", "name" if model.__name__ != "Image" else "alt_text"))


def value_text(name, value):
    """A field's value as a journalist reads it (a name, not an id; body as text)."""
    from articles.models import Article, Contribution, Image, Person, Section, Tag

    if name == "body":
        return body_text(value)
    if name == "status":
        return str(Article.Status(value).label) if value else "—"
    if name in TIMES:
        return short_date(parse_datetime(value) if isinstance(value, str) else value) if value else "—"
    if name in FOREIGN_KEYS:
        if value in (None, ""):
            return "—"
        if not isinstance(value, int):
            return str(value)
        model = Section if name == "section" else Image
        return _names(model, [value]).get(value, f"#{value}")
    if name in MANY:
        items = list(value or [])
        if items and isinstance(items[0], int):
            model = Tag if name == "tags" else Article
            field = "name" if model is Tag else "headline"
            names = dict(model.objects.filter(pk__in=items).values_list("pk", field))
            items = [names.get(pk, f"#{pk}") for pk in items]
        return ", ".join(str(item) for item in items) or "—"
    if name == "byline":
        people = _names(Person, [person for _pos, person, _role in value])
        roles = dict(Contribution.Role.choices)
        return ", ".join(f"{people.get(person, person)} ({roles.get(role, role)})" for _pos, person, role in value) or "—"
    if name == "sources":
        return ", ".join(f"{source} ({url})" if url else source for _pos, source, url in value) or "—"
    return str(value) if value not in (None, "") else "—"


def revision_fields(info):
    """The article's fields as stored in the revision `info` describes."""
    versions = Version.objects.filter(revision_id=info.revision_id)
    return snapshot(versions).get(info.article_id)


def base_snapshot(article_pk, version):
    """Comparable values of the article at `version`, or None when no revision holds it."""
    info = RevisionInfo.objects.filter(article_id=article_pk, version=version).order_by("-pk").first()
    fields = revision_fields(info) if info else None
    if fields is None:
        return None
    return {name: comparable(name, fields.get(name)) for name in TRACKED_FIELDS}


def change_summary(info, previous):
    """“judul, isi; status: Terbit → Ditarik”: what one revision changed, in words."""
    from articles.models import Article

    if previous is None:
        return _("Created")
    words = [field_label(name) for name in info.changed if name != "status"]
    parts = [", ".join(words)] if words else []
    if "status" in info.changed and previous.status != info.status:
        old = Article.Status(previous.status).label if previous.status else "—"
        parts.append(_("status: %(old)s → %(new)s") % {"old": old, "new": Article.Status(info.status).label})
    return "; ".join(parts) or _("No change to the text (saved again)")


def article_history(article_pk):
    """RevisionInfo rows of an article, newest first, each with .summary and .user."""
    infos = list(RevisionInfo.objects.filter(article_id=article_pk).select_related("revision__user").order_by("version", "pk"))
    previous = None
    for info in infos:
        info.summary = change_summary(info, previous)
        previous = info
    infos.reverse()
    return infos
