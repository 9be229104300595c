"""Issue 14 point 7 walked in Chromium: an editor finds a writer's stories by typing the
writer's name into the search box, then narrows the list with the author filter, typing
part of the name into the filter's own field (a plain form: no script involved)."""

import pytest

from articles.roles import EDITOR
from tests.browser.conftest import log_in
from tests.browser.test_pages import WIDTHS, axe_script, axe_violations  # noqa: F401
from tests.factories import add_text, make_article, make_author, make_member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"


@pytest.fixture(autouse=True)
def roles(role_groups):
    return role_groups


@pytest.fixture
def axe(request):
    return request.getfixturevalue("axe_script")


def listed_headlines(page) -> list[str]:
    return [
        text.strip()
        for text in page.locator("#result_list .field-headline").all_inner_texts()
    ]


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_editor_finds_a_writers_stories_by_name_and_filters_by_author(
    page, live_server, screenshot, axe, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    kenji = make_author(name="Kenji Ono", job_title="Diplomatic Correspondent")
    mira = make_author(name="Mira Sato")
    make_article(headline="Japan pledges generators to Ukraine", authors=[kenji])
    story = make_article(headline="Patriot exports approved", authors=[kenji, mira])
    add_text(story, "<p>The cabinet changed the export rules in December.</p>")
    make_article(headline="Budget reaches a record", authors=[mira])
    make_member(EDITOR, username="desk", password=PASSWORD)

    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/")
    # The writer's name in the search box: their stories, found through the bylines.
    page.fill("#searchbar", "Kenji Ono")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=Kenji*")
    assert sorted(listed_headlines(page)) == [
        "Japan pledges generators to Ukraine",
        "Patriot exports approved",
    ]
    screenshot(f"desk-search-author-name-{width_name}")
    assert axe_violations(page, axe) == []
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")

    # The author filter: part of a name in its field, then the author it offers.
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.fill("#author-filter-name", "sato")
    page.click(".author-filter button")
    page.wait_for_url("**author_name=sato*")
    page.click(".author-filter-matches a:text-is('Mira Sato')")
    page.wait_for_url(f"**author={mira.pk}*")
    assert sorted(listed_headlines(page)) == [
        "Budget reaches a record",
        "Patriot exports approved",
    ]
    assert "Mira Sato" in page.inner_text("#changelist-filter [aria-current=true]")
    screenshot(f"desk-filter-author-{width_name}")
    assert axe_violations(page, axe) == []

    # A word of the body text, within the author's stories.
    page.fill("#searchbar", "export rules")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=export*")
    assert listed_headlines(page) == ["Patriot exports approved"]
