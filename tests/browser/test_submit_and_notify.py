"""Issue 14 points 3 and 6 walked in Chromium at phone and desktop widths: a correspondent
types a story and sends it with one click, then withdraws it; an editor returns a story
with a note and its writer finds it at the top of their dashboard."""

import pytest

from articles import workflow
from articles.models import Article, ArticleStatus, Notification
from articles.roles import CORRESPONDENT, EDITOR
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.browser.test_workflow import choose_in_autocomplete
from tests.factories import make_author, make_draft, make_member, make_section

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"
HEADLINE = "Japan pledges generators to Ukraine for the winter"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


@pytest.fixture
def kenji():
    user = make_member(
        CORRESPONDENT, username="kenji", password=PASSWORD, email="kenji@example.org"
    )
    make_author(name="Kenji Ono", user=user, job_title="Diplomatic Correspondent")
    return user


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
    )


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_correspondent_submits_with_one_click_and_withdraws(
    page, live_server, screenshot, axe, kenji, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    make_section(name="Politics & Security", slug="politics-security")
    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill(
        "#id_dek", "The foreign minister announced the aid during a visit to Kyiv."
    )
    choose_in_autocomplete(page, ".field-section", "Politics & Security")
    page.click(".order-machine-insert-target.last")
    page.click('.plugin-buttons a[data-plugin-prefix="articles_richtextblock_set"]')
    page.locator("#articles_richtextblock_set-0 [contenteditable=true]").click()
    page.keyboard.type("The minister took shelter during an air-raid alert.")
    page.fill("#id_review_note", "Ready when you are.")

    # Without a headline nothing moves: the errors show and the typing is all there.
    page.click(".submit-row button[value=submit]")
    page.wait_for_selector(".errornote")
    assert "This field is required." in page.inner_text(".field-headline")
    assert page.input_value("#id_dek").startswith("The foreign minister announced")
    assert "air-raid alert" in page.inner_text("#articles_richtextblock_set-0")
    assert page.input_value("#id_review_note") == "Ready when you are."
    assert not Article.objects.exists()
    screenshot(f"submit-refused-{width_name}")

    # Typed, then one click: saved and in review.
    page.fill("#id_headline", HEADLINE)
    screenshot(f"submit-ready-{width_name}")
    assert axe_violations(page, axe) == []
    page.click(".submit-row button[value=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "is now in review" in page.inner_text(".messagelist")
    assert page.inner_text(".workflow-status") == "In review"
    article = Article.objects.get()
    assert (article.headline, article.status) == (HEADLINE, ArticleStatus.IN_REVIEW)
    assert article.workflow_events.get().note == "Ready when you are."
    screenshot(f"submit-in-review-{width_name}")
    assert axe_violations(page, axe) == []
    assert no_sideways_scroll(page)

    # Taken back: one click on "Withdraw to draft", and the form is theirs to edit again.
    page.click("#workflow-form button[value=withdraw]")
    page.wait_for_selector(".messagelist .success")
    assert "is now draft" in page.inner_text(".messagelist")
    assert page.inner_text(".workflow-status") == "Draft"
    assert page.is_editable("#id_headline")
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    steps = list(article.workflow_events.order_by("at", "pk"))
    assert [(step.actor, step.to_status) for step in steps] == [
        (kenji, ArticleStatus.IN_REVIEW),
        (kenji, ArticleStatus.DRAFT),
    ]
    assert "Withdraw" not in page.inner_text(".workflow-buttons")
    screenshot(f"submit-withdrawn-{width_name}")
    assert axe_violations(page, axe) == []

    # Enter in a field still means "Save", never a workflow button of the status box.
    page.fill("#id_headline", f"{HEADLINE}, updated")
    page.press("#id_headline", "Enter")
    page.wait_for_selector(".messagelist .success")
    assert "was changed successfully" in page.inner_text(".messagelist")
    assert page.url.startswith(f"{live_server.url}/admin/articles/article/#")
    article.refresh_from_db()
    assert (article.headline, article.status) == (
        f"{HEADLINE}, updated",
        ArticleStatus.DRAFT,
    )


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_editor_returns_a_story_and_the_writer_sees_it_on_the_dashboard(
    browser, page, live_server, screenshot, axe, kenji, width_name
):
    viewport = {"width": WIDTHS[width_name], "height": 900}
    page.set_viewport_size(viewport)
    make_member(EDITOR, username="desk", password=PASSWORD, first_name="Dana")
    story = make_draft(
        created_by=kenji, authors=[kenji.author], headline=HEADLINE, dek="Aid."
    )
    workflow.submit_for_review(article=story, user=kenji, note="Over to you.")

    # The editor was told of the submission, at the top of their dashboard.
    log_in(page, live_server, username="desk", password=PASSWORD)
    notice = page.locator(".desk-notifications .notification-submitted")
    assert HEADLINE in notice.inner_text()
    assert "Over to you." in notice.inner_text()
    screenshot(f"notify-editor-dashboard-{width_name}")
    assert axe_violations(page, axe) == []
    notice.get_by_role("link", name=HEADLINE).click()
    page.fill("#workflow-form textarea[name=note]", "Name the minister in the dek.")
    page.click("#workflow-form button[value=return]")
    page.wait_for_selector(".messagelist .success")
    assert "is now draft" in page.inner_text(".messagelist")

    writer = browser.new_context(viewport=viewport)
    writer_page = writer.new_page()
    writer_page.set_default_timeout(15_000)
    log_in(writer_page, live_server, username="kenji", password=PASSWORD)
    first = writer_page.locator(".desk-notifications li").first
    assert "Returned to its writer" in first.inner_text()
    assert HEADLINE in first.inner_text()
    assert "Name the minister in the dek." in first.inner_text()
    assert "by Dana" in first.inner_text()
    # The notice comes before every panel of the dashboard.
    assert writer_page.evaluate(
        "() => document.querySelector('.desk-notifications')"
        ".compareDocumentPosition(document.querySelector('.desk-dashboard'))"
        " === Node.DOCUMENT_POSITION_FOLLOWING"
    )
    screenshot(f"notify-writer-dashboard-{width_name}", writer_page)
    assert axe_violations(writer_page, axe) == []
    assert no_sideways_scroll(writer_page)

    # Dismissed: gone from the dashboard, still in their own list.
    first.get_by_role("button", name="Dismiss").click()
    writer_page.wait_for_url(f"{live_server.url}/admin/")
    assert writer_page.locator(".desk-notifications").count() == 0
    assert Notification.objects.get(recipient=kenji).is_read
    writer_page.goto(f"{live_server.url}/admin/articles/notification/")
    assert HEADLINE in writer_page.inner_text("#result_list")
    screenshot(f"notify-writer-list-{width_name}", writer_page)
    writer.close()


def test_a_step_that_moves_the_saved_story_asks_before_dropping_typed_edits(
    page, live_server, kenji
):
    """An editor types, then presses "Publish now": the page asks before leaving; staying keeps it all."""
    make_member(EDITOR, username="desk", password=PASSWORD)
    story = make_draft(created_by=kenji, authors=[kenji.author], headline=HEADLINE)
    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.fill("#id_headline", f"{HEADLINE}, sharper")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.click("#workflow-form button[value=publish]")
    assert asked == ["beforeunload"]
    assert page.input_value("#id_headline") == f"{HEADLINE}, sharper"
    story.refresh_from_db()
    assert (story.headline, story.status) == (HEADLINE, ArticleStatus.DRAFT)
