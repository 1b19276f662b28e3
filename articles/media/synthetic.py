"""
Photo-like pictures made with Pillow, for demo content, tests, Lighthouse
and the upload benchmark: smooth light, shapes and sensor-like grain, so they
compress like camera photos (a flat colour would make every budget look easy).
"""

import io
import random

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

PALETTES = [
    ((250, 196, 120), (62, 104, 160), (40, 60, 40)),  # dusk over a field
    ((180, 210, 235), (90, 140, 90), (120, 90, 60)),  # daylight, trees
    ((230, 230, 220), (150, 60, 50), (60, 60, 70)),  # street, red roofs
    ((200, 220, 240), (30, 90, 140), (210, 190, 150)),  # sea and sand
]


def photo(width=4000, height=3000, seed=0):
    """An RGB image of `width`×`height` that looks and compresses like a photo."""
    rng = random.Random(seed)
    sky, middle, ground = PALETTES[seed % len(PALETTES)]
    small_w, small_h = 160, max(1, round(160 * height / width))
    scene = PILImage.new("RGB", (small_w, small_h), sky)
    draw = ImageDraw.Draw(scene)
    horizon = int(small_h * rng.uniform(0.45, 0.65))
    for y in range(small_h):
        t = y / small_h
        base = middle if y > horizon else sky
        shade = tuple(int(c * (0.75 + 0.35 * (1 - t))) for c in base)
        draw.line([(0, y), (small_w, y)], fill=shade)
    for _ in range(rng.randint(6, 12)):
        x, y = rng.randrange(small_w), rng.randrange(horizon - 10, small_h)
        r = rng.randint(4, 22)
        colour = tuple(min(255, max(0, c + rng.randint(-50, 50))) for c in ground)
        draw.ellipse([x - r, y - r, x + r, y + r // 2], fill=colour)
    scene = scene.filter(ImageFilter.GaussianBlur(1.2)).resize((width, height), PILImage.Resampling.BICUBIC)
    # Texture at several scales (foliage, fabric, grain): what makes photos
    # expensive to compress at every rendition width, not only the largest.
    for divisor, weight in ((24, 0.22), (8, 0.16), (1, 0.08)):
        size = (max(1, width // divisor), max(1, height // divisor))
        texture = PILImage.effect_noise(size, 60).resize((width, height), PILImage.Resampling.BICUBIC)
        scene = PILImage.blend(scene, PILImage.merge("RGB", [texture] * 3), weight)
    return scene


def photo_bytes(width=4000, height=3000, seed=0, kind="JPEG", exif=None, **options):
    """The photo encoded as a camera would save it (JPEG quality 92 unless told)."""
    image = photo(width, height, seed)
    if kind == "JPEG":
        options.setdefault("quality", 92)
    if exif is not None:
        options["exif"] = exif
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()
