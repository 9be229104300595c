from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importers.report import Report
from importers.runner import WordPressImport


class Command(BaseCommand):
    help = (
        "Import a WordPress site from its export file (WXR 1.1/1.2, Tools → Export): "
        "categories become sections, attachments photos, posts articles. Running it "
        "again updates what changed and doubles nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WXR file (.xml).")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the site's wp-content/uploads folder, for the photo files.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report what would happen, write nothing.",
        )
        parser.add_argument(
            "--quiet-progress",
            action="store_true",
            help="No progress lines while it runs (the final report is still printed).",
        )
        parser.add_argument(
            "--traceback-items",
            action="store_true",
            help="Print a traceback for every item that fails, for debugging.",
        )

    def handle(
        self, *args, export: Path, media_dir, dry_run, quiet_progress, **options
    ):
        if not export.is_file():
            raise CommandError(f"There is no file at {export}.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"There is no folder at {media_dir}.")
        report = Report(
            progress=None if quiet_progress else self.stderr,
            debug=options["traceback_items"],
        )
        WordPressImport(
            export, media_dir=media_dir, dry_run=dry_run, report=report
        ).run()
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        for line in report.lines():
            self.stdout.write(line)
