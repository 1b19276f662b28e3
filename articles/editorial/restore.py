"""Restoring a revision: its content becomes the next version; status and publish time stay as they are."""

import reversion

from articles.models import Article, Contribution, Image, Person, Section, Source, Tag

from .history import revision_fields

CONTENT_FIELDS = ["headline", "standfirst", "body", "dateline"]


def restore_revision(article, info, user, base_version):
    """
    Put the content of revision `info` back on `article`, version-checked
    against `base_version`. Restoring never publishes or withdraws: status,
    publish time and the "Diperbarui" stamp are the article's own. People,
    tags or images deleted since are left out.
    """
    fields = revision_fields(info)
    for name in CONTENT_FIELDS:
        setattr(article, name, fields.get(name) or "")
    if not article.first_published_at and fields.get("slug"):
        article.slug = fields["slug"]
    section = fields.get("section")
    if section and Section.objects.filter(pk=section).exists():
        article.section_id = section
    elif article.status != Article.Status.PUBLISHED:
        article.section_id = None
    image = fields.get("lead_image")
    article.lead_image_id = image if image and Image.objects.filter(pk=image).exists() else None
    article.updated_by = user
    article.full_clean(exclude=["slug"])
    article.save(reindex=False, base_version=base_version)
    article.tags.set(Tag.objects.filter(pk__in=fields.get("tags") or []))
    article.related_articles.set(Article.objects.filter(pk__in=fields.get("related_articles") or []).exclude(pk=article.pk))
    article.contributions.all().delete()
    people = set(Person.objects.filter(pk__in=[p for _pos, p, _r in fields["byline"]]).values_list("pk", flat=True))
    Contribution.objects.bulk_create(
        Contribution(article=article, person_id=person, role=role, position=position)
        for position, person, role in fields["byline"]
        if person in people
    )
    article.sources.all().delete()
    Source.objects.bulk_create(Source(article=article, name=name, url=url, position=position) for position, name, url in fields["sources"])
    for obj in [*article.contributions.all(), *article.sources.all()]:
        reversion.add_to_revision(obj)
    article.refresh_search_document()
