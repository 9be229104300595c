"""Putting uploaded files into the library: one path for the single and the multiple upload."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from media_library.metadata import PhotoMetadata
from media_library.models import Photo
from media_library.renditions import stored_names
from media_library.validation import validate_photo_file

PREFILLED_FIELDS = [
    "caption",
    "credit",
    "photographer",
    "source",
    "copyright_notice",
    "alt_text",
    "taken_at",
    "keywords",
]


class DuplicatePhoto(ValidationError):
    """The very same file is in the library already; `existing` is that photo."""

    def __init__(self, name: str, existing: Photo):
        self.existing = existing
        super().__init__(
            _("“%(name)s” is already in the library as “%(photo)s”."),
            code="duplicate",
            params={"name": name, "photo": existing},
        )


def find_duplicate(checksum: str) -> Photo | None:
    return Photo.objects.filter(checksum=checksum).first()


def prefill(values: dict, metadata: PhotoMetadata) -> dict:
    """Fill only the fields the editor left empty; what they typed always stays.

    The alt text comes only from the file's own alt-text field, never from its caption:
    a wire caption names who and where, not what a reader who cannot see the picture
    would miss. A photo left without one is flagged (`Photo.needs_alt_text`).
    """
    filled = dict(values)
    for name in PREFILLED_FIELDS:
        if filled.get(name):
            continue
        found = getattr(metadata, name)
        if isinstance(found, str):
            max_length = Photo._meta.get_field(name).max_length
            found = found[:max_length] if max_length else found
        if found:
            filled[name] = found
    return filled


@dataclass
class PreparedUpload:
    checksum: str
    values: dict
    file: ContentFile  # what is stored: the picture without anything appended to it


def prepare_upload(upload, values: dict | None = None) -> PreparedUpload:
    """Validate the file, refuse duplicates and prefill values; raises ValidationError."""
    checked = validate_photo_file(upload)
    existing = find_duplicate(checked.checksum)
    if existing:
        raise DuplicatePhoto(upload.name, existing)
    filled = prefill(values or {}, checked.metadata)
    return PreparedUpload(
        checked.checksum, filled, ContentFile(checked.content, name=upload.name)
    )


def create_photo(*, upload, uploaded_by=None, values: dict | None = None) -> Photo:
    """Store one uploaded file as a library photo with its renditions; raises ValidationError.

    Nothing is left behind when it fails: no row and no file in storage, even when
    the worker is being stopped (gunicorn's timeout raises SystemExit, hence
    BaseException below).
    """
    prepared = prepare_upload(upload, values)
    photo = Photo(
        image=prepared.file,
        checksum=prepared.checksum,
        uploaded_by=uploaded_by,
        **prepared.values,
    )
    try:
        with transaction.atomic():
            photo.save()
    except IntegrityError:
        discard_files(photo)
        # The same file arrived twice at once and the other upload won the race.
        existing = find_duplicate(prepared.checksum)
        if existing:
            raise DuplicatePhoto(upload.name, existing) from None
        raise
    except BaseException:
        discard_files(photo)
        raise
    return photo


def discard_files(photo: Photo) -> None:
    """Remove the original and every rendition of a photo from storage."""
    # An uncommitted file was never written; its name may belong to someone else.
    if not photo.image or not getattr(photo.image, "_committed", False):
        return
    storage = photo.image.storage
    for name in [photo.image.name, *stored_names(photo.renditions)]:
        if storage.exists(name):
            storage.delete(name)
    if photo.pk:
        # Renditions written before a failure are not in the manifest yet.
        for name in rendition_files(storage, f"renditions/{photo.pk}"):
            storage.delete(name)


def rendition_files(storage, folder: str) -> list[str]:
    if not storage.exists(folder):
        return []
    folders, files = storage.listdir(folder)
    found = [f"{folder}/{name}" for name in files]
    for sub in folders:
        found += rendition_files(storage, f"{folder}/{sub}")
    return found
