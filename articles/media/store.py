"""
Storing pictures: the row, the original and its renditions together or not
at all. Every write goes through Image.save(), so signals see it.
"""

from django.db import transaction

from .processing import decode_upload
from .renditions import make_renditions, rendition_names


def delete_files(storage, names):
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            pass


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
    transaction.on_commit(lambda: delete_files(image.file.storage, stale))
    return image


def store_upload(image, upload):
    """Decode, clean and store an uploaded file as `image` (unsaved or saved)."""
    return save_image(image, decode_upload(upload))


def rebuild(image):
    """Make `image`'s renditions again from its stored original."""
    return save_image(image)
