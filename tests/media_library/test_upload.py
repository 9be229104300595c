import io

import pytest
from django.urls import reverse
from PIL import Image, features
from pytest_django.asserts import assertContains, assertRedirects

from media_library import services
from media_library.models import Photo
from media_library.services import DuplicatePhoto, create_photo
from tests.factories import image_bytes, make_user, photo_upload
from tests.media_library.helpers import (
    commented_jpeg,
    described_jpeg,
    noisy_image_bytes,
    png_bomb,
    stored_files,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:media_library_photo_upload")
ADD_URL = reverse("admin:media_library_photo_add")


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


BAD_FILES = {
    "zero_bytes": ("empty.jpg", lambda: b"", "is empty (0 bytes)"),
    "decompression_bomb": ("bomb.png", png_bomb, "900 megapixels; the limit is 40"),
    "truncated": (
        "cut.jpg",
        lambda: noisy_image_bytes()[:3000],
        "is truncated or damaged",
    ),
    "svg": (
        "drawing.svg",
        lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "is an SVG drawing, not a photo",
    ),
    "svg_named_jpeg": (
        "drawing.jpg",
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        ),
        "is an SVG drawing, not a photo",
    ),
    "html_named_jpeg": (
        "page.jpg",
        lambda: b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        "contains HTML or script",
    ),
    "script_inside_jpeg": (
        "hidden.jpg",
        lambda: commented_jpeg(b"<script>alert(document.cookie)</script>"),
        "contains HTML or script",
    ),
    "png_named_jpeg": (
        "lying.jpg",
        lambda: image_bytes(format="PNG"),
        "is named like a JPG file but contains a PNG image",
    ),
    "jpeg_without_extension": (
        "noextension",
        image_bytes,
        "contains a JPEG image; give it the right extension (.jpg)",
    ),
    "gif": ("animation.gif", gif_bytes, "is a GIF file; upload a JPEG, PNG, WEBP"),
    "text": (
        "notes.png",
        lambda: b"just some text",
        "is not a picture that can be read",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_is_refused_with_its_reason_and_leaves_nothing(
    editor_client, settings, case
):
    """Each bad file is named with what is wrong; no photo row and no stored file remain."""
    name, content, message = case
    response = editor_client.post(
        UPLOAD_URL, {"files": [photo_upload(name, content())]}
    )

    assertContains(response, message)
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_file_over_the_byte_limit_is_refused(editor_client, settings):
    """A file bigger than PHOTO_MAX_UPLOAD_BYTES is refused, stating both sizes."""
    settings.PHOTO_MAX_UPLOAD_BYTES = 1024 * 1024
    content = noisy_image_bytes(size=(1600, 1200), format="PNG")

    response = editor_client.post(
        UPLOAD_URL, {"files": [photo_upload("big.png", content)]}
    )

    assertContains(response, "the largest photo accepted is 1.0 MB")
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_picture_over_the_pixel_limit_is_refused(editor_client, settings):
    """PHOTO_MAX_PIXELS caps the pixel count, whatever Pillow's own default."""
    settings.PHOTO_MAX_PIXELS = 2_000_000
    content = image_bytes(size=(2000, 1500))

    response = editor_client.post(
        UPLOAD_URL, {"files": [photo_upload("wide.jpg", content)]}
    )

    assertContains(response, "has 3 megapixels; the limit is 2 megapixels")
    assert Photo.objects.count() == 0


def test_single_add_form_refuses_a_disguised_file_and_stores_nothing(
    editor_client, settings
):
    """The one-photo form applies the same checks and messages as the multiple upload."""
    fake = photo_upload("portrait.jpg", b"<html><script>alert(1)</script></html>")

    response = editor_client.post(
        ADD_URL,
        {"image": fake, "alt_text": "A portrait", "focal_x": 0.5, "focal_y": 0.5},
    )

    assertContains(response, "contains HTML or script")
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_multiple_upload_creates_one_photo_per_file_and_lists_them(editor_client):
    """Three files make three photos, and the editor lands on a list of exactly those."""
    files = [
        photo_upload(f"wire-{n}.jpg", described_jpeg(color=(n * 60, 20, 20)))
        for n in range(3)
    ]
    response = editor_client.post(UPLOAD_URL, {"files": files})

    created = list(Photo.objects.order_by("pk"))
    assert len(created) == 3
    ids = ",".join(str(photo.pk) for photo in created)
    changelist = reverse("admin:media_library_photo_changelist")
    assertRedirects(response, f"{changelist}?id__in={ids}")


def test_review_list_shows_the_uploaded_photos_with_thumbnails(editor_client):
    """The review list carries each new photo's thumbnail and the upload summary."""
    files = [
        photo_upload("a.jpg", described_jpeg(color=(1, 2, 3))),
        photo_upload("b.jpg", described_jpeg(color=(3, 2, 1))),
    ]

    response = editor_client.post(UPLOAD_URL, {"files": files}, follow=True)

    assertContains(response, "2 photos uploaded")
    assertContains(response, 'width="96"', count=2)


def test_a_bad_file_in_a_batch_does_not_stop_the_good_ones(editor_client, settings):
    """Good files are kept; the bad one is reported by name on the review list."""
    files = [photo_upload("good.jpg", described_jpeg()), photo_upload("bad.jpg", b"")]

    response = editor_client.post(UPLOAD_URL, {"files": files}, follow=True)

    assert Photo.objects.count() == 1
    assertContains(response, "“bad.jpg” is empty (0 bytes).")
    assert all("bad" not in path.name for path in stored_files(settings))


def test_multiple_upload_keeps_a_photo_without_alt_text_and_says_it_needs_one(
    editor_client,
):
    """A file with no description is stored, flagged, and the message asks for alt text."""
    response = editor_client.post(
        UPLOAD_URL, {"files": [photo_upload("bare.jpg")]}, follow=True
    )

    photo = Photo.objects.get()
    assert photo.alt_text == ""
    assert photo.needs_alt_text
    assertContains(
        response, "1 has no alt text yet: describe it before it is published."
    )


def test_single_add_form_asks_for_alt_text_the_file_does_not_carry(editor_client):
    """Whoever adds one photo by hand describes it: no file alt text, no typed one, refused."""
    response = editor_client.post(ADD_URL, {"image": photo_upload("plain.jpg")})

    assertContains(response, "Describe what the picture shows")
    assert Photo.objects.count() == 0


def test_staff_without_add_permission_cannot_upload(client):
    """The upload page is refused to staff who may not add photos."""
    client.force_login(make_user(is_staff=True))
    response = client.post(
        UPLOAD_URL, {"files": [photo_upload("x.jpg", described_jpeg())]}
    )

    assert response.status_code == 403
    assert Photo.objects.count() == 0


def test_single_add_form_stores_a_photo_with_typed_alt_text(editor_client, editor):
    """A file without metadata is accepted once the editor has described it."""
    response = editor_client.post(
        ADD_URL,
        {"image": photo_upload("plain.jpg"), "alt_text": "An empty conference room"},
    )

    photo = Photo.objects.get()
    assert response.status_code == 302
    assert photo.alt_text == "An empty conference room"
    assert photo.uploaded_by == editor
    assert photo.checksum and photo.renditions["variants"]


def test_upload_and_add_pages_render(editor_client):
    """Both upload pages open for an editor."""
    assertContains(
        editor_client.get(UPLOAD_URL),
        'name="files" accept="image/jpeg,image/png,image/webp,image/avif" multiple',
    )
    assertContains(editor_client.get(ADD_URL), 'name="image"')


def test_a_duplicate_arriving_during_the_upload_is_reported_not_crashed(
    monkeypatch, settings
):
    """If the same file lands between the check and the save, it is named as a duplicate."""
    content = described_jpeg()
    existing = create_photo(upload=photo_upload("first.jpg", content))
    files_before = stored_files(settings)
    real_lookup = services.find_duplicate
    lookups = []

    def miss_the_first_time(checksum):
        lookups.append(checksum)
        return None if len(lookups) == 1 else real_lookup(checksum)

    monkeypatch.setattr(services, "find_duplicate", miss_the_first_time)

    with pytest.raises(DuplicatePhoto):
        create_photo(upload=photo_upload("second.jpg", content))

    assert list(Photo.objects.all()) == [existing]
    assert stored_files(settings) == files_before


ACCEPTED = {"JPEG": "a.jpg", "PNG": "a.png", "WEBP": "a.webp"}
if features.check("avif"):
    ACCEPTED["AVIF"] = "a.avif"


@pytest.mark.parametrize(("format", "name"), ACCEPTED.items(), ids=ACCEPTED.keys())
def test_each_allowed_format_is_accepted(format, name):
    """JPEG, PNG, WebP and (where Pillow has it) AVIF photos enter the library."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 100, 50)).save(buffer, format=format)

    photo = create_photo(
        upload=photo_upload(name, buffer.getvalue()), values={"alt_text": "A test card"}
    )

    assert (photo.width, photo.height) == (120, 80)
    assert photo.renditions["variants"]["16:9"]["webp"]
