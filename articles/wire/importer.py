"""
Turning wire copy and export records into articles.

Identity of wire copy
    A wire story is recognised by its file name, without the folders:
    `Article.source_key` is "wire:" followed by the name (Unicode NFC, so a
    name from a Mac matches the same name from Linux; bytes of a name that
    is not UTF-8 written as \\xNN, so such a name shares its key with one
    that spells those four characters out). Agencies keep the file
    name, their story ID, when they send a corrected version, while the
    headline may well change; moving files between folders changes nothing.
    Two different stories must therefore not share a file name.

    `Article.source_digest` fingerprints the text the import produced
    (headline, standfirst and body HTML, whitespace aside). A file whose
    text gives the stored fingerprint again is `unchanged`. A file with new
    text is an update, unless editors changed the article on the site since
    it was imported (its text no longer matches the fingerprint): then the
    file fails rather than overwrite their work, until the operator says so.

    The operator's options describe how stories enter the site. On an
    article that already exists they only fill what is missing: a section
    when it has none, a byline when it has none, publication when it is
    still a draft or in review. They never move, re-byline, reschedule or
    unpublish what editors have decided.

"Baca juga" links
    A teaser links to the newest published article whose headline it
    matches (case and spacing aside), including articles this run has
    already published; files are imported in path order. A teaser for a
    story published later becomes a link when its file is imported again
    (the text changes, so it is an update).

Identity of export records
    An exported article is recognised by its slug, which never changes once
    published; its import key and fingerprint travel with it, so wire
    corrections still find it on the new site.

Writes
    Every file (and every export record) is imported in its own transaction,
    so a run that is killed leaves whole articles or none, and running it
    again finishes the job. Nothing here checks a user's permissions: there
    is no user, the operator's shell access to the server is the authority.
"""

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Article, Contribution, Image, Person, Section, Source, Tag, unique_slug
from ..plaintext import strip_controls
from ..sanitize import clean_body_html
from . import format as wire
from .export import export_article, parse_time

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"

SOURCE_KEY_PREFIX = "wire:"
SOURCE_KEY_MAX_LENGTH = Article._meta.get_field("source_key").max_length

# Foreign keys the importer sets from rows it has just read: checking that
# they exist would cost a query per file for nothing.
TRUSTED_FIELDS = ["section", "lead_image"]

# An export line holds one article: its body is at most 2 MB of HTML, which
# JSON escaping can at most triple. Longer lines are refused unread.
MAX_RECORD_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Result:
    """What happened to one file or record: `detail` is the site path or the reason."""

    outcome: str
    label: str
    detail: str = ""


class ImportFailed(Exception):
    """A file or record that cannot be imported; the message is the reason."""


def name_as_text(name):
    """
    A file name as text that can be stored and printed. Python hands over
    the bytes of a name that is not UTF-8 (a legacy system's Latin-1, say)
    as lone surrogates, which neither the database nor a UTF-8 terminal
    accepts; they become \\xNN escapes, the same every time.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def wire_source_key(path):
    """The identity of the wire story in the file at `path` (see the module docstring)."""
    name = unicodedata.normalize("NFC", name_as_text(Path(path).name))
    key = SOURCE_KEY_PREFIX + name
    if len(key) <= SOURCE_KEY_MAX_LENGTH:
        return key
    # Keep as much of the name as fits, made unique by a hash of all of it.
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return f"{key[: SOURCE_KEY_MAX_LENGTH - len(digest) - 1]}~{digest}"


def with_source_key(key):
    """
    The article imported under `key`, as a query the partial unique index
    on source_key can answer: SQLite uses that index only when the query
    repeats its condition (non-empty key), and reads the whole table otherwise.
    """
    return Article.objects.filter(source_key=key).exclude(source_key="").order_by("pk")


def free_slug(headline):
    """The slug Article.save() would give a new article with this headline."""
    return unique_slug(Article, headline, fallback="artikel")


def content_fingerprint(headline, standfirst, body):
    """A digest of an article's text that ignores changes in whitespace alone."""
    text = "\x1f".join(" ".join(part.split()) for part in (headline, standfirst, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_author(name):
    """
    The person `name` refers to: the one with that slug, else the one with
    that name (case aside). None when nobody matches (the importer creates
    them); ImportFailed when several people share the name.
    """
    person = Person.objects.filter(slug=name).first()
    if person:
        return person
    people = list(Person.objects.filter(name__iexact=name)[:10])
    if len(people) > 1:
        slugs = ", ".join(p.slug for p in people)
        raise ImportFailed(f"several people are called {name!r} ({slugs}); give the slug of the one you mean")
    return people[0] if people else None


def validation_reason(exc):
    if hasattr(exc, "error_dict"):
        return "; ".join(
            " ".join(messages) if field == "__all__" else f"{field}: {' '.join(messages)}"
            for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


class PublishedHeadlines:
    """
    The headlines of published articles, for turning teasers into links.

    Loaded once per run, on the first teaser, as normalized text -> article:
    matching ignores case and spacing, which a database index cannot do
    portably. Where two published articles share a headline, the newer wins.
    Articles the run itself publishes are added as they are committed.
    """

    def __init__(self):
        self._by_headline = None

    def find(self, text, exclude_pk=None):
        if self._by_headline is None:
            self._by_headline = {}
            rows = Article.objects.published().order_by("publish_at", "pk").values_list("pk", "slug", "headline")
            for row in rows.iterator(chunk_size=2000):
                self._by_headline[wire.normalize(row[2])] = row
        hit = self._by_headline.get(wire.normalize(text))
        if hit is None or hit[0] == exclude_pk:
            return None
        return reverse("articles:detail", kwargs={"slug": hit[1]}), hit[2]

    def add(self, article):
        if self._by_headline is not None and article.is_live:
            self._by_headline[wire.normalize(article.headline)] = (article.pk, article.slug, article.headline)


@dataclass
class Plan:
    """What importing one story would do: `article` to save, or nothing."""

    result: Result
    article: Article | None = None
    new: bool = False
    add_byline: bool = False
    # (pk, digest) when only the stored fingerprint needs catching up.
    sync_digest: tuple | None = None

    @property
    def needs_write(self):
        return self.article is not None or self.sync_digest is not None


class WireImporter:
    """
    Imports wire files one at a time (import_file), each in its own
    transaction. Options as in the import_articles command.
    """

    def __init__(
        self,
        *,
        section=None,
        author_name="",
        publish=False,
        publish_at=None,
        dry_run=False,
        overwrite_edits=False,
        signoffs=(),
        headlines=None,
    ):
        if (publish or publish_at) and section is None:
            raise ValueError("publishing needs a section")
        self.section = section
        self.author_name = author_name
        self.author = find_author(author_name) if author_name else None
        if author_name and self.author is None:
            try:
                Person(name=author_name).full_clean(exclude=["slug"])
            except ValidationError as exc:
                raise ImportFailed(validation_reason(exc)) from exc
        self.publish = publish or publish_at is not None
        self.publish_at = publish_at
        self.dry_run = dry_run
        self.overwrite_edits = overwrite_edits
        self.signoffs = tuple(signoffs)
        self.headlines = headlines or PublishedHeadlines()

    def import_file(self, path, label=None):
        label = str(path) if label is None else label
        try:
            story = wire.read_story(path, self.signoffs)
            key = wire_source_key(path)
            # A first look without a transaction or lock settles a dry run,
            # and the common case of a re-run: a story already imported.
            existing = with_source_key(key).first()
            if self.dry_run or existing is not None:
                plan = self._plan(story, key, label, existing)
                if self.dry_run or not plan.needs_write:
                    return plan.result
            return self._write(story, key, label, seen_new=existing is None)
        except wire.WireError as exc:
            return Result(FAILED, label, str(exc))
        except ImportFailed as exc:
            return Result(FAILED, label, str(exc))
        except ValidationError as exc:
            return Result(FAILED, label, validation_reason(exc))

    def _write(self, story, key, label, seen_new=False):
        author = self.author
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    if seen_new and attempt == 1:
                        # A story the first look did not find is written as
                        # new; if another run has written it since, the
                        # unique index on source_key refuses this one and
                        # the second attempt looks again.
                        existing = None
                    else:
                        # Look again under a lock: another run may have come first.
                        existing = with_source_key(key).select_for_update().first()
                    plan = self._plan(story, key, label, existing)
                    self._apply(plan)
            except DataError as exc:
                self.author = author
                raise ImportFailed(f"could not be saved ({str(exc).splitlines()[0]})") from exc
            except IntegrityError as exc:
                # Another run imported the same story, or took the slug,
                # between our look and our write: a second look settles it.
                self.author = author
                if attempt == 2:
                    raise ImportFailed(f"could not be saved ({str(exc).splitlines()[0]})") from exc
                continue
            except BaseException:
                # The transaction is rolled back, and with it any person it created.
                self.author = author
                raise
            if plan.article is not None:
                self.headlines.add(plan.article)
            return plan.result

    def _plan(self, story, key, label, existing):
        exclude_pk = existing.pk if existing else None
        body = clean_body_html(wire.render_body(story.blocks, lambda text: self.headlines.find(text, exclude_pk)))
        digest = content_fingerprint(story.headline, story.standfirst, body)
        if existing is None:
            return self._plan_new(story, body, key, digest, label)
        return self._plan_update(existing, story, body, digest, label)

    def _plan_new(self, story, body, key, digest, label):
        article = Article(
            headline=story.headline,
            standfirst=story.standfirst,
            body=body,
            section=self.section,
            source_key=key,
            source_digest=digest,
        )
        if self.publish:
            article.status = Article.Status.PUBLISHED
            article.publish_at = self.publish_at or timezone.now()
        article.full_clean(exclude=TRUSTED_FIELDS, validate_unique=False, validate_constraints=False)
        article.slug = free_slug(article.headline)
        return Plan(Result(CREATED, label, article.get_absolute_url()), article, new=True, add_byline=bool(self.author_name))

    def _plan_update(self, article, story, body, digest, label):
        changed = False
        on_site = content_fingerprint(article.headline, article.standfirst, article.body)
        if digest not in (article.source_digest, on_site):
            if on_site != article.source_digest and not self.overwrite_edits:
                raise ImportFailed(
                    "the article was edited on the site since it was imported; not overwritten "
                    "(--overwrite-edits replaces the editors' version)"
                )
            if article.is_live:
                # Readers see "Diperbarui" for a correction of a live story.
                article.updated_substantively_at = timezone.now()
            article.headline, article.standfirst, article.body = story.headline, story.standfirst, body
            changed = True
        digest_is_stale = article.source_digest != digest
        article.source_digest = digest

        if self.section and article.section_id is None:
            article.section = self.section
            changed = True
        if self.publish and article.status in (Article.Status.DRAFT, Article.Status.REVIEW):
            article.status = Article.Status.PUBLISHED
            article.publish_at = self.publish_at or timezone.now()
            changed = True
        add_byline = bool(self.author_name) and not article.contributions.exists()

        url = article.get_absolute_url()
        if not (changed or add_byline):
            # Editors may have made the same correction by hand: the stored
            # fingerprint catches up, and readers see nothing new.
            return Plan(Result(UNCHANGED, label, url), sync_digest=(article.pk, digest) if digest_is_stale else None)
        article.full_clean(exclude=TRUSTED_FIELDS, validate_unique=False, validate_constraints=False)
        article.updated_by = None
        return Plan(Result(UPDATED, label, url), article, add_byline=add_byline)

    def _apply(self, plan):
        if plan.article is None:
            if plan.sync_digest:
                pk, digest = plan.sync_digest
                Article.objects.filter(pk=pk).update(source_digest=digest)
            return
        plan.article.save(reindex=not plan.add_byline)
        if plan.add_byline:
            if self.author is None:
                # Created with the first article that needs them, inside its
                # transaction: a run that imports nothing creates nobody.
                self.author = Person(name=self.author_name)
                self.author.save()
            Contribution.objects.create(article=plan.article, person=self.author, role=Contribution.Role.WRITER)
            # Wire copy brings no tags: on a new article the byline is all there is to add.
            plan.article.refresh_search_document(names=[self.author.name] if plan.new else None)


class ExportImporter:
    """
    Imports the JSON lines written by export_articles, one transaction per
    record. `warn(label, message)` hears about what was imported without
    its lead image or related articles.
    """

    def __init__(self, *, dry_run=False, warn=None):
        self.dry_run = dry_run
        self.warn = warn or (lambda label, message: None)

    def import_file(self, path, label=None, progress=None):
        """Yield a Result per record (label "path:line"); `progress(n)` hears how many bytes are read."""
        label = str(path) if label is None else label
        deferred = []
        try:
            handle = open(path, "rb")
        except OSError as exc:
            yield Result(FAILED, label, f"cannot be read ({exc.strerror or exc})")
            return
        with handle:
            for number, raw in enumerate(read_records(handle), start=1):
                if progress:
                    progress(handle.tell())
                if raw is not None and not raw.strip():
                    continue
                record_label = f"{label}:{number}"
                try:
                    record = decode_record(raw)
                    result, missing = self._import_record(record, record_label)
                except ImportFailed as exc:
                    yield Result(FAILED, record_label, str(exc))
                    continue
                if missing:
                    deferred.append((record_label, record["slug"], missing))
                yield result
        if not self.dry_run:
            self._link_related(deferred)

    def _import_record(self, record, label):
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    result, missing = self._apply(record, label)
                    if result.outcome == UNCHANGED or self.dry_run:
                        transaction.set_rollback(True)
                return result, missing
            except ValidationError as exc:
                raise ImportFailed(validation_reason(exc)) from exc
            except DataError as exc:
                raise ImportFailed(f"could not be saved ({str(exc).splitlines()[0]})") from exc
            except IntegrityError as exc:
                # As for wire files: a concurrent run may have won the race.
                if attempt == 2:
                    raise ImportFailed(f"could not be saved ({str(exc).splitlines()[0]})") from exc

    def _apply(self, record, label):
        data = check_record(record)
        slug = data["slug"]
        article = Article.objects.filter(slug=slug).select_for_update().first()
        before = export_article(article) if article else None
        if data["source_key"]:
            holder = with_source_key(data["source_key"]).exclude(slug=slug).first()
            if holder:
                raise ImportFailed(f"its import key {data['source_key']!r} belongs to {holder.get_absolute_url()}")
        if article is None:
            article = Article(slug=slug)
        for name in ("headline", "standfirst", "body", "dateline", "status", "source_key", "source_digest"):
            setattr(article, name, data[name])
        for name in ("publish_at", "first_published_at", "updated_substantively_at"):
            setattr(article, name, data[name])
        article.section = self._section(data["section"]) if data["section"] else None
        article.lead_image = self._image(data["lead_image"], label) if data["lead_image"] else None
        article.full_clean(validate_unique=False, validate_constraints=False)
        article.save(reindex=False)  # once the tags and byline are in place, below

        times = {name: data[name] for name in ("created_at", "updated_at") if data[name]}
        if "updated_at" not in times and before:
            # Compare like with like; a real change gets a fresh time below.
            times["updated_at"] = parse_time(before["updated_at"])
        if times:
            Article.objects.filter(pk=article.pk).update(**times)

        article.tags.set([self._tag(tag) for tag in data["tags"]])
        article.contributions.all().delete()
        Contribution.objects.bulk_create(
            Contribution(article=article, person=self._person(entry), role=entry["role"], position=entry["position"])
            for entry in data["people"]
        )
        article.sources.all().delete()
        sources = [Source(article=article, name=entry["name"], url=entry["url"], position=entry["position"]) for entry in data["sources"]]
        for source in sources:
            source.full_clean(exclude=["article"])
        Source.objects.bulk_create(sources)
        found = dict(Article.objects.filter(slug__in=data["related"]).values_list("slug", "pk"))
        article.related_articles.set(found.values())
        missing = [slug for slug in data["related"] if slug not in found]
        # save() indexed the text before the tags and byline were in place.
        article.refresh_search_document()

        after = export_article(Article.objects.get(pk=article.pk))
        if before is None:
            outcome = CREATED
        elif before == after:
            outcome = UNCHANGED
        else:
            outcome = UPDATED
            if not data["updated_at"]:
                Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
        return Result(outcome, label, article.get_absolute_url()), missing

    def _link_related(self, deferred):
        """Related articles that came later in the file than the article pointing to them."""
        for label, slug, missing in deferred:
            with transaction.atomic():
                found = dict(Article.objects.filter(slug__in=missing).values_list("slug", "pk"))
                if found:
                    Article.objects.get(slug=slug).related_articles.add(*found.values())
            for related in missing:
                if related not in found:
                    self.warn(label, f"related article {related!r} is not on this site; left out")

    def _section(self, data):
        section = Section.objects.filter(slug=data["slug"]).first() or Section.objects.filter(name=data["name"]).first()
        if section is None:
            section = Section(
                slug=data["slug"], name=data["name"], description=data["description"], position=data["position"]
            )
            section.full_clean()
            section.save()
        return section

    def _tag(self, data):
        tag = Tag.objects.filter(slug=data["slug"]).first() or Tag.objects.filter(name=data["name"]).first()
        if tag is None:
            tag = Tag(slug=data["slug"], name=data["name"])
            tag.full_clean()
            tag.save()
        return tag

    def _person(self, data):
        person = Person.objects.filter(slug=data["slug"]).first()
        if person is None:
            person = Person(slug=data["slug"], name=data["name"], bio=data["bio"])
            person.full_clean()
            person.save()
        return person

    def _image(self, data, label):
        """The lead image with that file: reused, or registered when the file is in MEDIA_ROOT."""
        image = Image.objects.filter(file=data["file"]).order_by("pk").first()
        if image:
            return image
        if not default_storage.exists(data["file"]):
            self.warn(label, f"lead image {data['file']!r} is not in MEDIA_ROOT; imported without it")
            return None
        image = Image(file=data["file"], alt_text=data["alt_text"], caption=data["caption"], credit=data["credit"])
        image.save()
        return image


def read_records(handle):
    """
    Yield the lines of a binary file split on LF only (JSON escapes every
    other line break inside strings); a line over MAX_RECORD_BYTES is
    skipped unread and yielded as None.
    """
    while True:
        line = handle.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def decode_record(raw):
    if raw is None:
        raise ImportFailed(f"line too long (over {MAX_RECORD_BYTES // (1024 * 1024)} MiB)")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportFailed("not UTF-8 text") from exc
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ImportFailed(f"not valid JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise ImportFailed("not an article record (expected a JSON object)")
    return record


def check_record(record):
    """
    The fields of an export record with defaults filled in and types
    checked, or ImportFailed naming the first field that is wrong.
    """

    def text(source, name, default="", where="", required=False):
        value = source.get(name, default)
        if required and not value:
            raise ImportFailed(f"missing {where}{name}")
        if not isinstance(value, str):
            raise ImportFailed(f"{where}{name} must be a string")
        return strip_controls(value)

    def entries(name):
        value = record.get(name) or []
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            raise ImportFailed(f"{name} must be a list of objects")
        return value

    def position(entry, where, default):
        value = entry.get("position", default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ImportFailed(f"{where}position must be a whole number, 0 or more")
        return value

    data = {"slug": text(record, "slug", required=True), "headline": text(record, "headline", required=True)}
    for name in ("standfirst", "body", "dateline", "source_key", "source_digest"):
        data[name] = text(record, name)
    data["body"] = clean_body_html(data["body"])
    data["status"] = text(record, "status", Article.Status.DRAFT)
    if data["status"] not in Article.Status.values:
        raise ImportFailed(f"unknown status {data['status']!r} (one of {', '.join(Article.Status.values)})")
    for name in ("publish_at", "first_published_at", "updated_substantively_at", "created_at", "updated_at"):
        value = record.get(name)
        try:
            data[name] = parse_time(value) if value is not None else None
        except (TypeError, ValueError) as exc:
            raise ImportFailed(f"{name} is not an ISO 8601 time with a UTC offset ({exc})") from exc

    section = record.get("section")
    if section is not None:
        if not isinstance(section, dict):
            raise ImportFailed("section must be an object or null")
        section = {
            "slug": text(section, "slug", where="section ", required=True),
            "name": text(section, "name", where="section ", required=True),
            "description": text(section, "description", where="section "),
            "position": position(section, "section ", 0),
        }
    data["section"] = section

    data["tags"] = [
        {"slug": text(tag, "slug", where="tag ", required=True), "name": text(tag, "name", where="tag ", required=True)}
        for tag in entries("tags")
    ]
    data["people"] = []
    for index, entry in enumerate(entries("people")):
        role = text(entry, "role", Contribution.Role.WRITER, where="people ")
        if role not in Contribution.Role.values:
            raise ImportFailed(f"unknown role {role!r} (one of {', '.join(Contribution.Role.values)})")
        data["people"].append(
            {
                "slug": text(entry, "slug", where="people ", required=True),
                "name": text(entry, "name", where="people ", required=True),
                "bio": text(entry, "bio", where="people "),
                "role": role,
                "position": position(entry, "people ", index),
            }
        )
    data["sources"] = [
        {
            "name": text(entry, "name", where="sources ", required=True),
            "url": text(entry, "url", where="sources "),
            "position": position(entry, "sources ", index),
        }
        for index, entry in enumerate(entries("sources"))
    ]
    related = record.get("related") or []
    if not isinstance(related, list) or not all(isinstance(slug, str) and slug for slug in related):
        raise ImportFailed("related must be a list of article slugs")
    data["related"] = related

    image = record.get("lead_image")
    if image is not None:
        if not isinstance(image, dict):
            raise ImportFailed("lead_image must be an object or null")
        image = {
            "file": text(image, "file", where="lead_image ", required=True),
            "alt_text": text(image, "alt_text", where="lead_image "),
            "caption": text(image, "caption", where="lead_image "),
            "credit": text(image, "credit", where="lead_image "),
        }
    data["lead_image"] = image
    return data
