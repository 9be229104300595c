from django.core.management.base import BaseCommand, CommandError

from demo.desk import DemoError, load_demo, reference_article
from demo.photos import DEFAULT_WIDTH
from demo.stories import StoryFormatError

MIN_PHOTO_WIDTH = 64
MAX_PHOTO_WIDTH = 4000


class Command(BaseCommand):
    help = (
        "Load the demo desk from demo/data/ and demo/stories/: sections, staff, accounts, "
        "the reference article and a few weeks of further articles with photos. Safe to "
        "run again: only what is missing is created, and existing accounts keep their "
        "passwords. Prints each story as it is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created without writing rows or files.",
        )
        parser.add_argument(
            "--photo-width",
            type=int,
            default=DEFAULT_WIDTH,
            help=f"Width of the generated photos in pixels (default {DEFAULT_WIDTH}).",
        )

    def handle(self, *args, dry_run, photo_width, **options):
        if not MIN_PHOTO_WIDTH <= photo_width <= MAX_PHOTO_WIDTH:
            raise CommandError(
                f"--photo-width must be between {MIN_PHOTO_WIDTH} and {MAX_PHOTO_WIDTH}."
            )
        try:
            report = load_demo(
                photo_width=photo_width, dry_run=dry_run, progress=self.stdout.write
            )
        except (DemoError, StoryFormatError) as error:
            raise CommandError(str(error)) from error

        verb = "Would create" if dry_run else "Created"
        if report.created:
            for name, number in sorted(report.created.items()):
                self.stdout.write(f"{verb} {number} {name}.")
        else:
            self.stdout.write("Nothing to create: the demo desk is already loaded.")
        for username in report.existing_users:
            self.stdout.write(f"User “{username}” already exists; password unchanged.")
        for username, password in report.new_passwords.items():
            if dry_run:
                self.stdout.write(f"Would create user “{username}”.")
            else:
                self.stdout.write(
                    self.style.WARNING(f"User “{username}” password: {password}")
                )
        if report.new_passwords and not dry_run:
            self.stdout.write("Note these passwords now: they are not shown again.")
        if not dry_run:
            url = reference_article().get_absolute_url()
            self.stdout.write(self.style.SUCCESS(f"Reference article: {url}"))
