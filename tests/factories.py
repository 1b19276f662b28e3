"""Small builders for test data: explicit arguments, no factory framework."""

from datetime import timedelta
from functools import lru_cache
from itertools import count

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Contribution, Person, Section, Source, Tag
from articles.roles import sync_roles

_seq = count(1)


def make_user(username, role=None, **fields):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username, is_staff=True, **fields)
    if role:
        if not Group.objects.filter(name=role).exists():
            # Transactional tests flush the groups the migration created.
            sync_roles(apps)
        user.groups.add(Group.objects.get(name=role))
    return user


def make_section(name=None, **fields):
    n = next(_seq)
    name = name or f"Rubrik {n}"
    return Section.objects.create(name=name, slug=fields.pop("slug", f"rubrik-{n}"), **fields)


def make_person(name=None, **fields):
    return Person.objects.create(name=name or f"Penulis {next(_seq)}", **fields)


def make_tag(name=None):
    return Tag.objects.create(name=name or f"Topik {next(_seq)}")


def make_article(state="published", *, section=None, tags=(), people=(), sources=(), hours=1, **fields):
    """
    An article in one of the states readers and editors tell apart:
    draft, review, scheduled (published, `hours` ahead), published
    (`hours` ago) or unpublished.
    """
    now = timezone.now()
    status = {
        "draft": Article.Status.DRAFT,
        "review": Article.Status.REVIEW,
        "scheduled": Article.Status.PUBLISHED,
        "published": Article.Status.PUBLISHED,
        "unpublished": Article.Status.UNPUBLISHED,
    }[state]
    if state == "published":
        fields.setdefault("publish_at", now - timedelta(hours=hours))
    elif state == "scheduled":
        fields.setdefault("publish_at", now + timedelta(hours=hours))
    fields.setdefault("headline", f"Berita nomor {next(_seq)} dari Jakarta")
    fields.setdefault("standfirst", "Ringkasan satu kalimat tentang berita ini.")
    fields.setdefault("body", "<p>Paragraf pertama berita.</p><p>“Kami siap,” kata juru bicara.</p>")
    if section is None and status == Article.Status.PUBLISHED:
        section = make_section()
    article = Article.objects.create(status=status, section=section, **fields)
    if tags:
        article.tags.set(tags)
    for position, person in enumerate(people):
        Contribution.objects.create(article=article, person=person, position=position)
    for position, name in enumerate(sources):
        Source.objects.create(article=article, name=name, position=position)
    return article


def make_published_rows(section, headlines):
    """
    Published articles in `section`, one an hour back from an hour ago, in
    one INSERT: no revision, no search document, no page-cache stamp. For
    lists, feeds and pages that only read rows; a save costs ~10 ms.
    """
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(headline=headline, slug=f"{section.slug}-{n}", section=section, status=Article.Status.PUBLISHED, publish_at=now - timedelta(hours=n + 1))
        for n, headline in enumerate(headlines)
    )


@lru_cache(maxsize=8)
def _plain_png(size):
    """A one-colour PNG of `size`, encoded once per size for the whole run."""
    from io import BytesIO

    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", size, color=(40, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(alt_text="Warga mengungsi di atas perahu karet", size=(1200, 675), **fields):
    """An Image with a real PNG file; point MEDIA_ROOT at a temporary folder first."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Image

    upload = SimpleUploadedFile(f"foto-{next(_seq)}.png", _plain_png(size), content_type="image/png")
    return Image.objects.create(file=upload, alt_text=alt_text, **fields)


def make_contribution(article, person, role="writer", position=None):
    """Add `person` to `article`'s byline in `role` (writer, editor, photographer, translator, contributor)."""
    if position is None:
        position = article.contributions.count()
    return Contribution.objects.create(article=article, person=person, role=role, position=position)


@lru_cache(maxsize=8)
def _photo_jpeg(size, seed):
    """A photo-like JPEG, drawn once per size and seed for the whole run (0.1 s each)."""
    from articles.media.synthetic import photo_bytes

    return photo_bytes(*size, seed=seed, quality=85)


def make_photo(alt_text="Perahu nelayan di Muara Angke", size=(1600, 1200), seed=0, **fields):
    """An Image stored as an upload is (re-encoded, with renditions) from a photo-like JPEG; point MEDIA_ROOT at a temporary folder first."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.media.store import store_upload
    from articles.models import Image

    upload = SimpleUploadedFile(f"foto-{next(_seq)}.jpg", _photo_jpeg(size, seed), content_type="image/jpeg")
    return store_upload(Image(alt_text=alt_text, **fields), upload)


def empty_inline_forms(*prefixes):
    """Management-form fields for inline formsets posted with no rows."""
    fields = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
    return {f"{prefix}-{name}": value for prefix in prefixes for name, value in fields.items()}


# The article form's press-record inlines (articles/press/inlines.py).
PRESS_INLINE_FORMS = empty_inline_forms("verification", "reply_to", "corrections")
