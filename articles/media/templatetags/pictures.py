"""
{% picture image sizes="..." %}: the one way readers' pages show an Image.

A <picture> with a WebP srcset and a JPEG fallback from the stored
renditions, width and height from the original (so the browser reserves the
space before the file arrives: no layout shift), lazy unless `priority`.
A picture without renditions yet (rebuild_renditions makes them) falls back
to the original file, still with width and height.
"""

from django import template
from django.utils.html import format_html, format_html_join

from ..renditions import file_url, rendition_url, social_url

register = template.Library()

# The rendition an old browser without srcset gets.
FALLBACK_WIDTH = 640


def srcset(image, kind):
    storage = image.file.storage
    return ", ".join(f"{file_url(storage, source[kind])} {source['width']}w" for source in image.renditions["sources"])


def fallback_source(image):
    sources = image.renditions["sources"]
    return next((s for s in sources if s["width"] >= FALLBACK_WIDTH), sources[-1])


@register.simple_tag
def picture(image, sizes="100vw", priority=False, css_class=""):
    """
    `sizes` is the picture's width in the layout (a CSS media-condition list);
    `priority` marks the one picture in the first screen (the lead): it loads
    eagerly with fetchpriority=high, every other one lazily.
    """
    if image is None or not image.file:
        return ""
    loading = {"fetchpriority": "high", "decoding": "async"} if priority else {"loading": "lazy", "decoding": "async"}
    attrs = {"alt": image.alt_text, "width": image.width, "height": image.height, **loading}
    if css_class:
        attrs["class"] = css_class
    if not (image.renditions or {}).get("sources"):
        return format_html("<img src=\"{}\"{}>", image.file.url, attributes(attrs))
    storage = image.file.storage
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}"><img src="{}" srcset="{}" sizes="{}"{}></picture>',
        srcset(image, "webp"),
        sizes,
        file_url(storage, fallback_source(image)["jpeg"]),
        srcset(image, "jpeg"),
        sizes,
        attributes(attrs),
    )


def attributes(attrs):
    return format_html_join("", ' {}="{}"', ((name, value) for name, value in attrs.items() if value is not None))


@register.filter
def social_image_url(image):
    """The 1200×630 crop for Open Graph and Twitter cards, else the original."""
    return social_url(image)


@register.filter
def jpeg_url(image, width=1280):
    """The JPEG rendition closest to `width` without going over it (feeds, e-mail), else the original."""
    return rendition_url(image, width)
