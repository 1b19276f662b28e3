"""
Storing pictures: the row, the original and its renditions together or not
at all. Every write goes through Image.save(), so signals see it. Files a
picture no longer needs (replaced, or the picture deleted) are removed only
after the transaction commits, so a rollback never leaves a row without its
files, and only when no other row holds them.
"""

from django.db import transaction
from django.db.models import Q

from ..models import Image
from .processing import decode_upload
from .renditions import FOLDER, make_renditions, rendition_names


def delete_files(storage, names):
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            pass


def stored_names(image):
    """Every file `image` holds: its original and its renditions."""
    names = set(rendition_names(image.renditions or {}))
    if image.file.name:
        names.add(image.file.name)
    return names


def names_in_use(names):
    """
    Which of `names` an Image row holds. An original can be shared (a row
    made from another's file, as imports do); a rendition lives in its own
    row's folder (renditions/<pk>/), so only rows naming that folder are read.
    """
    if not names:
        return set()
    condition = Q(file__in=names)
    for folder in {name.rsplit("/", 1)[0] + "/" for name in names if name.startswith(FOLDER + "/")}:
        condition |= Q(renditions__icontains=folder)
    used = set()
    for image in Image.objects.filter(condition).only("file", "renditions"):
        used |= stored_names(image) & names
    return used


def delete_unused_files(storage, names):
    delete_files(storage, set(names) - names_in_use(set(names)))


def delete_images(images):
    """
    Delete Image rows (a queryset or a list) and, once the transaction
    commits, their originals and renditions that no remaining row holds.
    """
    images = list(images)
    if not images:
        return
    storage = images[0].file.storage
    names = set().union(*(stored_names(image) for image in images))
    with transaction.atomic():
        Image.objects.filter(pk__in=[image.pk for image in images]).delete()
        transaction.on_commit(lambda: delete_unused_files(storage, names))


def save_image(image, picture=None):
    """
    Save `image` and make its renditions. `picture` is the decoded upload
    (processing.Picture) when the file is new: it is stored re-encoded and
    its pixels are reused for the renditions instead of decoding again.
    On any failure the row is rolled back and every file written is removed.
    """
    written = []
    old_names = set(rendition_names(image.renditions or {})) if image.pk else set()
    if picture is not None:
        if image.pk and image.file.name:
            old_names.add(image.file.name)
        image.file = picture.encode_original()
    try:
        with transaction.atomic():
            image.save()
            if picture is not None:
                written.append(image.file.name)
            image.renditions = make_renditions(image, picture.image if picture else None, written)
            image.save(update_fields=["renditions"])
    except BaseException:
        if picture is not None and getattr(image.file, "_committed", False) and image.file.name not in written:
            written.append(image.file.name)
        delete_files(image.file.storage, written)
        raise
    stale = old_names - set(rendition_names(image.renditions)) - {image.file.name}
    transaction.on_commit(lambda: delete_unused_files(image.file.storage, stale))
    return image


def store_upload(image, upload):
    """Decode, clean and store an uploaded file as `image` (unsaved or saved)."""
    return save_image(image, decode_upload(upload))


def rebuild(image):
    """Make `image`'s renditions again from its stored original."""
    return save_image(image)
