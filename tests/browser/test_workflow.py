"""A correspondent writes and submits a draft; an editor publishes it; readers see it."""

import pytest

from articles.models import Article, ArticleStatus
from articles.roles import CORRESPONDENT, EDITOR
from tests.browser.conftest import log_in
from tests.factories import make_author, make_member, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


PASSWORD = "s3cret-pass-for-tests"


def choose_in_autocomplete(page, field_row, text):
    """Open an admin autocomplete (select2) inside `field_row`, search `text`, take the match."""
    page.locator(f"{field_row} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_correspondent_submits_a_draft_and_an_editor_publishes_it(
    browser, page, live_server, screenshot
):
    """From an empty form to a public page, through review, in the admin alone."""
    kenji = make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    make_author(name="Kenji Ono", user=kenji, job_title="Diplomatic Correspondent")
    make_member(EDITOR, username="desk", password=PASSWORD)
    make_section(name="Politics & Security", slug="politics-security")

    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Japan pledges generators to Ukraine for the winter")
    page.fill(
        "#id_dek", "The foreign minister announced the aid during a visit to Kyiv."
    )
    choose_in_autocomplete(page, ".field-section", "Politics & Security")
    # Their own byline is already there (issue 14, point 4).
    assert "Kenji Ono" in page.inner_text("#bylines-0 .field-author")
    # The body editor offers its block types from an insert point at the end of the body.
    page.click(".order-machine-insert-target.last")
    page.click('.plugin-buttons a[data-plugin-prefix="articles_richtextblock_set"]')
    page.locator("#articles_richtextblock_set-0 [contenteditable=true]").click()
    page.keyboard.type("The minister took shelter during an air-raid alert.")
    screenshot("workflow-correspondent-draft")
    page.click("input[name=_continue]")

    page.wait_for_selector(".workflow-panel")
    assert page.inner_text(".workflow-status") == "Draft"
    article = Article.objects.get()
    assert article.created_by == kenji
    assert list(article.authors.values_list("name", flat=True)) == ["Kenji Ono"]
    page.fill("#workflow-form textarea[name=note]", "Ready when you are.")
    page.click("#workflow-form button[value=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "is now in review" in page.inner_text(".messagelist")
    assert page.inner_text(".workflow-status") == "In review"
    # All that is left for them to press is taking it back.
    assert page.locator("#workflow-form button").all_inner_texts() == [
        "Withdraw to draft"
    ]
    screenshot("workflow-correspondent-submitted")

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    editor_page = desk.new_page()
    editor_page.set_default_timeout(15_000)
    log_in(editor_page, live_server, username="desk", password=PASSWORD)
    assert "Japan pledges generators" in editor_page.inner_text(".desk-panel-in_review")
    editor_page.locator(".desk-panel-in_review a", has_text="Japan pledges").click()
    editor_page.click("#workflow-form button[value=publish]")
    editor_page.wait_for_selector(".messagelist .success")
    assert "is now published" in editor_page.inner_text(".messagelist")
    screenshot("workflow-editor-published", editor_page)

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    reader = browser.new_context()
    public = reader.new_page()
    public.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert (
        public.inner_text("h1") == "Japan pledges generators to Ukraine for the winter"
    )
    assert "air-raid alert" in public.inner_text("main")
    reader.close()
    desk.close()
