"""Issue 14 points 8 and 9 walked in Chromium at 1280 and 375 px: an editor links to one
of our stories from the rich-text editor and a reader follows it after the story moved;
an editor adds an embed and a reader loads the player only by clicking, with no request
to the provider before that click and no Content-Security-Policy violation."""

from urllib.parse import urlsplit

import pytest

from articles.models import EmbedBlock, RichTextBlock
from articles.roles import EDITOR
from tests.browser.conftest import log_in
from tests.browser.test_content_security_policy import LISTEN_FOR_VIOLATIONS
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import add_text, make_article, make_member, make_section

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"
VIDEO = "https://www.youtube.com/watch?v=M7lc1UVf-VE"
PLAYER_HOST = "www.youtube-nocookie.com"
STAND_IN_PLAYER = "<!doctype html><title>player</title><p>The provider's player</p>"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


@pytest.fixture
def desk(live_server):
    make_member(EDITOR, username="desk", password=PASSWORD)
    section = make_section(name="Politics & Security", slug="politics-security")
    target = make_article(
        headline="Japan eases its arms export rules",
        slug="arms-export-rules",
        section=section,
    )
    story = make_article(
        headline="The minister in Kyiv", slug="minister-in-kyiv", section=section
    )
    add_text(story, "<p>The minister took shelter during an air-raid alert.</p>")
    return {"target": target, "story": story}


def third_party_requests(page, live_server) -> list[str]:
    """Every request the page makes to another host, recorded as it happens; the
    provider's player is answered by a stand-in so the test needs no network."""
    ours = urlsplit(live_server.url).netloc
    seen = []

    def record(request):
        if urlsplit(request.url).netloc != ours:
            seen.append(request.url)

    page.on("request", record)
    page.context.route(
        f"https://{PLAYER_HOST}/**",
        lambda route: route.fulfill(
            status=200, body=STAND_IN_PLAYER, content_type="text/html"
        ),
    )
    page.context.route(
        "https://www.youtube.com/**",
        lambda route: route.fulfill(
            status=200, body="<title>YouTube</title>", content_type="text/html"
        ),
    )
    return seen


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_editor_links_to_a_story_and_the_reader_follows_it_after_it_moved(
    page, live_server, screenshot, axe, desk, width_name
):
    """Search by headline, pick the story, save: the reader's link follows a slug change."""
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    target, story = desk["target"], desk["story"]
    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    editor = page.locator("#articles_richtextblock_set-0 [contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Background: ")
    # Click 1: the editor's "Link to one of our stories" button.
    page.locator(
        '#articles_richtextblock_set-0 button[title="Link to one of our stories"]'
    ).click()
    dialog = page.locator("dialog.story-link-dialog")
    page.keyboard.type("arms export")
    choice = dialog.locator(".story-link-choice", has_text=target.headline)
    choice.wait_for()
    screenshot(f"desk-story-link-search-{width_name}")
    assert axe_violations(page, axe) == []
    # Click 2: the story; click 3: save.
    choice.click()
    assert editor.locator(f'a[href="/_/article/{target.pk}/"]').inner_text() == (
        target.headline
    )
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")
    assert f'href="/_/article/{target.pk}/"' in RichTextBlock.objects.get().text

    # The linked story moves; the reader still lands on it, at its new address.
    target.slug = "arms-exports-eased"
    target.save()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    link = page.locator(".article-body a", has_text=target.headline)
    assert link.get_attribute("href") == target.get_absolute_url()
    screenshot(f"desk-story-link-reader-{width_name}")
    assert axe_violations(page, axe) == []
    link.click()
    page.wait_for_url(f"{live_server.url}{target.get_absolute_url()}")
    assert page.inner_text("h1") == target.headline


def test_without_javascript_a_pasted_address_becomes_a_story_link(
    browser, live_server, desk
):
    """The editor's plain textarea takes the story's address; the save stores the story."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    target, story = desk["target"], desk["story"]
    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.fill(
        "#id_articles_richtextblock_set-0-text",
        f'<p>See <a href="{live_server.url}{target.get_absolute_url()}">the rules</a>.</p>',
    )
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")
    context.close()

    assert RichTextBlock.objects.get().text == (
        f'<p>See <a href="/_/article/{target.pk}/">the rules</a>.</p>'
    )


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_editor_adds_an_embed_and_the_reader_loads_it_with_a_click(
    page, live_server, screenshot, axe, desk, width_name
):
    """Another site is refused, YouTube is saved; the reader's click alone loads the player."""
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    story = desk["story"]
    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    # Clicks 1-2: where the block goes, and "embed".
    page.click(".order-machine-insert-target.last")
    page.click('.plugin-buttons a[data-plugin-prefix="articles_embedblock_set"]')
    page.fill("#id_articles_embedblock_set-0-url", "https://example.org/video/1")
    page.click("input[name=_continue]")
    error = page.locator("#articles_embedblock_set-0 .errorlist")
    assert "Embeds come only from YouTube, Vimeo, X, Bluesky" in error.inner_text()
    screenshot(f"desk-embed-refused-{width_name}")
    assert not EmbedBlock.objects.exists()

    page.fill("#id_articles_embedblock_set-0-url", VIDEO)
    page.fill("#id_articles_embedblock_set-0-title", "The minister arrives in Kyiv")
    page.fill("#id_articles_embedblock_set-0-caption", "Footage of the arrival.")
    # Click 3: save.
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-panel")
    assert EmbedBlock.objects.get().url == VIDEO
    assert axe_violations(page, axe) == []

    page.context.clear_cookies()
    reader = page.context.new_page()
    reader.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    reader.add_init_script(LISTEN_FOR_VIOLATIONS)
    outside = third_party_requests(reader, live_server)
    reader.goto(f"{live_server.url}{story.get_absolute_url()}")
    placeholder = reader.locator(".embed")
    assert placeholder.locator(".embed-provider").text_content() == "YouTube video"
    assert "The minister arrives in Kyiv" in placeholder.inner_text()
    assert reader.locator("iframe").count() == 0
    screenshot(f"desk-embed-placeholder-{width_name}", reader)
    assert axe_violations(reader, axe) == []
    assert outside == [], "a third party was asked before the reader's click"

    # The reader's one click loads the player, and only now is the provider asked.
    reader.click("a.embed-load")
    frame = reader.locator("iframe.embed-frame")
    frame.wait_for()
    assert frame.get_attribute("src") == (f"https://{PLAYER_HOST}/embed/M7lc1UVf-VE")
    reader.frame_locator("iframe.embed-frame").locator(
        "text=The provider's player"
    ).wait_for()
    assert [urlsplit(url).netloc for url in outside] == [PLAYER_HOST]
    violations = reader.evaluate(
        "() => new Promise((done) => setTimeout(() => done(window.__cspViolations), 50))"
    )
    assert violations == []
    screenshot(f"desk-embed-loaded-{width_name}", reader)


def test_without_javascript_the_embed_is_a_link_to_the_provider(
    browser, live_server, desk
):
    """No script: the placeholder's link opens the video on YouTube, and nothing loads before."""
    story = desk["story"]
    EmbedBlock.objects.create(
        parent=story, region="body", ordering=10, url=VIDEO, title="The arrival"
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    outside = third_party_requests(page, live_server)
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    assert outside == []

    page.click("a.embed-load")
    page.wait_for_url(VIDEO)
    context.close()
