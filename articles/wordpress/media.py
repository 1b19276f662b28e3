"""
Pictures from a copy of the old site's wp-content/uploads.

An attachment is imported when a post uses it (featured image, a picture
in the body), from the folder given with --media-from, through
articles.media's store_upload() as an upload in the admin is: checked
(format, size, pixels), re-encoded from its pixels, renditions made. A
file that is missing or refused is reported and the post imported without
it; nothing is ever fetched from the network. Each attachment is imported
once: its ImportedItem row remembers the image.

Files and rows go together: the picture's row is written in the
transaction of the post that uses it, and its files (original and
renditions) are on disk before that transaction ends. If the post's
transaction rolls back, the importer calls rollback() and the files
written for it are deleted, so a failed post leaves nothing behind.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from articles.media.processing import decode_upload
from articles.media.renditions import rendition_names
from articles.media.store import delete_files, store_upload
from articles.models import Image

from .body import plain_text, shorten
from .models import ImportedItem

UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: foto-300x200.jpg is a size of foto.jpg.
BODY_WIDTH = 960
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class MediaLibrary:
    """The attachments of one export; `warn(message)` hears about pictures left out."""

    def __init__(self, folder, catalogue, site_key, warn, dry_run=False):
        self.folder = Path(folder).resolve() if folder else None
        self.attachments = catalogue.attachments
        self.by_file = {attachment.file: attachment for attachment in catalogue.attachments.values() if attachment.file}
        self.site_key = site_key
        self.warn = warn
        self.dry_run = dry_run
        self.skipped = set()
        # Files stored for the item being imported, until its transaction ends.
        self.written = []

    def commit(self):
        """The item's transaction committed: its files stay."""
        self.written.clear()

    def rollback(self):
        """The item's transaction rolled back: remove the files it stored, whose rows are gone."""
        written, self.written = self.written, []
        if written:
            delete_files(Image._meta.get_field("file").storage, written)

    def image(self, attachment_id):
        """The Image for attachment `attachment_id`, imported now if need be; None when there is none."""
        attachment = self.attachments.get(attachment_id)
        if attachment is None:
            return None
        known = ImportedItem.objects.filter(site=self.site_key, post_id=attachment.post_id).select_related("image").first()
        if known and known.image:
            return known.image
        if self.folder is None:
            self.skipped.add(attachment_id)
            return None
        image = self._import(attachment)
        if image is not None:
            ImportedItem.objects.update_or_create(
                site=self.site_key, post_id=attachment.post_id, defaults={"kind": ImportedItem.Kind.ATTACHMENT, "image": image}
            )
        return image

    def image_url(self, url):
        """The address of the imported picture an old uploads URL shows, or None."""
        path = unquote(urlsplit(url).path)
        if UPLOADS not in path:
            return None
        file = path.split(UPLOADS, 1)[1]
        attachment = self.by_file.get(file) or self.by_file.get(SIZE_SUFFIX.sub("", file))
        if attachment is None:
            return None
        image = self.image(attachment.post_id)
        return body_picture_url(image) if image else None

    def _import(self, attachment):
        source = (self.folder / attachment.file).resolve() if attachment.file else None
        if source is None or not source.is_relative_to(self.folder):
            self.warn(f"image {attachment.file or attachment.url!r} is outside the uploads folder; left out")
            return None
        if not source.is_file():
            self.warn(f"image {attachment.file} is not in {self.folder}; imported without it")
            return None
        alt = shorten(plain_text(attachment.alt) or source.stem, 250)
        image = Image(alt_text=alt, caption=shorten(plain_text(attachment.caption), 500))
        with source.open("rb") as handle:
            upload = File(handle, name=source.name)
            try:
                if self.dry_run:
                    # Checked as an upload is, but no file is written for a run that writes nothing.
                    decode_upload(upload)
                    return None
                image = store_upload(image, upload)
            except ValidationError as exc:
                self.warn(f"image {attachment.file} refused ({' '.join(exc.messages)}); imported without it")
                return None
        self.written += [image.file.name, *rendition_names(image.renditions or {})]
        return image


def body_picture_url(image):
    """A picture in a body is shown at column width: a JPEG rendition of about 960 pixels, else the file."""
    sources = (image.renditions or {}).get("sources")
    if not sources:
        return image.file.url
    source = next((s for s in sources if s["width"] >= BODY_WIDTH), sources[-1])
    return image.file.storage.url(source["jpeg"])
