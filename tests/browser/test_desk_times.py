"""Issue 14 point 12 walked in Chromium: an editor schedules a story by typing the time
as the desk writes it, with the newsroom's zone beside the box, at 1280 and 375 px."""

from datetime import UTC, datetime

import pytest

from articles.models import ArticleStatus
from articles.roles import EDITOR
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import make_draft, make_member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"
TYPED = "10 Mar 2030, 08:05"
MOMENT = datetime(2030, 3, 9, 23, 5, tzinfo=UTC)  # 08:05 the next morning in Tokyo


@pytest.fixture(autouse=True)
def tokyo_desk(role_groups, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    make_member(EDITOR, username="desk", password=PASSWORD)


def open_story(page, live_server, width_name):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    story = make_draft(status=ArticleStatus.IN_REVIEW, headline="Budget vote")
    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    return story


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_an_editor_schedules_by_typing_the_desk_style_beside_the_zone(
    page, live_server, screenshot, axe, width_name
):
    """The zone sits right of the box; typing "10 Mar 2030, 08:05" and one click schedule it."""
    story = open_story(page, live_server, width_name)
    box = page.locator("#id_publish_at").bounding_box()
    zone = page.locator("#id_publish_at_zone")

    assert zone.inner_text() == "Asia/Tokyo (JST)"
    zone_box = zone.bounding_box()
    assert zone_box["x"] >= box["x"] + box["width"]
    assert zone_box["y"] < box["y"] + box["height"]  # on the box's line
    assert "Day month year, 24-hour clock" in page.inner_text("#id_publish_at_format")
    assert page.text_content("#user-tools .desk-zone") == "Times in Asia/Tokyo (JST)"
    assert axe_violations(page, axe) == []

    page.fill("#id_publish_at", TYPED)
    screenshot(f"desk-schedule-typed-{width_name}")
    page.click("#workflow-form button[value=schedule]")

    page.wait_for_selector(".messagelist .success")
    assert f"is now scheduled for {TYPED}." in page.inner_text(".messagelist")
    assert f"Scheduled for {TYPED}" in page.inner_text(".workflow-history")
    story.refresh_from_db()
    assert (story.status, story.published_at) == (ArticleStatus.PUBLISHED, MOMENT)
    screenshot(f"desk-schedule-done-{width_name}")


def test_an_unreadable_time_is_refused_with_an_example(page, live_server, screenshot):
    """ "next Tuesday" is refused: the message quotes it, shows the two accepted forms and
    the zone, and the story stays in review."""
    story = open_story(page, live_server, "desktop")

    page.fill("#id_publish_at", "next Tuesday")
    page.click("#workflow-form button[value=schedule]")

    page.wait_for_selector(".messagelist .error")
    message = page.inner_text(".messagelist")
    assert "“next Tuesday” is not a time we can read" in message
    assert "14:30" in message and "Asia/Tokyo (JST)" in message
    story.refresh_from_db()
    assert story.status == ArticleStatus.IN_REVIEW
    screenshot("desk-schedule-refused-desktop")
