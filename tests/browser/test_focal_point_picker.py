import pytest

from media_library.models import Photo
from tests.browser.conftest import log_in
from tests.factories import image_bytes, make_photo, make_user, photo_upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_clicking_the_picture_sets_and_saves_the_focal_point(page, live_server):
    """A click near the top-left corner moves the focal point there and the crops follow."""
    make_user(
        username="desk",
        password="s3cret-pass-for-tests",
        is_staff=True,
        is_superuser=True,
    )
    photo = make_photo(image=photo_upload("wide.jpg", image_bytes(size=(800, 400))))
    old_key = photo.renditions["key"]

    log_in(page, live_server, username="desk", password="s3cret-pass-for-tests")
    page.goto(f"{live_server.url}/admin/media_library/photo/{photo.pk}/change/")
    picture = page.locator(".focal-point-picker img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.3})

    assert float(page.input_value("#id_focal_x")) == pytest.approx(0.2, abs=0.01)
    assert float(page.input_value("#id_focal_y")) == pytest.approx(0.3, abs=0.01)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    photo = Photo.objects.get(pk=photo.pk)
    assert photo.focal_x == pytest.approx(0.2, abs=0.01)
    assert photo.renditions["key"] != old_key
