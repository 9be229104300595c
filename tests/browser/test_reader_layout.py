"""Issue 14 point 16, measured in Chromium as a reader sees it: the lead photo leads the
story at 1280 px, a phone shows where the section menu goes on and reaches every desk
with stories, search fits beside the name, the bio stacks, and subheads match the body."""

import pytest

from articles.models import Article
from sections.models import Section
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import make_article, make_section
from tests.site_content import build_newsroom

pytestmark = pytest.mark.django_db(transaction=True)

BOX = (
    "e => { const r = e.getBoundingClientRect();"
    " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; }"
)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(BOX)


@pytest.fixture
def desk():
    """The page tests' desk, plus Markets: a sub-section of Business with its own story."""
    desk = build_newsroom()
    business = Section.objects.get(slug="business")
    markets = make_section(name="Markets", slug="markets", parent=business)
    make_article(section=markets, headline="The yen slides as exporters cheer")
    return desk


def test_the_lead_photo_is_wider_than_the_text_at_1280(
    page, live_server, screenshot, desk
):
    """The hero spans more than the text column; caption and credit line up with its edges."""
    page.goto(f"{live_server.url}{desk.reference.get_absolute_url()}")
    photo = box(page, ".hero img")
    text = box(page, ".article-body")
    caption = box(page, ".hero .caption")
    credit = box(page, ".hero .credit")

    assert photo["width"] > text["width"] + 100
    assert photo["left"] < text["left"] and photo["right"] > text["right"]
    assert abs(caption["left"] - photo["left"]) <= 1
    assert abs(credit["right"] - photo["right"]) <= 1
    assert caption["top"] >= photo["bottom"] and credit["top"] >= photo["bottom"]
    screenshot("reader-article-hero-desktop")


def test_subheads_are_set_in_the_body_typeface(page, live_server, desk):
    """An article's subheads use the serif family of its paragraphs, not a sans."""
    page.goto(f"{live_server.url}{desk.reference.get_absolute_url()}")
    family = "e => getComputedStyle(e).fontFamily"

    subhead = page.locator(".article-body h2").first.evaluate(family)
    paragraph = page.locator(".article-body p:not(.dateline)").first.evaluate(family)
    headline = page.locator("h1.headline").evaluate(family)

    assert subhead == paragraph == headline
    assert subhead.endswith("serif") and not subhead.endswith("sans-serif")


def test_on_a_phone_the_section_menu_shows_it_goes_on_and_reaches_markets(
    page, live_server, screenshot, desk
):
    """A cut-off section sits under a fade and the row scrolls; Markets is one tap away."""
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 800})
    page.goto(f"{live_server.url}/")
    menu = page.locator(".section-nav ul")
    shown = menu.evaluate(BOX)
    links = page.locator(".section-nav a")
    boxes = [links.nth(i).evaluate(BOX) for i in range(links.count())]
    clipped = [b for b in boxes if b["right"] > shown["right"] + 0.5]

    hrefs = set(links.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    with_stories = {
        article.section.get_absolute_url()
        for article in Article.objects.published().select_related("section")
    }
    assert with_stories <= hrefs
    # Five sections are wider than a phone: the row scrolls, and where it is cut the
    # fade shows that it goes on.
    assert clipped
    assert menu.evaluate("e => e.scrollWidth > e.clientWidth")
    fade = menu.evaluate(
        "e => getComputedStyle(e).maskImage || getComputedStyle(e).webkitMaskImage"
    )
    assert "linear-gradient" in fade
    assert clipped[0]["left"] < shown["right"]  # partly shown, under the fade
    screenshot("reader-menu-phone")

    markets = page.locator(".section-nav a", has_text="Markets")
    markets.scroll_into_view_if_needed()
    tapped = markets.evaluate(BOX)
    assert tapped["left"] >= 0 and tapped["right"] <= WIDTHS["phone"]
    markets.click()
    page.wait_for_url(f"{live_server.url}/markets/")
    assert page.inner_text("h1") == "Markets"
    assert "The yen slides" in page.inner_text("main")


def test_on_a_phone_search_sits_beside_the_name_and_opens_in_one_tap(
    page, live_server, screenshot, desk
):
    """The search button shares the name's row and is narrow; a tap opens the search page
    with its field ready for typing."""
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 800})
    page.goto(f"{live_server.url}/")
    name = box(page, ".site-name")
    button = box(page, ".search-link")

    assert page.locator(".site-search").is_hidden()
    assert button["width"] < WIDTHS["phone"] / 4
    assert button["top"] < name["bottom"] and button["bottom"] > name["top"]
    assert button["left"] >= name["right"]
    screenshot("reader-masthead-phone")

    page.click(".search-link")
    page.wait_for_url(f"{live_server.url}/search/")
    assert page.evaluate("() => document.activeElement.id") == "search-page-q"
    page.keyboard.type("generators")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=generators")
    assert "Japan will send generators" in page.inner_text(".results")


def test_on_a_desktop_search_is_a_field_in_the_masthead_row(page, live_server, desk):
    """At 1280 px the field itself sits on the name's row, and the phone button is gone."""
    page.goto(f"{live_server.url}/")
    name = box(page, ".site-name")
    field = box(page, ".site-search")

    assert page.locator(".search-link").is_hidden()
    assert field["top"] < name["bottom"] and field["left"] > name["right"]


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_the_author_bio_stacks_on_a_phone(
    page, live_server, screenshot, desk, width_name
):
    """At 375 px the photo is above the text; at 1280 px it is beside it."""
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 800})
    page.goto(f"{live_server.url}{desk.reference.get_absolute_url()}")
    page.locator(".bio-box").first.scroll_into_view_if_needed()
    photo = box(page, ".bio-box .bio-photo")
    text = box(page, ".bio-box h2")

    if width_name == "phone":
        assert photo["bottom"] <= text["top"]
    else:
        assert photo["right"] <= text["left"] and photo["top"] < text["bottom"]
    screenshot(f"reader-article-{width_name}")


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_the_changed_pages_stay_accessible(page, live_server, axe, desk, width_name):
    """axe finds nothing on the home page, the article and the search page at either width."""
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 800})
    found = {}
    for url in ["/", desk.reference.get_absolute_url(), "/search/", "/markets/"]:
        page.goto(f"{live_server.url}{url}")
        violations = axe_violations(page, axe)
        if violations:
            found[url] = violations

    assert found == {}
