import time

from django.core.management.base import BaseCommand

from media_library.models import Photo
from media_library.renditions import ensure_renditions, renditions_are_current


class Command(BaseCommand):
    help = (
        "Make the stored renditions of every photo that lacks an up-to-date set "
        "(after an import, a data load or a change of recipe)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Remake renditions even if current."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the photos that would get renditions.",
        )

    def handle(self, *args, force=False, dry_run=False, **options):
        made = pending = 0
        total = Photo.objects.count()
        started = time.monotonic()
        for number, photo in enumerate(
            Photo.objects.order_by("pk").iterator(chunk_size=100), start=1
        ):
            if not force and renditions_are_current(photo):
                continue
            pending += 1
            if not dry_run:
                # Encoding takes seconds a photo: say where the run is as it goes.
                self.stdout.write(
                    f"[{number}/{total}, {time.monotonic() - started:.0f}s] "
                    f"photo {photo.pk}: {photo.image.name}"
                )
                if ensure_renditions(photo, force=True):
                    made += 1
        if dry_run:
            self.stdout.write(f"{pending} photo(s) would get renditions.")
        else:
            self.stdout.write(f"Made renditions for {made} of {pending} photo(s).")
