"""Is this upload a photo we accept? Every way in (single, multiple, admin) asks here.

The cost of one upload is bounded before any pixel is decoded: the header's pixel
count is checked first (PHOTO_MAX_PIXELS). JPEG decodes at a reduced scale (Pillow's
`draft`, the DCT scaling built into the format), so even a 100-megapixel JPEG costs a
few tens of megabytes. PNG, WebP and AVIF have no reduced decode: every pixel is held
in memory at once (4 bytes each), so they are limited to PHOTO_MAX_DECODED_PIXELS.
What is judged is what Pillow says the file *is*; bytes after the picture's end are
cut off (media_library.image_end) and never stored.
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError, features

from media_library.checksums import upload_checksum
from media_library.decode_slot import DecodeBusy, decode_slot
from media_library.image_end import without_trailing_data
from media_library.metadata import PhotoMetadata, read_metadata
from media_library.renditions import WORKING_EDGE

# Pillow format name -> the file extensions that honestly describe it.
EXTENSIONS = {
    "JPEG": {".jpg", ".jpeg", ".jpe"},
    "PNG": {".png"},
    "WEBP": {".webp"},
    "AVIF": {".avif"},
}
# The extension an error message suggests for each format.
PREFERRED_EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "AVIF": ".avif"}
# Formats Pillow can decode at a fraction of their size.
REDUCED_DECODE_FORMATS = {"JPEG"}
# Markup that has no business at the start of (or anywhere in) a photo.
# No image format starts with "<"; inside binary data only long, specific tags are
# looked for, so that compressed pixels cannot match by chance.
MARKUP_AT_START = re.compile(rb"^\s*<")
MARKUP_INSIDE = re.compile(rb"<(?:script|iframe)[\s>/]|<html[\s>]", re.I)


@dataclass
class CheckedImage:
    """What validation learnt about a file, so that nothing has to open it twice."""

    format: str
    width: int
    height: int
    checksum: str
    metadata: PhotoMetadata
    content: bytes  # the file as it is stored: nothing after the picture's end


def allowed_formats() -> list[str]:
    formats = ["JPEG", "PNG", "WEBP"]
    if features.check("avif"):
        formats.append("AVIF")
    return formats


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def validate_photo_file(upload) -> CheckedImage:
    """Raise ValidationError saying what is wrong, or describe the accepted file."""
    name = PurePath(getattr(upload, "name", "") or "").name
    size = upload.size
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    if not size:
        raise ValidationError(
            _("“%(name)s” is empty (0 bytes)."), code="empty", params={"name": name}
        )
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest photo accepted is %(limit)s."),
            code="too_large",
            params={"name": name, "size": human_size(size), "limit": human_size(limit)},
        )
    data = read_all(upload)
    image = open_image(name, upload, data)
    fmt = image.format
    if fmt not in allowed_formats():
        raise ValidationError(
            _("“%(name)s” is a %(format)s file; upload a %(allowed)s photo."),
            code="format",
            params={"name": name, "format": fmt, "allowed": allowed_list()},
        )
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS[fmt]:
        raise ValidationError(
            _(
                "“%(name)s” is named like a %(claimed)s file but contains a %(format)s "
                "image; give it the right extension (%(right)s) and upload it again."
            ),
            code="extension",
            params={
                "name": name,
                "claimed": extension.lstrip(".").upper() or _("extension-less"),
                "format": fmt,
                "right": PREFERRED_EXTENSION[fmt],
            },
        )
    data = without_trailing_data(data, fmt)
    refuse_markup(name, data)
    width, height = image.size
    check_pixel_count(name, fmt, width * height)
    metadata = read_metadata(image)
    decode_fully(name, upload, fmt)
    checksum = upload_checksum(data)
    return CheckedImage(fmt, width, height, checksum, metadata, data)


def check_pixel_count(name: str, fmt: str, pixels: int) -> None:
    """Refuse, from the header alone, a picture too costly to decode on this machine."""
    limit = settings.PHOTO_MAX_PIXELS
    if fmt not in REDUCED_DECODE_FORMATS:
        limit = min(limit, settings.PHOTO_MAX_DECODED_PIXELS)
    if pixels > limit:
        error = too_many_pixels(name, pixels, limit)
        if fmt not in REDUCED_DECODE_FORMATS and pixels <= settings.PHOTO_MAX_PIXELS:
            error = ValidationError(
                _(
                    "“%(name)s” is a %(format)s of %(pixels)s megapixels; a %(format)s "
                    "must be decoded whole, so the limit is %(limit)s megapixels. Save "
                    "it as a JPEG (up to %(jpeg)s megapixels) or make it smaller."
                ),
                code="too_many_pixels",
                params={
                    "name": name,
                    "format": fmt,
                    "pixels": f"{pixels / 1_000_000:,.0f}",
                    "limit": f"{limit / 1_000_000:,.0f}",
                    "jpeg": f"{settings.PHOTO_MAX_PIXELS / 1_000_000:,.0f}",
                },
            )
        raise error


def allowed_list() -> str:
    return ", ".join(allowed_formats()[:-1]) + _(" or ") + allowed_formats()[-1]


def read_all(upload) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    return data


def is_svg(data: bytes) -> bool:
    """Asked only of files Pillow cannot read: a photo's metadata may mention "<svg"."""
    return re.search(rb"<svg[\s>]", data[:4096], re.I) is not None


def refusal(name: str, message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code, params={"name": name})


def refuse_svg(name: str) -> ValidationError:
    message = _(
        "“%(name)s” is an SVG drawing, not a photo; SVG is not accepted "
        "because it can carry scripts."
    )
    return refusal(name, message, "svg")


def refuse_markup(name: str, data: bytes) -> None:
    head = data[:512].lstrip(b"\xef\xbb\xbf")
    if MARKUP_AT_START.match(head) or MARKUP_INSIDE.search(data):
        raise ValidationError(
            _(
                "“%(name)s” contains HTML or script, not just picture data; it is "
                "refused for the readers' safety."
            ),
            code="markup",
            params={"name": name},
        )


def too_many_pixels(name: str, pixels: int, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” has %(pixels)s megapixels; the limit is %(limit)s megapixels "
            "(very large pixel counts are how decompression bombs exhaust a server)."
        ),
        code="too_many_pixels",
        params={
            "name": name,
            "pixels": f"{pixels / 1_000_000:,.0f}",
            "limit": f"{limit / 1_000_000:,.0f}",
        },
    )


def not_an_image(name: str) -> ValidationError:
    message = _(
        "“%(name)s” is not a picture that can be read: it is damaged, or it is "
        "another kind of file with a picture's name."
    )
    return refusal(name, message, "not_an_image")


def open_image(name: str, upload, data: bytes) -> Image.Image:
    """Read the header only; the pixel count is checked by the caller before any decoding.

    Pillow's process-wide bomb limit is off (MediaLibraryConfig.ready) and never changed
    per request, since threads share it: check_pixel_count is the limit.
    """
    upload.seek(0)
    try:
        return Image.open(upload)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if is_svg(data):
            raise refuse_svg(name) from error
        refuse_markup(name, data)  # an HTML page named like a photo says so
        raise not_an_image(name) from error


def decode_fully(name: str, upload, fmt: str) -> None:
    """Decode all the picture data: truncated and corrupt files only fail here.

    A JPEG is decoded at a reduced scale (every scan is still read), anything else whole.
    The caller has already checked the header's pixel count; one decode at a time runs
    in a process (media_library.decode_slot), and a waiting upload is told to retry.
    """
    upload.seek(0)
    try:
        with decode_slot(), Image.open(upload) as image:
            if fmt in REDUCED_DECODE_FORMATS:
                image.draft(image.mode, (WORKING_EDGE, WORKING_EDGE))
            image.load()
    except DecodeBusy as error:
        raise ValidationError(
            _(
                "“%(name)s” was not checked: the server is busy with other large "
                "pictures. Try again in a minute."
            ),
            code="busy",
            params={"name": name},
        ) from error
    except MemoryError as error:
        raise ValidationError(
            _("“%(name)s” needs more memory to read than the server can spare."),
            code="memory",
            params={"name": name},
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            _(
                "“%(name)s” is truncated or damaged: its picture data ends early or "
                "is corrupt. Export or download it again."
            ),
            code="truncated",
            params={"name": name},
        ) from error
    finally:
        upload.seek(0)
