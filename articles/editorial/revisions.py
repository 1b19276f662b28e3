"""
Revisions of articles, stored by django-reversion: every save of an article
(the admin, list actions, restore, the importer, scripts) stores the
article with its byline and sources as one immutable revision, with who
and when. RevisionInfo adds the version, status and which fields changed.
"""

import json
import zlib
from contextlib import contextmanager

import reversion
from reversion.signals import post_revision_commit

# The editorial fields a revision is compared on, in the order a journalist
# reads them. "byline" and "sources" come from the inlines' own versions.
TRACKED_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "body",
    "section",
    "tags",
    "dateline",
    "lead_image",
    "related_articles",
    "byline",
    "sources",
    "status",
    "publish_at",
    "updated_substantively_at",
]


def register():
    from articles.models import Article, Contribution, Source

    reversion.register(Article, follow=["contributions", "sources"])
    reversion.register(Contribution)
    reversion.register(Source)
    post_revision_commit.connect(describe_revision, dispatch_uid="editorial.describe_revision")


@contextmanager
def revision_for(article):
    """
    Join the revision being made (the admin opens one per request, so the
    byline and tags saved after the article are in it), or make one.
    """
    with reversion.create_revision(atomic=False):
        if reversion.get_user() is None and article.updated_by_id:
            reversion.set_user(article.updated_by)
        yield


def _fingerprint(value):
    """
    A short fingerprint to tell whether a field changed between revisions.
    CRC-32 with the length: no attacker chooses what editors type against
    it, and it reads a 2 MB body in well under a millisecond.
    """
    data = value.encode() if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str).encode()
    return f"{zlib.crc32(data):08x}{len(data):x}"


def _to_minute(name, value):
    # Times are shown and edited to the minute; the form's split widget
    # drops microseconds, which is no change a journalist made.
    if name in ("publish_at", "updated_substantively_at") and isinstance(value, str):
        return value[:16]
    return value


def snapshot(versions):
    """{article pk: {field: value}} from a revision's versions, byline and sources included."""
    from articles.models import Article, Contribution, Source

    articles, byline, sources = {}, {}, {}
    for version in versions:
        data = json.loads(version.serialized_data)[0]
        fields = data["fields"]
        model = version._model
        if model is Article:
            articles[int(version.object_id)] = fields
        elif model is Contribution:
            byline.setdefault(fields["article"], []).append((fields["position"], fields["person"], fields["role"]))
        elif model is Source:
            sources.setdefault(fields["article"], []).append((fields["position"], fields["name"], fields["url"]))
    for pk, fields in articles.items():
        fields["byline"] = sorted(byline.get(pk, []))
        fields["sources"] = sorted(sources.get(pk, []))
    return articles


def describe_revision(sender, revision, versions, **kwargs):
    """Store a RevisionInfo for each article in a new revision."""
    from .models import RevisionInfo

    for pk, fields in snapshot(versions).items():
        fingerprints = {name: _fingerprint(_to_minute(name, fields.get(name))) for name in TRACKED_FIELDS}
        previous = RevisionInfo.objects.filter(article_id=pk).order_by("-version", "-pk").only("fingerprints").first()
        if previous is None:
            changed = []
        else:
            changed = [name for name in TRACKED_FIELDS if previous.fingerprints.get(name) != fingerprints[name]]
        RevisionInfo.objects.create(
            revision=revision,
            article_id=pk,
            version=fields.get("version") or 1,
            status=fields.get("status", ""),
            publish_at=fields.get("publish_at"),
            fingerprints=fingerprints,
            changed=changed,
        )
