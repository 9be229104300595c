"""Issue 14, point 15 walked in Chromium: an editor corrects a correspondent's proposed
bio before approving it; a duplicate upload in the article form's photo pop-up offers
the photo already in the library, which one click puts in the form; a new photo's
focal-point marker sits at the centre."""

import pytest

from articles.roles import CORRESPONDENT, EDITOR
from authors import services
from authors.models import ProfileChangeStatus
from tests.browser.conftest import log_in
from tests.browser.test_desk_edges import PASSWORD
from tests.browser.test_desk_tags import wait_for_named_widgets
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import (
    image_bytes,
    make_author,
    make_member,
    make_photo,
    photo_upload,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_editor_corrects_a_proposed_bio_then_approves_it(
    page, live_server, screenshot, axe, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    kenji = make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    make_member(EDITOR, username="desk", password=PASSWORD)
    author = make_author(
        name="Kenji Ono",
        user=kenji,
        short_bio="Covers Japan's diplomacy.",
        bio="<p>Kenji Ono covers diplomacy from Tokyo.</p>",
    )
    services.submit_profile(
        author=author,
        user=kenji,
        data={
            "short_bio": "Covers Japans diplomacy and defense.",
            "bio": "<p>Kenji Ono covers diplomacy from Tokyo.</p>"
            "<p>Before that he reported from Seoul.</p>",
            "photo": None,
            "links": [],
        },
    )

    log_in(page, live_server, username="desk", password=PASSWORD)
    page.get_by_role("link", name="Author profile changes").first.click()
    page.get_by_role("link", name="Kenji Ono").first.click()
    # The diff keeps the new paragraph apart from the first one.
    diff = page.locator(".profile-diff")
    assert "Tokyo.\n\nBefore that he reported from Seoul." in diff.inner_text()
    wait_for_named_widgets(page)
    assert axe_violations(page, axe) == []

    page.fill("#id_short_bio", "Covers Japan's diplomacy and defence.")
    bio = page.locator(".field-bio [contenteditable=true]")
    bio.get_by_text("Seoul").click()
    page.keyboard.press("End")
    page.keyboard.type(" He speaks Korean.")
    screenshot(f"desk-bio-review-{width_name}")
    page.click("input[name=_approve]")
    page.wait_for_selector(".messagelist .success")

    author.refresh_from_db()
    assert author.short_bio == "Covers Japan's diplomacy and defence."
    assert author.bio == (
        "<p>Kenji Ono covers diplomacy from Tokyo.</p>"
        "<p>Before that he reported from Seoul. He speaks Korean.</p>"
    )
    assert author.profile_changes.get().status == ProfileChangeStatus.APPROVED
    page.goto(f"{live_server.url}{author.get_absolute_url()}")
    assert "He speaks Korean." in page.inner_text("main")


def test_the_editors_greyed_out_menu_buttons_are_announced_as_unavailable(
    page, live_server, axe
):
    """The editor greys out undo with no history and redo with nothing undone using a
    class only; the buttons say so to assistive technology, and axe finds nothing."""
    make_member(EDITOR, username="desk", password=PASSWORD)
    author = make_author(name="Kenji Ono", bio="<p>Kenji Ono covers diplomacy.</p>")
    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/authors/author/{author.pk}/change/")
    wait_for_named_widgets(page)
    menu = page.locator(".field-bio .prose-menubar")
    undo = menu.locator('button[title="undo"]')
    redo = menu.locator('button[title="redo"]')

    page.locator(".field-bio [contenteditable=true]").click()  # a first transaction
    assert undo.get_attribute("aria-disabled") == "true"
    page.keyboard.press("End")
    page.keyboard.type(" From Tokyo.")

    page.wait_for_function(
        "(button) => !button.hasAttribute('aria-disabled')", arg=undo.element_handle()
    )
    assert redo.get_attribute("aria-disabled") == "true"
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_a_duplicate_upload_in_the_pop_up_uses_the_photo_already_there(
    page, live_server, screenshot, axe, tmp_path, width_name
):
    width = WIDTHS[width_name]
    page.set_viewport_size({"width": width, "height": 900})
    make_member(EDITOR, username="desk", password=PASSWORD)
    content = image_bytes(size=(640, 360), color=(20, 120, 60))
    existing = make_photo(
        image=photo_upload("kyiv.jpg", content),
        caption="The minister in Kyiv, January 7, 2024.",
    )
    again = tmp_path / "kyiv-again.jpg"
    again.write_bytes(content)

    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    with page.expect_popup() as opened:
        page.click("#add_id_hero")
    pop_up = opened.value
    pop_up.set_viewport_size({"width": width, "height": 900})
    pop_up.wait_for_selector("#photo_form")
    pop_up.set_input_files("#id_image", str(again))
    pop_up.fill("#id_alt_text", "The minister shaking hands with the president.")
    pop_up.click("input[name=_save]")
    offer = pop_up.locator(".duplicate-offer")
    offer.wait_for()
    assert "The minister in Kyiv, January 7, 2024." in offer.inner_text()
    screenshot(f"desk-duplicate-offer-{width_name}", target=pop_up)
    assert axe_violations(pop_up, axe) == []

    with pop_up.expect_event("close"):
        pop_up.get_by_role("link", name="Use the photo already in the library").click()

    assert page.input_value("#id_hero") == str(existing.pk)
    assert str(existing) in page.inner_text(".field-hero .select2-selection__rendered")
    screenshot(f"desk-duplicate-used-{width_name}")


def test_a_new_photos_focal_point_marker_starts_at_the_centre(page, live_server):
    make_member(EDITOR, username="desk", password=PASSWORD)
    photo = make_photo(image=photo_upload("wide.jpg", size=(800, 400)))

    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/media_library/photo/{photo.pk}/change/")
    picture = page.locator(".focal-point-picker img").bounding_box()
    marker = page.locator(".focal-point-marker").bounding_box()

    assert marker["x"] + marker["width"] / 2 == pytest.approx(
        picture["x"] + picture["width"] / 2, abs=2
    )
    assert marker["y"] + marker["height"] / 2 == pytest.approx(
        picture["y"] + picture["height"] / 2, abs=2
    )
