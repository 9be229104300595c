"""Resized and cropped copies of each photo, made once and listed on the Photo row.

A photo's manifest (``Photo.renditions``) names every stored file, so a page can
build ``srcset`` from the row it already loaded: no file access, no extra query.
"""

import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps, features

from media_library.decode_slot import decode_slot

logger = logging.getLogger(__name__)

# Bump when the way renditions are made changes, so `make_renditions` redoes them.
MANIFEST_VERSION = 1
RENDITION_WIDTHS = (480, 800, 1200, 1600, 2000)
# Renditions are made from a working copy no larger than this on its long edge (twice
# the widest rendition, so every crop still reaches 2000 px): a 100-megapixel upload
# costs no more memory and time here than a 16-megapixel one.
WORKING_EDGE = 2 * RENDITION_WIDTHS[-1]
CROP_RATIOS = {"16:9": (16, 9), "4:3": (4, 3), "1:1": (1, 1)}
FULL = "full"
MIME_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
SAVE_OPTIONS = {
    "avif": {"format": "AVIF", "quality": 60, "speed": 8},
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "png": {"format": "PNG", "optimize": True},
}
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Source:
    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    sources: list[Source]
    src: str
    srcset: str
    width: int | None
    height: int | None


def modern_formats() -> list[str]:
    """Formats offered to browsers that accept them, best first."""
    return ["avif", "webp"] if features.check("avif") else ["webp"]


def manifest_key(photo) -> str:
    """Changes whenever the file, the focal point or the recipe changes."""
    recipe = (
        f"{MANIFEST_VERSION}:{photo.checksum}:{photo.focal_x:.4f}:{photo.focal_y:.4f}:"
        f"{','.join(modern_formats())}"
    )
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def renditions_are_current(photo) -> bool:
    return (photo.renditions or {}).get("key") == manifest_key(photo)


def ensure_renditions(photo, *, force: bool = False) -> bool:
    """Make and record the photo's renditions unless an up-to-date set exists; True if made."""
    if not photo.pk or not photo.image:
        return False
    if not force and renditions_are_current(photo):
        return False
    previous = photo.renditions or {}
    try:
        # One heavy decode per process at a time (see decode_slot); the photo is
        # already accepted, so this waits its turn rather than giving up.
        with decode_slot(patient=True):
            manifest = build_renditions(photo)
    except (OSError, ValueError, MemoryError, Image.DecompressionBombError):
        # A file that slipped past upload validation (a script, a broken import)
        # keeps its row; pages fall back to the original until it is replaced.
        logger.exception("Could not make renditions for photo %s", photo.pk)
        return False
    type(photo)._default_manager.filter(pk=photo.pk).update(renditions=manifest)
    photo.renditions = manifest
    stale = set(stored_names(previous)) - set(stored_names(manifest))
    for name in stale:
        photo.image.storage.delete(name)
    return True


def opened_within_limit(handle) -> Image.Image:
    """Open a stored picture, refusing from its header one past PHOTO_MAX_PIXELS.

    Pillow's own process-wide check is off (MediaLibraryConfig.ready), so a file that
    never went through upload validation (an import, a hand-copied file) is caught here.
    """
    image = Image.open(handle)
    if image.width * image.height > settings.PHOTO_MAX_PIXELS:
        raise Image.DecompressionBombError(
            f"{image.width} x {image.height} pixels is past PHOTO_MAX_PIXELS"
        )
    return image


def build_renditions(photo) -> dict:
    storage = photo.image.storage
    with storage.open(photo.image.name, "rb") as handle:
        image, kept_profile = prepared_image(working_copy(opened_within_limit(handle)))
    key = manifest_key(photo)
    fallback = "png" if image.mode == "RGBA" else "jpeg"
    formats = [*modern_formats(), fallback]
    width, height = image.size
    variants = {
        FULL: write_variant(photo, key, FULL, image, None, formats, kept_profile)
    }
    for ratio, (rw, rh) in CROP_RATIOS.items():
        box = focal_crop_box(width, height, rw / rh, photo.focal_x, photo.focal_y)
        variants[ratio] = write_variant(
            photo, key, ratio, image.crop(box), (rw, rh), formats, kept_profile
        )
    return {
        "key": key,
        "width": width,
        "height": height,
        "fallback": fallback,
        "variants": variants,
    }


def working_copy(image: Image.Image) -> Image.Image:
    """The picture at most WORKING_EDGE on its long edge, shrunk as early as possible.

    A JPEG is decoded straight at 1/2, 1/4 or 1/8 of its size (`draft`); anything else
    is reduced by whole factors (cheap box averaging) right after decoding.
    """
    if image.format == "JPEG":
        image.draft(image.mode, (WORKING_EDGE, WORKING_EDGE))
    image.load()
    factor = max(image.size) // WORKING_EDGE
    if factor >= 2:
        info, fmt = image.info, image.format
        image = image.reduce(factor)
        image.info, image.format = (
            info,
            fmt,
        )  # keep the ICC profile and EXIF orientation
    if max(image.size) > WORKING_EDGE:
        image.thumbnail((WORKING_EDGE, WORKING_EDGE), Image.Resampling.LANCZOS)
    return image


def prepared_image(image: Image.Image) -> tuple[Image.Image, bytes | None]:
    """Upright, in sRGB, in RGB or RGBA; returns the ICC profile to keep if conversion failed."""
    profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert(mode)
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=mode), None
        except (ImageCms.PyCMSError, OSError, ValueError):
            # An unusable profile: keep it in the copies rather than guess colours.
            return image.convert(mode), profile if image.mode == mode else None
    return image.convert(mode), None


def focal_crop_box(
    width: int, height: int, ratio: float, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest box of the given ratio that keeps the focal point as central as the edges allow."""
    if width / height > ratio:
        crop_w, crop_h = round(height * ratio), height
    else:
        crop_w, crop_h = width, round(width / ratio)
    crop_w, crop_h = max(1, min(crop_w, width)), max(1, min(crop_h, height))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def target_widths(source_width: int) -> list[int]:
    """Standard steps below the source width, plus the source itself when it is not huge."""
    widths = [w for w in RENDITION_WIDTHS if w < source_width]
    if source_width <= RENDITION_WIDTHS[-1]:
        widths.append(source_width)
    return widths


def write_variant(
    photo,
    key: str,
    variant: str,
    image: Image.Image,
    ratio: tuple[int, int] | None,
    formats: list[str],
    kept_profile: bytes | None,
) -> dict[str, list[list]]:
    storage = photo.image.storage
    slug = variant.replace(":", "x")
    files: dict[str, list[list]] = {fmt: [] for fmt in formats}
    for width in target_widths(image.width):
        if ratio:
            height = max(1, round(width * ratio[1] / ratio[0]))
        else:
            height = max(1, round(image.height * width / image.width))
        resized = image
        if (width, height) != image.size:
            resized = image.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
        for fmt in formats:
            buffer = io.BytesIO()
            options = dict(SAVE_OPTIONS[fmt])
            if kept_profile:
                options["icc_profile"] = kept_profile
            resized.save(buffer, **options)
            name = storage.save(
                f"renditions/{photo.pk}/{key}/{slug}-{width}.{fmt}",
                ContentFile(buffer.getvalue()),
            )
            files[fmt].append([width, height, name])
    return files


def stored_names(manifest: dict) -> Iterator[str]:
    for formats in (manifest or {}).get("variants", {}).values():
        for rows in formats.values():
            for _width, _height, name in rows:
                yield name


def picture_for(photo, *, crop: str = "", max_width: int | None = None) -> Picture:
    """What a <picture> needs, from the manifest alone; the original file if there is none."""
    manifest = photo.renditions or {}
    variant = manifest.get("variants", {}).get(crop or FULL)
    if not variant:
        url = photo.image.url if photo.image else ""
        return Picture([], url, "", photo.width, photo.height)
    storage = photo.image.storage

    def rows_for(fmt: str) -> list[list]:
        rows = variant.get(fmt, [])
        if max_width:
            return [row for row in rows if row[0] <= max_width] or rows[:1]
        return rows

    def srcset(rows: list[list]) -> str:
        return ", ".join(f"{storage.url(name)} {width}w" for width, _h, name in rows)

    sources = [
        Source(MIME_TYPES[fmt], srcset(rows_for(fmt)))
        for fmt in ("avif", "webp")
        if variant.get(fmt)
    ]
    fallback_rows = rows_for(manifest["fallback"])
    width, height, name = fallback_rows[-1]
    return Picture(sources, storage.url(name), srcset(fallback_rows), width, height)


def largest_crop(photo, ratio: str) -> Rendition:
    """The biggest stored crop in the fallback format; the original if none is stored yet."""
    if ratio not in CROP_RATIOS:
        raise ValueError(
            f"Unknown crop ratio {ratio!r}; use one of {list(CROP_RATIOS)}."
        )
    manifest = photo.renditions or {}
    rows = manifest.get("variants", {}).get(ratio, {}).get(manifest.get("fallback"))
    if not rows:
        return Rendition(photo.image.url, photo.width, photo.height)
    width, height, name = rows[-1]
    return Rendition(photo.image.storage.url(name), width, height)
