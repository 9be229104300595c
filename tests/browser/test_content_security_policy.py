"""The Content-Security-Policy holds on every kind of page: Chromium reports no violation."""

import pytest

from tests import factories
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"
# Collect every violation the page reports, from the first script on.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""


@pytest.fixture
def watched_page(page):
    """A page that records CSP violations, from events and from Chromium's console."""
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.console_violations = console
    return page


def violations_after_visiting(page, url: str, ready: str = "body") -> list[str]:
    """Open `url`, wait for the `ready` element to exist, and list the violations."""
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(ready, state="attached")
    # Violation events are queued as tasks: read the list after the queue has run.
    found = page.evaluate(
        "() => new Promise((done) => setTimeout(() => done(window.__cspViolations), 50))"
    )
    return found + page.console_violations


@pytest.fixture
def story():
    author = factories.make_author(name="Kenji Arata")
    article = factories.make_article(
        headline="Japan pledges generators for Kyiv's winter",
        authors=[author],
        tags=["Japan"],
        hero=factories.make_photo(),
    )
    factories.add_text(
        article,
        '<p>Text with a <a href="https://example.org/" target="_blank">link</a>.</p>',
    )
    factories.add_photo_block(article, ordering=1)
    return article


def test_public_pages_run_without_a_violation(watched_page, live_server, story):
    """Home, article, search and author pages load everything the policy allows, and no more."""
    for path in [
        "/",
        story.get_absolute_url(),
        "/search/?q=Japan",
        story.bylines.get().author.get_absolute_url(),
    ]:
        assert violations_after_visiting(watched_page, live_server.url + path) == []


def test_the_admin_and_its_editors_run_without_a_violation(
    watched_page, live_server, story
):
    """The article form (rich-text and content editor, autocompletes) and the focal point picker need nothing inline."""
    factories.make_user(
        username="desk", password=PASSWORD, is_staff=True, is_superuser=True
    )
    log_in(watched_page, live_server, username="desk", password=PASSWORD)

    change_form = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    # Counted once the rich-text editor really started: its editing surface exists.
    assert violations_after_visiting(watched_page, change_form, ".ProseMirror") == []

    for path in [
        "/admin/",
        "/admin/articles/article/add/",
        f"/admin/media_library/photo/{story.hero_id}/change/",
        "/admin/media_library/photo/upload/",
    ]:
        assert violations_after_visiting(watched_page, live_server.url + path) == []
