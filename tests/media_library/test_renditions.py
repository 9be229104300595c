import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image, ImageCms, features

from media_library.models import Photo
from media_library.renditions import focal_crop_box
from tests.factories import image_bytes, make_photo, photo_upload
from tests.media_library.helpers import stored_files

pytestmark = pytest.mark.django_db

MODERN = ["avif", "webp"] if features.check("avif") else ["webp"]


def photo_of(size, **fields) -> Photo:
    return make_photo(image=photo_upload("big.jpg", image_bytes(size=size)), **fields)


def rendition_sizes(photo, variant, fmt):
    return [(w, h) for w, h, _name in photo.renditions["variants"][variant][fmt]]


def test_renditions_exist_in_every_format_and_variant():
    """Full picture and the three crops are stored as AVIF/WebP and a JPEG fallback."""
    photo = photo_of((1000, 600))

    for variant in ["full", "16:9", "4:3", "1:1"]:
        for fmt in [*MODERN, "jpeg"]:
            for _w, _h, name in photo.renditions["variants"][variant][fmt]:
                stored = Path(photo.image.storage.path(name))
                with Image.open(stored) as image:
                    assert image.format == fmt.upper()


def test_widths_step_up_to_the_original_and_never_beyond():
    """A 1000-pixel photo gets 480, 800 and 1000 wide copies, heights kept in proportion."""
    photo = photo_of((1000, 600))

    assert rendition_sizes(photo, "full", "webp") == [
        (480, 288),
        (800, 480),
        (1000, 600),
    ]


def test_crops_have_their_exact_ratio():
    """16:9, 4:3 and 1:1 crops have those proportions at every width."""
    photo = photo_of((1000, 600))

    assert rendition_sizes(photo, "16:9", "jpeg") == [
        (480, 270),
        (800, 450),
        (1000, 562),
    ]
    assert rendition_sizes(photo, "4:3", "jpeg") == [(480, 360), (800, 600)]
    assert rendition_sizes(photo, "1:1", "jpeg") == [(480, 480), (600, 600)]


def test_stored_file_dimensions_match_the_manifest():
    """What the manifest promises (used for width/height attributes) is what is on disk."""
    photo = photo_of((1000, 600))

    for formats in photo.renditions["variants"].values():
        for rows in formats.values():
            for width, height, name in rows:
                with Image.open(photo.image.storage.path(name)) as image:
                    assert image.size == (width, height)


def test_very_large_photo_stops_at_the_largest_standard_width():
    """Copies stop at 2000 pixels; the original is not served at full size."""
    photo = photo_of((2600, 1400))

    assert [w for w, _h in rendition_sizes(photo, "full", "jpeg")] == [
        480,
        800,
        1200,
        1600,
        2000,
    ]


def test_crop_returns_the_largest_fallback_crop():
    """photo.crop() gives URL and size of the biggest JPEG crop for structured data."""
    photo = photo_of((1000, 600))

    crop = photo.crop("16:9")

    assert (crop.width, crop.height) == (1000, 562)
    assert crop.url.endswith("/16x9-1000.jpeg")


def test_crop_refuses_an_unknown_ratio():
    """Only the three stored ratios exist."""
    photo = photo_of((100, 60))

    with pytest.raises(ValueError, match="3:2"):
        photo.crop("3:2")


def test_focal_point_decides_what_the_crop_keeps():
    """A focal point at the far right moves a square crop to the right edge."""
    assert focal_crop_box(1000, 600, 1.0, 0.95, 0.5) == (400, 0, 1000, 600)
    assert focal_crop_box(1000, 600, 1.0, 0.5, 0.5) == (200, 0, 800, 600)
    assert focal_crop_box(1000, 600, 16 / 9, 0.5, 0.0) == (0, 0, 1000, 562)


def test_changing_the_focal_point_remakes_the_crops_and_drops_the_old_files():
    """New crops are made under a new name; the superseded files are deleted."""
    photo = photo_of((1000, 600))
    old = set(stored_files_of(photo))

    photo.focal_x = 0.9
    photo.save()

    new = set(stored_files_of(photo))
    assert new and not (old & new)
    assert all(not Path(photo.image.storage.path(name)).exists() for name in old)


def test_saving_without_changes_keeps_the_renditions():
    """Renditions are made once: a plain save reuses them."""
    photo = photo_of((300, 200))
    before = photo.renditions

    photo.caption = "New caption."
    photo.save()

    assert Photo.objects.get(pk=photo.pk).renditions == before


def test_exif_orientation_is_applied():
    """A portrait shot stored sideways with EXIF orientation 6 comes out upright."""
    image = Image.new("RGB", (600, 400), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    photo = make_photo(image=photo_upload("sideways.jpg", buffer.getvalue()))

    assert (photo.renditions["width"], photo.renditions["height"]) == (400, 600)
    assert rendition_sizes(photo, "full", "jpeg")[-1] == (400, 600)


def first_jpeg_copy(photo) -> Image.Image:
    name = photo.renditions["variants"]["full"]["jpeg"][-1][2]
    return Image.open(photo.image.storage.path(name))


def test_photo_with_a_profile_is_converted_to_plain_srgb():
    """The embedded profile is applied to the pixels and not repeated in the copies."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (10, 200, 10)).save(
        buffer, format="JPEG", icc_profile=srgb
    )
    photo = make_photo(image=photo_upload("tagged.jpg", buffer.getvalue()))

    with first_jpeg_copy(photo) as copy:
        assert copy.mode == "RGB"
        assert "icc_profile" not in copy.info
        red, green, blue = copy.getpixel((100, 50))
        assert green > 180 and red < 40 and blue < 40


def test_cmyk_photo_becomes_rgb():
    """Browsers show CMYK JPEGs badly; the copies are RGB."""
    buffer = io.BytesIO()
    Image.new("CMYK", (200, 100), (0, 255, 255, 0)).save(buffer, format="JPEG")
    photo = make_photo(image=photo_upload("print.jpg", buffer.getvalue()))

    with first_jpeg_copy(photo) as copy:
        assert copy.mode == "RGB"


def test_profile_that_cannot_be_converted_is_kept_in_the_copies():
    """Rather than guess colours, copies carry the original profile along."""
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (10, 200, 10)).save(
        buffer, format="JPEG", icc_profile=lab
    )
    photo = make_photo(image=photo_upload("odd.jpg", buffer.getvalue()))

    with first_jpeg_copy(photo) as copy:
        assert copy.info["icc_profile"] == lab


def test_transparent_png_falls_back_to_png():
    """A picture with transparency keeps it: the fallback format is PNG, not JPEG."""
    buffer = io.BytesIO()
    Image.new("RGBA", (120, 80), (0, 0, 0, 0)).save(buffer, format="PNG")
    photo = make_photo(image=photo_upload("logo.png", buffer.getvalue()))

    assert photo.renditions["fallback"] == "png"
    assert photo.crop("1:1").url.endswith(".png")


def test_make_renditions_backfills_photos_without_them(settings):
    """The command makes renditions for photos whose manifest is missing or stale."""
    photo = photo_of((300, 200))
    Photo.objects.filter(pk=photo.pk).update(renditions={})

    call_command("make_renditions", stdout=io.StringIO())

    photo.refresh_from_db()
    assert photo.renditions["variants"]["1:1"]["jpeg"]


def test_make_renditions_dry_run_changes_nothing():
    """--dry-run only counts."""
    photo = photo_of((300, 200))
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    out = io.StringIO()

    call_command("make_renditions", "--dry-run", stdout=out)

    photo.refresh_from_db()
    assert photo.renditions == {}
    assert "1 photo(s) would get renditions" in out.getvalue()


def test_deleting_a_photo_removes_its_files(
    settings, django_capture_on_commit_callbacks
):
    """Original and renditions leave storage with the photo."""
    photo = photo_of((300, 200))
    assert stored_files(settings)

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()

    assert stored_files(settings) == []


def stored_files_of(photo):
    for formats in photo.renditions["variants"].values():
        for rows in formats.values():
            for _w, _h, name in rows:
                yield name
