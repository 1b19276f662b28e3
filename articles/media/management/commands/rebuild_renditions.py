"""
Make every picture's renditions again from its stored original: after the
set of widths or the encoder settings change, after a restore of the
originals, or for pictures stored before renditions existed.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.media import store
from articles.models import Image


class Command(BaseCommand):
    help = "Rebuilds the renditions (WebP, JPEG, social crop) of every image, or of the given ids, from the stored originals."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these image ids (default: all).")
        parser.add_argument("--missing", action="store_true", help="Only images that have no renditions yet.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be rebuilt; write nothing.")

    def handle(self, *args, ids, missing, dry_run, **options):
        images = Image.objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
            unknown = set(ids) - set(images.values_list("pk", flat=True))
            if unknown:
                raise CommandError(f"No image with id {', '.join(map(str, sorted(unknown)))}.")
        if missing:
            images = images.filter(renditions={})
        done = failed = 0
        for image in images.iterator(chunk_size=100):
            if dry_run:
                self.stdout.write(f"would rebuild\t{image.pk}\t{image.file.name}")
                done += 1
                continue
            try:
                store.rebuild(image)
            except (OSError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"failed\t{image.pk}\t{image.file.name}\t{exc}")
                continue
            done += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"rebuilt\t{image.pk}\t{image.file.name}")
        verb = "would rebuild" if dry_run else "rebuilt"
        self.stdout.write(f"summary\t{done} images {verb}, {failed} failed")
        if failed:
            raise CommandError(f"{failed} images could not be rebuilt (their originals are missing or unreadable).")
