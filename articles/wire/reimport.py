"""
Export records (export_articles' JSON lines) back into articles.

Identity of export records
    An exported article is recognised by its slug, which never changes once
    published; its import key and fingerprint travel with it, so wire
    corrections still find it on the new site.

Every record is imported in its own transaction, so a run that is killed
leaves whole articles or none.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from ..models import Article, Contribution, Image, Person, Section, Source, Tag
from .export import export_article, parse_time
from .identity import with_source_key
from .outcomes import CREATED, FAILED, UNCHANGED, UPDATED, ImportFailed, Result, saving_failure, validation_reason
from .records import check_record, decode_record, read_records


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
                raise saving_failure(exc) from exc
            except IntegrityError as exc:
                # As for wire files: a concurrent run may have won the race.
                if attempt == 2:
                    raise saving_failure(exc) from exc

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
        for name in ("headline", "standfirst", "body", "dateline", "paid_kind", "status", "source_key", "source_digest"):
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

        missing = self._set_relations(article, data)
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

    def _set_relations(self, article, data):
        """Tags, byline, sources and related articles as the record has them; returns related slugs not found."""
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
        return [slug for slug in data["related"] if slug not in found]

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
