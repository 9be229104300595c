"""Issue 14, point 2 walked in Chromium: a correspondent describes their own photo and
moves its focal point; another correspondent's photo is read-only, with no marker."""

import pytest

from articles.roles import CORRESPONDENT
from media_library.models import Photo
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import image_bytes, make_member, make_photo, photo_upload

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_correspondent_fixes_their_photo_and_only_reads_anothers(
    page, live_server, screenshot, axe, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    kenji = make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    other = make_member(CORRESPONDENT, username="aiko", password=PASSWORD)
    own = make_photo(
        image=photo_upload(
            "own.jpg", image_bytes(size=(800, 400), color=(30, 90, 150))
        ),
        caption="Coast guard cutters, Manila, May 2, 2025.",
        alt_text="",
        uploaded_by=kenji,
    )
    anothers = make_photo(caption="Aiko's harbour photo.", uploaded_by=other)

    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/media_library/photo/?alt_text=missing")
    assert page.locator("#result_list tbody tr").count() == 1
    assert "Needs alt text" in page.inner_text("#result_list")
    screenshot(f"own-photo-needs-alt-text-{width_name}")
    assert axe_violations(page, axe) == []

    page.click(f'#result_list a[href*="/{own.pk}/change/"]')
    page.fill("#id_alt_text", "Two white ships with red stripes leaving a harbour.")
    picture = page.locator(".focal-point-picker img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.7, "y": box["height"] * 0.4})
    screenshot(f"own-photo-editing-{width_name}")
    assert axe_violations(page, axe) == []
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    own.refresh_from_db()
    assert own.alt_text == "Two white ships with red stripes leaving a harbour."
    assert own.focal_x == pytest.approx(0.7, abs=0.02)
    assert own.focal_y == pytest.approx(0.4, abs=0.02)
    assert not Photo.objects.needing_alt_text().exists()

    page.goto(f"{live_server.url}/admin/media_library/photo/{anothers.pk}/change/")
    assert page.locator("#id_alt_text").count() == 0
    assert page.locator(".focal-point-marker").count() == 0
    assert page.locator(".photo-picture").is_visible()
    assert page.locator("input[type=submit]").count() == 0
    screenshot(f"anothers-photo-read-only-{width_name}")
    assert axe_violations(page, axe) == []
