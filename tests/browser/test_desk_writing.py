"""Issue 14, points 1 and 2 walked in Chromium at 1280 and 375 px.

1. A correspondent types a headline, clicks "Preview" and reads the story as readers
   will see it, beside the editor (1280 px) or in a new tab (375 px); nothing is saved.
2. A correspondent describes their own photo and moves its focal point; another
   correspondent's photo is read-only, with no focal-point marker.
"""

import pytest

from articles.models import Article
from articles.roles import CORRESPONDENT
from media_library.models import Photo
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import (
    add_text,
    image_bytes,
    make_author,
    make_draft,
    make_member,
    make_photo,
    photo_upload,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"
TYPED = "Japan pledges generators to Ukraine's grid"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_correspondent_previews_unsaved_edits_without_saving(
    page, live_server, screenshot, axe, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    kenji = make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    author = make_author(name="Kenji Ono", user=kenji)
    draft = make_draft(headline="Draft headline", created_by=kenji, authors=[author])
    add_text(draft, "<p>The minister took shelter during an air-raid alert.</p>")

    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.fill("#id_headline", TYPED)

    if width_name == "desktop":
        page.click("#preview-button")
        assert page.locator("#preview-pane").is_visible()
        preview = page.frame_locator("iframe[name=article-preview]")
        preview.locator("h1.headline").wait_for()
        assert preview.locator("h1.headline").inner_text() == TYPED
        banner = preview.locator(".preview-banner").inner_text()
        # The editor is still there, beside the preview, with what was typed.
        assert page.input_value("#id_headline") == TYPED
        screenshot(f"draft-preview-pane-{width_name}")
        frame = page.frame(name="article-preview")
        assert axe_violations(frame, axe) == []
        # A form that would not save: the pane says what is wrong, the editor keeps it all.
        page.fill("#id_slug", "not a slug!")
        page.click("#preview-button")
        problems = preview.locator(".preview-problems")
        problems.wait_for()
        assert "Slug: Enter a valid “slug”" in problems.inner_text()
        assert page.input_value("#id_headline") == TYPED
        screenshot(f"draft-preview-problems-{width_name}")
        assert axe_violations(page.frame(name="article-preview"), axe) == []
        page.click("#preview-pane-close")
        assert page.locator("#preview-pane").is_hidden()
        # A window narrowed for good closes the pane (previews then open in a tab).
        page.click("#preview-button")
        assert page.locator("#preview-pane").is_visible()
        page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
        page.locator("#preview-pane").wait_for(state="hidden")
    else:
        with page.context.expect_page() as new_tab:
            page.click("#preview-button")
        reader_view = new_tab.value
        reader_view.wait_for_load_state()
        reader_view.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
        assert reader_view.inner_text("h1.headline") == TYPED
        banner = reader_view.inner_text(".preview-banner")
        assert page.locator("#preview-pane").is_hidden()
        screenshot(f"draft-preview-tab-{width_name}", target=reader_view)
        assert axe_violations(reader_view, axe) == []
        reader_view.close()

    assert "Preview — not published." in banner
    assert "Nothing has been saved" in banner
    screenshot(f"draft-preview-editor-{width_name}")
    assert axe_violations(page, axe) == []
    assert Article.objects.get(pk=draft.pk).headline == "Draft headline"


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
