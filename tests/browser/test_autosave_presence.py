"""Issue 14 points 5 and 13 walked in Chromium at phone and desktop widths.

Point 5: a correspondent types into their draft, the page autosaves it, the tab is
closed, and reopening the story brings the typing back in one click; leaving the form
with unsaved edits asks first. Point 13: an editor and a correspondent have the same
story open; each sees whether the other is editing or only reading, and the notice goes
once the other's browser is gone (the presence TTL is set short for the test)."""

import pytest
import reversion

from articles.models import Article, ArticleStatus, Autosave
from articles.roles import CORRESPONDENT, EDITOR
from articles.trust.revisions import record_story
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import add_text, make_author, make_draft, make_member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"
BODY = "#articles_richtextblock_set-0 [contenteditable=true]"
STATUS = "#autosave-status"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


def kenjis_story(**fields):
    """Kenji's story, saved once through the history as the admin would."""
    kenji = make_member(
        CORRESPONDENT,
        username="kenji",
        password=PASSWORD,
        first_name="Kenji",
        last_name="Ono",
    )
    author = make_author(name="Kenji Ono", user=kenji)
    story = make_draft(
        headline="Japan pledges generators",
        created_by=kenji,
        authors=[author],
        **fields,
    )
    add_text(story, "<p>The minister took shelter.</p>")
    with reversion.create_revision():
        reversion.set_user(kenji)
        record_story(story)
    return story


def wait_for_autosave(page):
    page.wait_for_function(
        "(selector) => document.querySelector(selector).textContent"
        ".startsWith('Autosaved')",
        arg=STATUS,
    )


def clear_status(page):
    page.eval_on_selector(STATUS, "element => { element.textContent = ''; }")


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_typing_survives_a_closed_tab_and_comes_back_in_one_click(
    browser, live_server, settings, screenshot, axe, width_name
):
    settings.AUTOSAVE_SECONDS = 600  # only leaving a field autosaves during this walk
    story = kenjis_story()
    context = browser.new_context(viewport={"width": WIDTHS[width_name], "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, username="kenji", password=PASSWORD)
    change = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    page.goto(change)

    page.fill("#id_headline", "Japan pledges winter generators to Ukraine")
    page.click(BODY)  # leaving the headline autosaves
    wait_for_autosave(page)
    clear_status(page)
    page.keyboard.press("End")
    page.keyboard.type(" Then the sirens stopped.")
    page.focus("#id_dek")  # and so does leaving the body
    wait_for_autosave(page)
    screenshot(f"autosave-done-{width_name}", page)
    saved = Autosave.objects.get(article=story)
    typed = dict(saved.form_data)
    assert typed["headline"] == "Japan pledges winter generators to Ukraine"
    assert "Then the sirens stopped." in typed["articles_richtextblock_set-0-text"]
    story.refresh_from_db()
    assert (story.headline, story.version) == ("Japan pledges generators", 1)
    assert axe_violations(page, axe) == []

    # Leaving with unsaved edits asks first; staying keeps the page and the typing.
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.click("#site-name a")
    assert dialogs == ["beforeunload"]
    assert page.url == change
    assert page.input_value("#id_headline").startswith("Japan pledges winter")

    # The tab is closed without saving; the story is opened again in a new one.
    page.close()
    page = context.new_page()
    page.goto(change)
    assert page.input_value("#id_headline") == "Japan pledges generators"
    assert "were autosaved" in page.inner_text("#autosave-offer")
    screenshot(f"autosave-offer-{width_name}", page)
    assert axe_violations(page, axe) == []

    page.click("text=Restore my autosaved edits")  # the one click
    page.wait_for_selector("#autosave-restored")
    assert page.input_value("#id_headline") == (
        "Japan pledges winter generators to Ukraine"
    )
    assert "Then the sirens stopped." in page.inner_text(BODY)
    screenshot(f"autosave-restored-{width_name}", page)
    assert axe_violations(page, axe) == []
    story.refresh_from_db()
    assert story.headline == "Japan pledges generators"

    # Saving makes it the story; no warning on the way out, no offer left behind.
    dialogs.clear()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert dialogs == []
    story.refresh_from_db()
    assert story.headline == "Japan pledges winter generators to Ukraine"
    assert "Then the sirens stopped." in story.search_text
    assert not Autosave.objects.exists()
    assert page.locator("#autosave-offer").count() == 0

    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/history/")
    assert page.locator("#revision-list tbody tr").count() == 2
    assert axe_violations(page, axe) == []
    screenshot(f"autosave-history-{width_name}", page)
    context.close()


def test_the_page_autosaves_on_its_own_while_the_writer_keeps_typing(
    page, live_server, settings
):
    settings.AUTOSAVE_SECONDS = 1
    story = kenjis_story()
    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    page.click(BODY)
    page.keyboard.press("End")
    page.keyboard.type(" Kyiv, January 7.")

    # The cursor never leaves the body. An autosave may go out halfway through the
    # typing (the page then sends another); wait for each next one until it is whole.
    wait_for_autosave(page)
    for _ in range(5):
        mark = page.get_attribute(STATUS, "data-saved-at")
        kept = dict(Autosave.objects.get(article=story).form_data)[
            "articles_richtextblock_set-0-text"
        ]
        if "Kyiv, January 7." in kept:
            break
        page.wait_for_function(
            "([selector, mark]) => document.querySelector(selector)"
            ".dataset.savedAt !== mark",
            arg=[STATUS, mark],
        )
    assert "Kyiv, January 7." in kept
    page.close()  # no heartbeat outlives the test's settings


def test_a_new_story_with_typing_asks_before_leaving(page, live_server):
    make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    log_in(page, live_server, username="kenji", password=PASSWORD)
    add = f"{live_server.url}/admin/articles/article/add/"
    page.goto(add)
    page.fill("#id_headline", "A story not yet saved")

    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.click("#site-name a")

    assert dialogs == ["beforeunload"]
    assert page.url == add
    assert not Article.objects.exists()


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_presence_says_editing_or_reading_and_goes_when_the_other_leaves(
    browser, live_server, settings, screenshot, axe, width_name
):
    settings.PRESENCE_TTL_SECONDS = 3  # the page beats every second
    story = kenjis_story(status=ArticleStatus.IN_REVIEW)
    make_member(
        EDITOR, username="desk", password=PASSWORD, first_name="Dana", last_name="Desk"
    )
    viewport = {"width": WIDTHS[width_name], "height": 900}
    change = f"/admin/articles/article/{story.pk}/change/"

    desk_context = browser.new_context(viewport=viewport)
    desk = desk_context.new_page()
    desk.set_default_timeout(15_000)
    log_in(desk, live_server, username="desk", password=PASSWORD)
    desk.goto(live_server.url + change)

    # Kenji submitted the story: he may open it, not change it.
    kenji_context = browser.new_context(viewport=viewport)
    kenji = kenji_context.new_page()
    kenji.set_default_timeout(15_000)
    log_in(kenji, live_server, username="kenji", password=PASSWORD)
    kenji.goto(live_server.url + change)
    assert "Dana Desk is also editing this article" in kenji.inner_text(
        "#article-presence"
    )

    desk.wait_for_selector("#article-presence .presence-reading")
    assert "Kenji Ono is only reading this article" in desk.inner_text(
        "#article-presence"
    )
    screenshot(f"presence-reading-{width_name}", desk)
    assert axe_violations(desk, axe) == []

    desk.fill("#id_headline", "Japan pledges generators, and more")
    kenji.wait_for_function(
        "() => document.getElementById('article-presence').textContent"
        ".includes('has unsaved changes')"
    )
    screenshot(f"presence-editing-{width_name}", kenji)
    assert axe_violations(kenji, axe) == []

    # Kenji's browser goes away without a word (offline, then closed): the TTL runs out.
    kenji_context.set_offline(True)
    kenji_context.close()
    desk.wait_for_selector("#article-presence li", state="detached")
    assert desk.inner_text("#article-presence").strip() == ""
    screenshot(f"presence-gone-{width_name}", desk)
    desk_context.close()
