"""
Upload speed of a 24-megapixel camera JPEG through the image library: the
admin's POST with everything it does (decode, orientation, re-encoding the
original, seven widths in WebP and JPEG, the social crop, the row), in a
throwaway SQLite database and media folder.

Printed per run, then the median and range; next to it the floor measured
in the same run: Pillow only decoding and re-encoding the same file, which
no upload can beat. Exits 1 when the median is 3 s or more (the target).

Usage: make bench-images   (BENCH_ARGS="--runs 10 --megapixels 24")
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TARGET_SECONDS = 3.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--runs", type=int, default=5, help="uploads to time (default 5)")
    parser.add_argument("--megapixels", type=int, default=24, help="size of the photo (default 24: 6000x4000)")
    args = parser.parse_args()

    client = reporter_client(Path(tempfile.mkdtemp(prefix="newsroom-imagebench-")))
    data = camera_photo(args.megapixels)
    uploads, floors = [], []
    for run in range(1, args.runs + 1):
        floors.append(floor_seconds(data))
        seconds, image = timed_upload(client, data, run)
        if image is None:
            return 2
        uploads.append(seconds)
        print(f"run {run}\tupload {uploads[-1]:.2f} s\tdecode+encode floor {floors[-1]:.2f} s\t{len(image.renditions['sources'])} widths")

    median = statistics.median(uploads)
    print(f"upload\tmedian {median:.2f} s\trange {min(uploads):.2f}-{max(uploads):.2f} s\ttarget under {TARGET_SECONDS:.0f} s")
    print(f"floor\tmedian {statistics.median(floors):.2f} s\tratio upload/floor {median / statistics.median(floors):.1f}")
    return 0 if median < TARGET_SECONDS else 1


def reporter_client(work):
    """A test client logged in as a reporter, on a migrated database and media folder under `work`."""
    os.environ.setdefault("SECRET_KEY", "image-benchmark-only")
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    # A reporter may upload pictures and, unlike editors, needs no second factor.
    call_command("setup_roles", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench-only-pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Reporter"))
    client = Client()
    client.force_login(user)
    return client


def camera_photo(megapixels):
    """A photo-like JPEG of `megapixels` in 3:2, upright."""
    from PIL import Image as PILImage

    from articles.media.synthetic import photo_bytes

    width = round((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = round(width * 2 / 3)
    exif = PILImage.Exif()
    exif[0x0112] = 1
    data = photo_bytes(width, height, seed=1, exif=exif.tobytes())
    print(f"photo\t{width}x{height}\t{len(data) / 1e6:.1f} MB JPEG")
    return data


def floor_seconds(data):
    """Pillow alone decoding and re-encoding `data`: what no upload can beat."""
    from PIL import Image as PILImage

    started = time.perf_counter()
    with PILImage.open(io.BytesIO(data)) as image:
        image.load()
        image.save(io.BytesIO(), format="JPEG", quality=90)
    return time.perf_counter() - started


def timed_upload(client, data, run):
    """Seconds the admin took to store upload number `run`, and the Image (None if it failed)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from articles.models import Image

    upload = SimpleUploadedFile(f"kamera-{run}.jpg", data, content_type="image/jpeg")
    started = time.perf_counter()
    response = client.post(reverse("admin:articles_image_add"), {"file": upload, "alt_text": "Benchmark", "caption": "", "credit": ""})
    seconds = time.perf_counter() - started
    if response.status_code != 302 or not Image.objects.filter(alt_text="Benchmark").count() == run:
        print(f"upload failed with status {response.status_code}", file=sys.stderr)
        return seconds, None
    return seconds, Image.objects.latest("pk")


if __name__ == "__main__":
    sys.exit(main())
