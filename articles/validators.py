"""Validators for the editorial limits and for uploaded images."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}


def validate_body_size(value):
    size = len(value.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        raise ValidationError(
            _("The body is %(size)s; the most an article may hold is 2 MB of HTML. Split it into several articles."),
            code="body_too_large",
            params={"size": filesizeformat(size)},
        )


def validate_image_file(upload):
    """
    Accept only JPEG, PNG, WebP or GIF that Pillow can decode, of at most
    10 MB and 50 megapixels. The pixel count is read from the header before
    decoding, so a decompression bomb is refused without being expanded.
    """
    if getattr(upload, "_committed", False) or getattr(upload, "decoded_by_form", False):
        # Stored already (checked when it came in), or decoded by the image
        # form a moment ago (articles.media.forms): no need to decode again.
        return
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is 10 MB."),
            code="image_too_large",
            params={"size": filesizeformat(upload.size)},
        )
    upload.seek(0)
    try:
        with PILImage.open(upload) as image:
            kind = image.format
            width, height = image.size
            if kind not in IMAGE_FORMATS:
                raise ValidationError(
                    _("%(kind)s images are not accepted. Upload a JPEG, PNG, WebP or GIF."),
                    code="image_format",
                    params={"kind": kind or _("This kind of")},
                )
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is %(width)s×%(height)s pixels; the limit is 50 megapixels."),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.load()
    except ValidationError:
        raise
    except PILImage.DecompressionBombError as exc:
        # Pillow refuses to even open images far past its own pixel limit.
        raise ValidationError(
            _("The image has far more than 50 megapixels; the limit is 50 megapixels."), code="image_too_many_pixels"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This file is not an image that can be read (JPEG, PNG, WebP or GIF). SVG is not accepted."),
            code="image_unreadable",
        ) from exc
    finally:
        upload.seek(0)
