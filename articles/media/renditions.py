"""
Renditions: the sizes readers actually download.

Every picture gets WebP files (what browsers pick) and JPEG fallbacks at the
widths below that are narrower than the original, plus the original's own
width when it is under the largest, and a 1200×630 social image cropped
around the editor's focal point. Names and sizes go into Image.renditions,
so a page renders srcset without touching the storage.
"""

import functools
import io

from django.core.files.base import ContentFile
from django.core.signals import setting_changed
from django.dispatch import receiver
from PIL import Image as PILImage

from .processing import flatten

# 160 for list thumbnails, 320–960 for phones at 1x–3x, 1280–1600 for wide screens.
WIDTHS = (160, 320, 480, 640, 960, 1280, 1600)
SOCIAL_SIZE = (1200, 630)
WEBP_OPTIONS = {"quality": 78, "method": 4}
JPEG_OPTIONS = {"quality": 80, "optimize": True, "progressive": True}
SOCIAL_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}
FOLDER = "images/renditions"


def widths_for(width):
    """The rendition widths for an original `width` pixels wide, narrowest first."""
    chosen = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1] and width not in chosen:
        chosen.append(width)
    return chosen or [width]


def scaled(image, width):
    height = max(1, round(image.height * width / image.width))
    if (width, height) == image.size:
        return image
    return image.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=1.5)


def social_crop(image, focal_x, focal_y):
    """The largest 1200:630 box around the focal point (kept inside the picture), scaled to at most 1200×630."""
    target_w, target_h = SOCIAL_SIZE
    width, height = image.size
    if width * target_h > height * target_w:
        crop_h, crop_w = height, round(height * target_w / target_h)
    else:
        crop_w, crop_h = width, round(width * target_h / target_w)
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    box = image.crop((left, top, left + crop_w, top + crop_h))
    if crop_w > target_w:
        box = box.resize(SOCIAL_SIZE, PILImage.Resampling.LANCZOS, reducing_gap=2.0)
    return box


def encode(image, kind, options):
    buffer = io.BytesIO()
    if kind == "JPEG":
        image = flatten(image)
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def stored_pixels(image):
    """The stored original's pixels (already upright and clean)."""
    with image.file.open("rb") as handle:
        pixels = PILImage.open(io.BytesIO(handle.read()))
        pixels.load()
    return pixels


def make_renditions(image, pixels=None, written=None):
    """
    Write every rendition of `image` (a saved Image) to its storage and
    return the manifest for Image.renditions. `written` collects the stored
    names as they are written, so a caller can remove them on failure.
    """
    pixels = stored_pixels(image) if pixels is None else pixels
    storage = image.file.storage
    written = [] if written is None else written
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    folder = f"{FOLDER}/{image.pk}"

    def save(name, data):
        stored = storage.save(f"{folder}/{name}", ContentFile(data))
        written.append(stored)
        return stored

    sources = []
    # Narrowing step by step from the widest is much faster than resizing
    # the full-size original once per width, and looks the same.
    base = widest = pixels
    for width in reversed(widths_for(pixels.width)):
        base = scaled(base, width)
        if widest is pixels and pixels.width > 2 * SOCIAL_SIZE[0]:
            widest = base
        jpeg = encode(base, "JPEG", JPEG_OPTIONS)
        sources.append(
            {
                "width": base.width,
                "height": base.height,
                "webp": save(f"{stem}-{width}.webp", encode(base, "WEBP", WEBP_OPTIONS)),
                "jpeg": save(f"{stem}-{width}.jpg", jpeg),
                # A feed's enclosure states its length; kept here so no feed asks the storage.
                "jpeg_bytes": len(jpeg),
            }
        )
    sources.reverse()
    social = social_crop(widest, image.focal_x, image.focal_y)
    return {
        "sources": sources,
        "social": {"name": save(f"{stem}-social.jpg", encode(social, "JPEG", SOCIAL_OPTIONS)), "width": social.width, "height": social.height},
    }


def jpeg_rendition(image, width):
    """
    The JPEG rendition closest to `width` pixels without going over it (the
    narrowest when all are wider), or None for a picture without renditions.
    """
    sources = (image.renditions or {}).get("sources")
    if not sources:
        return None
    fitting = [source for source in sources if source["width"] <= int(width)] or sources[:1]
    return fitting[-1]


def file_url(storage, name):
    """
    storage.url(name), remembered per process: a picture's srcset names
    fifteen files, and the storage joins (S3: signs, then strips) each
    address anew. Media addresses are unsigned (settings.py), so the same
    name always has the same address.
    """
    return _file_url(storage, name)


@functools.lru_cache(maxsize=16384)
def _file_url(storage, name):
    return storage.url(name)


@receiver(setting_changed)
def _forget_file_urls(setting, **kwargs):
    # Tests point the storage elsewhere.
    if setting in ("MEDIA_URL", "MEDIA_ROOT", "STORAGES"):
        _file_url.cache_clear()


def social_url(image):
    """The address of the 1200×630 social crop, else of the original; "" without a file."""
    if image is None or not image.file:
        return ""
    social = (image.renditions or {}).get("social")
    return file_url(image.file.storage, social["name"]) if social else image.file.url


def rendition_url(image, width=1280):
    """The address of the JPEG rendition closest to `width` (see jpeg_rendition), else of the original."""
    if image is None or not image.file:
        return ""
    source = jpeg_rendition(image, width)
    return file_url(image.file.storage, source["jpeg"]) if source else image.file.url


def rendition_names(manifest):
    """Every stored name a manifest points to."""
    names = [name for source in manifest.get("sources", []) for name in (source["webp"], source["jpeg"])]
    if manifest.get("social"):
        names.append(manifest["social"]["name"])
    return names
