"""Issue 14 points 4, 11 and 15 walked in Chromium: a correspondent starts a story with
their byline in place and watches its length while typing; a reader sees the reading
time; an editor finds tags under "Tags"."""

import re

import pytest

from articles.models import Article, Byline
from articles.roles import CORRESPONDENT, EDITOR
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.browser.test_workflow import choose_in_autocomplete
from tests.factories import (
    add_text,
    make_article,
    make_author,
    make_member,
    make_section,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_correspondent_starts_with_their_byline_and_sees_the_length(
    page, live_server, screenshot, axe, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    kenji = make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    make_author(name="Kenji Ono", user=kenji, job_title="Diplomatic Correspondent")
    make_section(name="Politics & Security", slug="politics-security")

    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    # Point 4: the byline row is there, with their name and job title, before any click.
    assert "Kenji Ono" in page.inner_text("#bylines-0 .field-author")
    assert page.input_value("#id_bylines-0-role") == "Diplomatic Correspondent"
    assert page.inner_text("#body-length") == "0 words · 0 min read"

    page.fill("#id_headline", "Japan pledges generators to Ukraine")
    choose_in_autocomplete(page, ".field-section", "Politics & Security")
    page.click(".order-machine-insert-target.last")
    page.click('.plugin-buttons a[data-plugin-prefix="articles_richtextblock_set"]')
    page.locator("#articles_richtextblock_set-0 [contenteditable=true]").click()
    page.keyboard.type("The minister took shelter during an air-raid alert.")
    # Point 11: the figure follows the typing.
    page.wait_for_function(
        "() => document.getElementById('body-length').textContent"
        " === '8 words · 1 min read'"
    )
    screenshot(f"desk-new-story-{width_name}")
    assert axe_violations(page, axe) == []
    page.click("input[name=_continue]")

    page.wait_for_selector(".workflow-panel")
    article = Article.objects.get()
    byline = Byline.objects.get(article=article)
    assert (byline.author.name, byline.role) == (
        "Kenji Ono",
        "Diplomatic Correspondent",
    )
    # After saving, the server's own count of the stored body says the same.
    assert page.inner_text("#body-length") == "8 words · 1 min read"
    assert "Set by the “Publish now” and “Schedule” buttons" in page.inner_text(
        ".field-published_at"
    )
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_reader_sees_the_reading_time(page, live_server, screenshot, axe, width_name):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    story = make_article(headline="A long read on the coast guard")
    add_text(story, "<p>" + " ".join(["word"] * 500) + "</p>")
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    assert page.inner_text(".article-dates .reading-time") == "3 min read"
    screenshot(f"desk-reading-time-{width_name}")
    assert axe_violations(page, axe) == []


def test_editor_finds_tags_under_tags(page, live_server, screenshot):
    make_member(EDITOR, username="desk", password=PASSWORD)
    log_in(page, live_server, username="desk", password=PASSWORD)
    headings = page.locator(".app-taggit caption").inner_text()
    assert re.fullmatch(r"tags", headings.strip(), re.IGNORECASE)
    assert "taggit" not in page.inner_text("#content-main").lower()
    screenshot("desk-admin-index-tags")
