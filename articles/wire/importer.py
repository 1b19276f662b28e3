"""
Wire files into articles, one transaction per file (see identity.py for how
a story is recognised when it comes again).

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

Writes
    Every file (and every export record) is imported in its own transaction,
    so a run that is killed leaves whole articles or none, and running it
    again finishes the job. Nothing here checks a user's permissions: there
    is no user, the operator's shell access to the server is the authority.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Article, Contribution, Person
from ..sanitize import clean_body_html
from . import format as wire
from .identity import content_fingerprint, free_slug, wire_source_key, with_source_key
from .outcomes import CREATED, FAILED, UNCHANGED, UPDATED, ImportFailed, Result, saving_failure, validation_reason

# Foreign keys the importer sets from rows it has just read: checking that
# they exist would cost a query per file for nothing.
TRUSTED_FIELDS = ["section", "lead_image"]


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
                raise saving_failure(exc) from exc
            except IntegrityError as exc:
                # Another run imported the same story, or took the slug,
                # between our look and our write: a second look settles it.
                self.author = author
                if attempt == 2:
                    raise saving_failure(exc) from exc
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
