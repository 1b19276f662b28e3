"""
Give the demo's published articles lead pictures: photo-like images made
with Pillow (articles.media.synthetic), stored the way an upload is, with
all renditions. For Lighthouse and page-weight checks with real image
weights, and for a demo that looks like a newspaper. Idempotent: articles
that already have a lead image keep it.
"""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.media.store import store_upload
from articles.media.synthetic import photo_bytes
from articles.models import Article, Image

CAPTIONS = [
    ("Warga melintasi jalan yang tergenang di pesisir utara.", "Antara/Budi Santoso"),
    ("Suasana pasar tradisional menjelang siang.", "Wartakum/Rina Wulandari"),
    ("Perahu nelayan bersandar di dermaga.", "Wartakum/Agus Salim"),
    ("Petugas memeriksa tanggul di tepi sungai.", "Antara/Dewi Lestari"),
]


class Command(BaseCommand):
    help = "Adds generated photos as lead images to published demo articles that have none."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=4, help="How many different photos to make (default 4); they are shared round-robin.")
        parser.add_argument("--size", default="4000x3000", help="Photo size as WIDTHxHEIGHT (default 4000x3000, a camera's).")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument("--dry-run", action="store_true", help="Say how many articles would get a photo; write nothing.")

    def handle(self, *args, count, size, force, dry_run, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo_photos refuses to run with DEBUG off unless --force.")
        try:
            width, height = (int(part) for part in size.lower().split("x"))
        except ValueError:
            raise CommandError(f"--size {size!r}: give it as WIDTHxHEIGHT, e.g. 4000x3000.") from None
        articles = list(Article.objects.published().filter(lead_image__isnull=True).order_by("-publish_at"))
        if dry_run or not articles:
            self.stdout.write(f"{len(articles)} articles {'would get' if dry_run else 'need'} a photo.")
            return
        images = []
        for n in range(max(1, count)):
            caption, credit = CAPTIONS[n % len(CAPTIONS)]
            upload = SimpleUploadedFile(f"demo-{n + 1}.jpg", photo_bytes(width, height, seed=n), content_type="image/jpeg")
            images.append(store_upload(Image(alt_text=caption.rstrip("."), caption=caption, credit=credit), upload))
        with transaction.atomic():
            for i, article in enumerate(articles):
                article.lead_image = images[i % len(images)]
                article.save(update_fields=["lead_image"])
        self.stdout.write(f"Gave {len(articles)} articles one of {len(images)} photos ({width}x{height}).")
