"""Upload checks are safe under gunicorn threads: no shared setting is flipped per
request, and at most one heavy decode runs at a time on the machine."""

import threading
import time

import pytest
from django.urls import reverse
from PIL import Image, ImageFile
from pytest_django.asserts import assertContains

from media_library import decode_slot
from media_library.models import Photo
from media_library.renditions import opened_within_limit
from media_library.services import create_photo
from media_library.validation import validate_photo_file
from tests.factories import photo_upload
from tests.media_library.helpers import noisy_image_bytes, stored_files

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_photo_add")


def add_form(name: str) -> dict:
    upload = photo_upload(name, noisy_image_bytes(size=(320, 240)))
    return {"image": upload, "alt_text": "Noise", "focal_x": 0.5, "focal_y": 0.5}


def test_checking_an_upload_never_changes_pillows_process_wide_limit(
    editor_client, monkeypatch
):
    """Every Image.open during an upload sees the limit set once at startup."""
    startup_limit = Image.MAX_IMAGE_PIXELS
    real_open = Image.open
    seen = []

    def spying_open(*args, **kwargs):
        seen.append(Image.MAX_IMAGE_PIXELS)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Image, "open", spying_open)

    response = editor_client.post(ADD_URL, add_form("noise.jpg"))

    assert response.status_code == 302
    assert Photo.objects.count() == 1
    assert len(seen) >= 2, "the header and the decode both open the file"
    assert seen == [startup_limit] * len(seen)
    assert startup_limit == Image.MAX_IMAGE_PIXELS


def test_an_upload_that_waits_too_long_for_a_decode_is_told_to_retry(
    editor_client, settings, monkeypatch
):
    """While another decode holds the slot, the upload is answered, and stores nothing."""
    monkeypatch.setattr(decode_slot, "DECODE_WAIT_SECONDS", 0.01)

    with decode_slot.decode_slot():
        response = editor_client.post(ADD_URL, add_form("busy.jpg"))

    assertContains(response, "the server is busy with other large pictures")
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []

    response = editor_client.post(ADD_URL, add_form("later.jpg"))

    assert response.status_code == 302
    assert Photo.objects.count() == 1


def test_decodes_in_parallel_threads_run_one_at_a_time(monkeypatch):
    """Three threads checking uploads at once never decode side by side."""
    monkeypatch.setattr(decode_slot, "DECODE_WAIT_SECONDS", 120)
    real_load = ImageFile.ImageFile.load
    lock = threading.Lock()
    running = []
    most = []

    def counting_load(self):
        with lock:
            running.append(self)
            most.append(len(running))
        try:
            return real_load(self)
        finally:
            with lock:
                running.remove(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    content = noisy_image_bytes(size=(1200, 900))
    results = []

    def check(n: int) -> None:
        results.append(validate_photo_file(photo_upload(f"{n}.jpg", content)))

    threads = [threading.Thread(target=check, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [checked.width for checked in results] == [1200] * 3
    assert max(most) == 1


def test_renditions_wait_for_the_decode_slot_rather_than_fail():
    """An accepted photo's renditions queue behind another decode, then are made."""
    held = threading.Event()

    def hold_briefly():
        with decode_slot.decode_slot():
            held.set()
            time.sleep(0.2)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    held.wait()

    photo = create_photo(upload=photo_upload("queued.jpg"), values={"alt_text": "Q"})
    holder.join()

    assert photo.renditions["variants"]


def test_renditions_refuse_a_stored_picture_past_the_pixel_limit(settings):
    """Pillow's own check is off; files that skipped upload checks are caught here."""
    photo = create_photo(upload=photo_upload("big.jpg"), values={"alt_text": "B"})
    settings.PHOTO_MAX_PIXELS = 10

    with (
        photo.image.storage.open(photo.image.name, "rb") as handle,
        pytest.raises(Image.DecompressionBombError),
    ):
        opened_within_limit(handle)
