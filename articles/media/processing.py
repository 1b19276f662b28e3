"""
What happens to an uploaded picture before anything is stored.

The file is decoded (pixel count checked from the header first, so a
decompression bomb is refused unexpanded), turned upright by its EXIF
orientation, converted to 8-bit sRGB, and re-encoded from those pixels alone
under the extension of its real format. No byte of the upload survives: EXIF,
GPS position, camera serial numbers, comments and anything appended to the
file (an HTML page, a ZIP or a PDF riding along as a polyglot) are gone.
"""

import io
import os
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from ..validators import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS

# Real format -> (extension, Pillow encoder options) for the stored original.
ORIGINAL_FORMATS = {
    "JPEG": ("jpg", {"quality": 90}),
    "PNG": ("png", {"compress_level": 6}),
    "WEBP": ("webp", {"quality": 90, "method": 4}),
    "GIF": ("gif", {}),
}
SRGB = ImageCms.createProfile("sRGB")


@dataclass
class Picture:
    """Decoded pixels ready to store, and what was done to get them."""

    image: PILImage.Image
    format: str
    stem: str
    first_frame_only: bool = False

    def original_name(self):
        return f"{self.stem}.{ORIGINAL_FORMATS[self.format][0]}"

    def encode_original(self):
        """The stored original: these pixels only, in the upload's own format."""
        extension, options = ORIGINAL_FORMATS[self.format]
        image = self.image
        if self.format == "JPEG" and image.mode != "RGB":
            image = flatten(image)
        if self.format == "GIF" and image.mode not in ("P", "L"):
            image = image.convert("RGBA" if has_alpha(image) else "RGB").quantize(256)
        buffer = io.BytesIO()
        image.save(buffer, format=self.format, **options)
        return ContentFile(buffer.getvalue(), name=self.original_name())


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def flatten(image, background=(255, 255, 255)):
    """RGB for formats without transparency: transparent parts become white, not black."""
    if not has_alpha(image):
        return image if image.mode == "RGB" else image.convert("RGB")
    rgba = image.convert("RGBA")
    canvas = PILImage.new("RGB", rgba.size, background)
    canvas.paste(rgba, mask=rgba.getchannel("A"))
    return canvas


def refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params or None)


def decode_upload(upload):
    """
    A Picture from an uploaded file, or a ValidationError saying in the
    editor's language why not. Never leaves anything behind.
    """
    size = upload.size
    if not size:
        refuse(_("The file is empty (0 bytes). Choose the picture again."), "image_empty")
    if size > MAX_IMAGE_BYTES:
        refuse(_("The image is %(size)s; the limit is 10 MB."), "image_too_large", size=filesizeformat(size))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    stem = slugify(os.path.splitext(os.path.basename(upload.name or ""))[0])[:60] or "foto"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            source = PILImage.open(io.BytesIO(data))
            kind = source.format
            if kind not in ORIGINAL_FORMATS:
                refuse(
                    _("%(kind)s images are not accepted. Upload a JPEG, PNG, WebP or GIF."),
                    "image_format",
                    kind=kind or _("This kind of"),
                )
            width, height = source.size
            if width * height > MAX_IMAGE_PIXELS:
                refuse(
                    _("The image is %(width)s×%(height)s pixels; the limit is 50 megapixels."),
                    "image_too_many_pixels",
                    width=width,
                    height=height,
                )
            # Only the first frame of an animation is kept: a still is what a
            # news page shows, and 500 frames would be 500 decodes.
            first_frame_only = bool(getattr(source, "is_animated", False))
            source.seek(0)
            source.load()
            image = upright_srgb(source)
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image has far more than 50 megapixels; the limit is 50 megapixels."), code="image_too_many_pixels"
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        raise ValidationError(
            _("This file is not an image that can be read (JPEG, PNG, WebP or GIF). SVG is not accepted."),
            code="image_unreadable",
        ) from exc
    return Picture(image=image, format=kind, stem=stem, first_frame_only=first_frame_only)


def upright_srgb(source):
    """The pixels turned by their EXIF orientation, in 8-bit sRGB (or grey), metadata dropped."""
    image = ImageOps.exif_transpose(source)
    icc = source.info.get("icc_profile")
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # 16-bit greys: scale to 8 bits rather than clip everything above 255 to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif image.mode == "CMYK" or (icc and image.mode in ("RGB", "RGBA")):
        image = to_srgb(image, icc)
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P", "PA"):
        image = image.convert("RGBA" if has_alpha(image) else "RGB")
    # exif_transpose() and the conversions return new images: empty their
    # info so no EXIF, XMP, comment or profile travels on.
    image.info = {"transparency": image.info["transparency"]} if "transparency" in image.info else {}
    return image


def to_srgb(image, icc):
    """Convert through the embedded colour profile when there is one, else plainly."""
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    base = image.convert("RGB") if image.mode == "RGBA" else image
    converted = None
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(base, profile, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None
    if converted is None:
        converted = base.convert("RGB")
    if alpha is not None:
        converted.putalpha(alpha)
    return converted
