"""Attachments into library photos, through the same validation as an upload in the admin.

The file comes from the folder given with --media-dir (a copy of wp-content/uploads).
When it is not there, the attachment is still recorded, with a note that says which
file is missing, so a later run with the files in place completes it.
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.html import strip_tags

from importers.body import split_credit
from importers.models import ImportedItem, ItemKind
from importers.report import Report
from importers.wxr import WxrItem
from media_library.models import Photo
from media_library.services import DuplicatePhoto, create_photo, prepare_upload

# WordPress keeps IPTC credit and copyright in PHP-serialised attachment metadata:
# …s:6:"credit";s:13:"Jane Roe/AFP";…
SERIALISED_FIELD = r's:\d+:"{name}";s:\d+:"([^"]*)";'
FILE_NAME_LIKE = re.compile(
    r"\A[\w-]+\.(?:jpe?g|png|webp|avif|gif)\Z|\AIMG[_-]?\d+\Z", re.I
)


def serialised_value(serialised: str, name: str) -> str:
    match = re.search(SERIALISED_FIELD.format(name=re.escape(name)), serialised)
    return match.group(1).strip() if match else ""


def relative_file_path(item: WxrItem) -> str:
    """Where the file sits below wp-content/uploads, e.g. "2024/01/kyiv.jpg"."""
    attached = item.meta.get("_wp_attached_file", "")
    if attached:
        return attached.lstrip("/")
    path = unquote(urlsplit(item.attachment_url).path)
    _, marker, after = path.partition("/uploads/")
    return after if marker else PurePosixPath(path).name


def find_file(media_dir: Path | None, relative: str) -> Path | None:
    if media_dir is None or not relative:
        return None
    root = media_dir.resolve()
    for candidate in (root / relative, root / PurePosixPath(relative).name):
        resolved = candidate.resolve()
        # An export must not reach outside the media folder with "../".
        if resolved.is_relative_to(root) and resolved.is_file():
            return resolved
    return None


def photo_values(item: WxrItem) -> tuple[dict, str]:
    """The library fields an attachment fills in, and its description when it has no home."""
    serialised = item.meta.get("_wp_attachment_metadata", "")
    caption, credit = split_credit(" ".join(strip_tags(item.excerpt).split()))
    description = " ".join(strip_tags(item.content).split())
    alt_text = item.meta.get("_wp_attachment_image_alt", "").strip()
    if not alt_text and item.title and not FILE_NAME_LIKE.match(item.title):
        alt_text = item.title
    values = {
        "caption": caption or description,
        "credit": (credit or serialised_value(serialised, "credit"))[:200],
        "copyright_notice": serialised_value(serialised, "copyright")[:300],
        "alt_text": alt_text[:400],
    }
    kept_elsewhere = description if caption and description != caption else ""
    return {name: value for name, value in values.items() if value}, kept_elsewhere


class PhotoImporter:
    def __init__(
        self, *, site: str, report: Report, media_dir: Path | None, dry_run: bool, user
    ):
        self.site = site
        self.report = report
        self.media_dir = media_dir
        self.dry_run = dry_run
        self.user = user

    def import_attachment(self, item: WxrItem) -> None:
        record = ImportedItem.objects.filter(
            site=self.site, kind=ItemKind.ATTACHMENT, source_id=item.post_id
        ).first()
        if record and record.photo_id and record.checksum == item.checksum:
            self.report.count("photo", "skipped", "unchanged since the last import")
            return
        values, description = photo_values(item)
        notes = [f"WordPress description: {description}"] if description else []
        relative = relative_file_path(item)
        label = f"{item.post_id} ({relative or item.title})"
        photo = record.photo if record else None
        outcome = "updated"
        if photo is not None:
            Photo.objects.filter(pk=photo.pk).update(**values)
        else:
            path = find_file(self.media_dir, relative)
            if path is None:
                notes.insert(0, f"File missing: {relative or item.attachment_url}")
                self.report.count("photo", "skipped", "file missing", label, relative)
                outcome = None
            else:
                photo, problem = self.store(path, values)
                if problem:
                    notes.insert(0, f"Refused: {problem}")
                    self.report.count(
                        "photo", "failed", "refused by upload checks", label, problem
                    )
                    outcome = None
                else:
                    outcome = "created"
        ImportedItem.objects.update_or_create(
            site=self.site,
            kind=ItemKind.ATTACHMENT,
            source_id=item.post_id,
            defaults={
                "guid": item.guid[:500],
                "source_url": item.attachment_url[:500],
                "checksum": item.checksum if photo else "",
                "photo": photo,
                "note": "\n".join(notes),
            },
        )
        if outcome:
            self.report.count("photo", outcome)

    def store(self, path: Path, values: dict) -> tuple[Photo | None, str]:
        """The photo made from the file, or the reason the upload checks gave for refusing it."""
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            try:
                if self.dry_run:
                    # Checked like an upload, but no file is written to storage: the
                    # row exists only inside the dry run's transaction, which is undone.
                    prepared = prepare_upload(upload, values)
                    placeholder = Photo(
                        image=f"dry-run/{path.name}",
                        checksum=prepared.checksum,
                        **prepared.values,
                    )
                    return Photo.objects.bulk_create([placeholder])[0], ""
                return create_photo(
                    upload=upload, uploaded_by=self.user, values=values
                ), ""
            except DuplicatePhoto as duplicate:
                return duplicate.existing, ""
            except ValidationError as error:
                return None, " ".join(error.messages)
