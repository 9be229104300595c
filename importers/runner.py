"""One WordPress import: two streamed passes over the export, one item at a time.

Posts usually come before the attachments they show (WordPress numbers an upload after
the draft it was uploaded into), so the first pass brings in authors, categories, tags
and attachments, and the second the posts, which then find every photo they use.
Items are committed in batches, not one by one. In the first pass each item is written
in its own savepoint: a bad item is rolled back, named in the report, and the import goes
on. New posts are written a batch at a time (see post_batch), with the same isolation:
a post that cannot be built is named and left out, and a batch the database refuses is
written again one post at a time.
"""

import traceback
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from articles.roles import EDITOR
from importers.directory import Directory
from importers.photos import PhotoImporter
from importers.post_batch import PostBatch
from importers.posts import PostImporter
from importers.report import Report
from importers.wxr import Channel, WxrAuthor, WxrItem, WxrTerm, read_wxr

BATCH = 200
IMPORT_USERNAME = "wordpress-import"


class DryRunDone(Exception):
    """Raised at the end of a dry run so that its one transaction is rolled back."""


def import_user():
    """The account the imported articles are created and published by.

    An Editor, because publishing goes through the workflow's permission checks; it has
    no usable password, so nobody can sign in as it.
    """
    user, created = get_user_model().objects.get_or_create(username=IMPORT_USERNAME)
    if created:
        user.first_name = "WordPress import"
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


class WordPressImport:
    def __init__(
        self, path: Path, *, media_dir: Path | None, dry_run: bool, report: Report
    ):
        self.path = path
        self.media_dir = media_dir
        self.dry_run = dry_run
        self.report = report

    def run(self) -> Report:
        if self.dry_run:
            try:
                with transaction.atomic():
                    self.both_passes()
                    raise DryRunDone
            except DryRunDone:
                pass
        else:
            self.both_passes()
        return self.report

    def both_passes(self) -> None:
        channel = Channel()
        user = import_user()
        setup = {}
        for phase, wanted in (("terms and photos", "first"), ("posts", "second")):
            try:
                self.stream(phase, wanted, channel, user, setup)
            except (ParseError, DefusedXmlException) as error:
                self.report.count(
                    "export",
                    "failed",
                    "the file is not a readable export",
                    str(self.path),
                    str(error),
                )
                return

    def stream(
        self, phase: str, wanted: str, channel: Channel, user, setup: dict
    ) -> None:
        pending = []
        try:
            for entry in read_wxr(self.path, channel):
                pending.append(entry)
                if len(pending) >= BATCH:
                    self.write_batch(pending, phase, wanted, channel, user, setup)
                    pending = []
        finally:
            # What was read before a broken part of the file still goes in.
            self.write_batch(pending, phase, wanted, channel, user, setup)
        if wanted == "first" and "directory" in setup:
            with transaction.atomic():
                setup["directory"].link_parents()

    def importers_for(self, channel: Channel, user, setup: dict):
        """Made once the export has named its site, which keys every imported item."""
        if "directory" not in setup:
            site = channel.site or f"file:{self.path.name}"
            directory = Directory(site=site, report=self.report)
            setup["directory"] = directory
            setup["photos"] = PhotoImporter(
                site=site, report=self.report, media_dir=self.media_dir,
                dry_run=self.dry_run, user=user,
            )  # fmt: skip
            setup["posts"] = PostBatch(
                PostImporter(
                    site=site, report=self.report, directory=directory, user=user
                )
            )
        return setup["directory"], setup["photos"], setup["posts"]

    def write_batch(self, entries: list, phase, wanted, channel, user, setup) -> None:
        if not entries:
            return
        directory, photos, posts = self.importers_for(channel, user, setup)
        with transaction.atomic():
            if wanted == "second":
                for _ in entries:
                    self.report.tick(phase)
                items = [
                    entry
                    for entry in entries
                    if isinstance(entry, WxrItem) and entry.post_type != "attachment"
                ]
                posts.import_posts(items, self.isolated, self.failed)
                return
            for entry in entries:
                self.report.tick(phase)
                if isinstance(entry, WxrItem) and entry.post_type != "attachment":
                    continue  # a post: the second pass's
                self.isolated(
                    entry,
                    lambda entry=entry: self.write_one(entry, directory, photos),
                )

    def isolated(self, entry, action) -> None:
        """Run `action` in a savepoint of its own; if it fails, roll it back and say so."""
        try:
            with transaction.atomic():
                action()
        except Exception as error:  # one bad item must not stop the import
            self.failed(entry, error)

    def failed(self, entry, error: Exception) -> None:
        self.report.count(
            kind_of(entry), "failed", "could not be imported", label_of(entry),
            f"{type(error).__name__}: {error}".strip()[:300],
        )  # fmt: skip
        if self.report.debug:
            traceback.print_exception(error)

    def write_one(self, entry, directory, photos) -> None:
        if isinstance(entry, WxrAuthor):
            directory.add_author(entry)
        elif isinstance(entry, WxrTerm) and entry.taxonomy == "category":
            directory.add_category(entry)
        elif isinstance(entry, WxrTerm) and entry.taxonomy == "post_tag":
            directory.tag(entry.name)
        elif isinstance(entry, WxrTerm) and entry.taxonomy == "author":
            directory.add_coauthor_term(entry)
        elif isinstance(entry, WxrItem) and entry.post_type == "attachment":
            photos.import_attachment(entry)


def kind_of(entry) -> str:
    if isinstance(entry, WxrAuthor):
        return "author"
    if isinstance(entry, WxrTerm):
        return "section" if entry.taxonomy == "category" else entry.taxonomy
    return "photo" if entry.post_type == "attachment" else "post"


def label_of(entry) -> str:
    if isinstance(entry, WxrAuthor):
        return entry.login
    if isinstance(entry, WxrTerm):
        return entry.slug or entry.name
    return f"{entry.post_id} “{entry.title[:60]}”"
