"""Every page type in Chromium at phone and desktop widths: screenshots and axe-core."""

from pathlib import Path

import pytest

from articles.models import CorrectionKind
from articles.trust.corrections import add_correction
from tests.factories import make_article
from tests.site_content import build_newsroom, public_urls

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture
def axe_script(axe):
    return axe


def axe_violations(page, axe_script) -> list[str]:
    # Evaluated through the browser's debugging protocol: a <script> tag added by
    # the test would be refused by the page's Content-Security-Policy, as it should be.
    page.evaluate(Path(axe_script).read_text())
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_every_page_type_renders_accessibly(
    page, live_server, screenshot, axe_script, width_name
):
    """Each page type loads, nothing overflows sideways, and axe finds no violation."""
    newsroom = build_newsroom()
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    found = {}
    for name, url in public_urls(newsroom).items():
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == (404 if name == "not-found" else 200), name
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
        screenshot(f"{name}-{width_name}")
        violations = axe_violations(page, axe_script)
        if violations:
            found[name] = violations

    assert found == {}


def test_dark_mode_pages_are_accessible(browser, live_server, axe_script):
    """With the reader's dark colour scheme, contrast still passes axe."""
    newsroom = build_newsroom()
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="dark"
    )
    dark = context.new_page()
    found = {}
    for name in ["home", "article", "search"]:
        dark.goto(f"{live_server.url}{public_urls(newsroom)[name]}")
        violations = axe_violations(dark, axe_script)
        if violations:
            found[name] = violations
    dark.screenshot(
        path=str(
            Path(__file__).resolve().parents[2]
            / "build"
            / "screenshots"
            / "search-dark.png"
        ),
        full_page=True,
    )
    context.close()

    assert found == {}


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    """The first Tab shows the skip link; following it lands in the main content."""
    build_newsroom()
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


def test_pages_read_without_javascript(browser, live_server):
    """With JavaScript off, the article and its body are all there."""
    newsroom = build_newsroom()
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()

    plain.goto(f"{live_server.url}{newsroom.reference.get_absolute_url()}")

    assert plain.inner_text("h1") == newsroom.reference.headline
    assert "air-raid alert" in plain.inner_text(".article-body")
    context.close()


def test_the_corrections_page_is_set_like_the_other_list_pages(page, live_server):
    """Its title and headlines use the site's serif headings in text colour, as on cards."""
    article = make_article(headline="Budget story")
    add_correction(article=article, kind=CorrectionKind.CORRECTION, text="Wrong sum.")
    heading_font = "e => getComputedStyle(e).fontFamily"
    page.goto(f"{live_server.url}/authors/")
    index_title_font = page.eval_on_selector("h1", heading_font)

    page.goto(f"{live_server.url}/corrections/")

    assert page.eval_on_selector("h1", heading_font) == index_title_font
    headline = page.locator(".correction h2 a", has_text="Budget story")
    body_colour = page.eval_on_selector("body", "e => getComputedStyle(e).color")
    assert headline.evaluate(heading_font) == index_title_font
    assert headline.evaluate("e => getComputedStyle(e).color") == body_colour


def test_the_footer_links_to_the_corrections_page(page, live_server):
    """Readers find the corrections page from any page, not only from a corrected article."""
    build_newsroom()
    page.goto(f"{live_server.url}/")

    page.locator(".site-footer a", has_text="Corrections").click()

    assert page.url == f"{live_server.url}/corrections/"
    assert page.inner_text("h1") == "Corrections and updates"
