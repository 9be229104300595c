"""One upload cannot stop the site, and nothing but the picture itself is ever stored."""

import hashlib
import io

import pytest
from django.urls import reverse
from PIL import Image, ImageFile
from pytest_django.asserts import assertContains

from media_library import renditions
from media_library.models import Photo
from media_library.services import create_photo
from tests.factories import image_bytes, photo_upload
from tests.media_library.helpers import (
    commented_jpeg,
    noisy_image_bytes,
    single_colour_png,
    stored_files,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:media_library_photo_upload")
HTML_PAGE = (
    b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
)


@pytest.fixture(scope="module")
def hundred_megapixel_png():
    """10,000 x 10,000 pixels of one colour: a few hundred kilobytes on disk."""
    return single_colour_png(10_000, 10_000)


def test_the_100_megapixel_png_is_refused_from_its_header_with_a_message(
    editor_client, settings, monkeypatch, hundred_megapixel_png
):
    """The upload answers with a reason, no pixel is decoded, no row or file stays."""

    def no_decoding(self):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)

    response = editor_client.post(
        UPLOAD_URL, {"files": [photo_upload("flat.png", hundred_megapixel_png)]}
    )

    assertContains(response, "is a PNG of 100 megapixels")
    assertContains(response, "Save it as a JPEG")
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_large_jpegs_are_decoded_at_a_reduced_scale(monkeypatch, settings):
    """Renditions come from a working copy no larger than WORKING_EDGE, decoded small."""
    monkeypatch.setattr(renditions, "WORKING_EDGE", 400)
    upload = photo_upload("wide.jpg", noisy_image_bytes(size=(1800, 900)))

    photo = create_photo(upload=upload, values={"alt_text": "Noise"})

    assert (photo.width, photo.height) == (1800, 900)
    assert max(photo.renditions["width"], photo.renditions["height"]) <= 400


def test_large_pngs_are_reduced_before_renditions_are_made(monkeypatch):
    """A PNG is shrunk by whole factors right after decoding."""
    monkeypatch.setattr(renditions, "WORKING_EDGE", 300)
    upload = photo_upload("wide.png", image_bytes(size=(1300, 700), format="PNG"))

    photo = create_photo(upload=upload, values={"alt_text": "Flat"})

    assert max(photo.renditions["width"], photo.renditions["height"]) <= 300


def test_a_failure_while_making_renditions_leaves_no_file(settings, monkeypatch):
    """Even a worker being stopped mid-way (SystemExit) leaves no row and no file."""
    real_write = renditions.write_variant
    calls = []

    def write_then_stop(*args, **kwargs):
        calls.append(real_write(*args, **kwargs))
        raise SystemExit("worker timeout")

    monkeypatch.setattr(renditions, "write_variant", write_then_stop)

    with pytest.raises(SystemExit):
        create_photo(upload=photo_upload("a.jpg"), values={"alt_text": "A"})

    assert calls, "a rendition was written before the failure"
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_running_out_of_memory_while_decoding_is_answered(editor_client, monkeypatch):
    """A MemoryError while reading the file becomes a message, not a crash."""

    def exhausted(self):
        raise MemoryError

    monkeypatch.setattr(ImageFile.ImageFile, "load", exhausted)

    response = editor_client.post(UPLOAD_URL, {"files": [photo_upload("a.jpg")]})

    assertContains(response, "needs more memory to read than the server can spare")
    assert Photo.objects.count() == 0


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_data_after_the_end_of_the_picture_is_not_stored(settings, fmt):
    """An HTML page appended after the image's end is cut off before storing."""
    picture = image_bytes(format=fmt, color=(10, 20, 30 + len(fmt)))
    name = {"JPEG": "a.jpg", "PNG": "a.png", "WEBP": "a.webp"}[fmt]

    photo = create_photo(
        upload=photo_upload(name, picture + HTML_PAGE), values={"alt_text": "A"}
    )

    with photo.image.open("rb") as stored:
        content = stored.read()
    assert content == picture
    assert photo.checksum == hashlib.sha256(picture).hexdigest()
    assert not any(HTML_PAGE in path.read_bytes() for path in stored_files(settings))


def test_a_progressive_jpeg_keeps_every_scan():
    """Cutting at the end of the picture keeps a multi-scan JPEG whole and decodable."""
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(
        buffer, format="JPEG", progressive=True
    )
    picture = buffer.getvalue()

    photo = create_photo(
        upload=photo_upload("p.jpg", picture + HTML_PAGE), values={"alt_text": "P"}
    )

    with photo.image.open("rb") as stored:
        assert stored.read() == picture


def test_a_jpeg_whose_caption_mentions_svg_is_accepted():
    """A real JPEG is judged by what it is, not by "<svg" in its metadata."""
    caption = b'Protesters hold a sign reading <svg xmlns="http://www.w3.org/2000/svg">'
    upload = photo_upload("sign.jpg", commented_jpeg(caption))

    photo = create_photo(upload=upload, values={"alt_text": "A protest sign"})

    assert photo.pk and photo.image.name.endswith(".jpg")
