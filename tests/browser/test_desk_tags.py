"""Issue 14, point 10 and the article form's accessibility, walked in Chromium: a
correspondent typing "coa" into the tag box picks the "Coast Guard" already in use,
and axe finds nothing on the article form, its photo pop-up or the tag list."""

import pytest
from taggit.models import Tag

from articles.models import Article, ArticleStatus, CorrectionKind
from articles.roles import CORRESPONDENT, EDITOR
from articles.trust.corrections import add_correction
from tests.browser.conftest import log_in
from tests.browser.test_desk_edges import PASSWORD
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_member,
    make_photo,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]


def wait_for_named_widgets(page):
    """select2 and the editors start after the page loads; their names follow them."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.select2-selection')]"
        ".every((box) => box.hasAttribute('aria-labelledby'))"
        " && [...document.querySelectorAll('.prose-editor [contenteditable]')]"
        ".every((area) => area.hasAttribute('aria-labelledby'))"
    )


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_typing_coa_offers_the_coast_guard_tag_in_use(
    page, live_server, screenshot, axe, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    kenji = make_member(CORRESPONDENT, username="kenji", password=PASSWORD)
    author = make_author(name="Kenji Ono", user=kenji)
    make_article(tags=["Coast Guard", "Japan"])
    draft = make_article(
        headline="Patrol boats for Manila",
        status=ArticleStatus.DRAFT,
        published_at=None,
        authors=[author],
        created_by=kenji,
        tags=["Philippines"],
    )

    log_in(page, live_server, username="kenji", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    tags = page.locator("#id_tags")
    tags.click()
    page.keyboard.press("End")
    page.keyboard.type(", coa")
    suggestion = page.get_by_role("option", name="Coast Guard")
    suggestion.wait_for()
    assert page.locator("#id_tags-suggestions [role=option]").all_inner_texts() == [
        "Coast Guard"
    ]
    assert tags.get_attribute("aria-expanded") == "true"
    screenshot(f"desk-tag-suggestions-{width_name}")
    assert axe_violations(page, axe) == []

    suggestion.click()
    assert tags.input_value() == "Philippines, Coast Guard, "
    assert tags.get_attribute("aria-expanded") == "false"
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    assert sorted(tag.name for tag in Article.objects.get(pk=draft.pk).tags.all()) == [
        "Coast Guard",
        "Philippines",
    ]
    assert Tag.objects.filter(name__iexact="coast guard").count() == 1


def test_the_keyboard_picks_a_suggestion_without_sending_the_form(page, live_server):
    make_member(EDITOR, username="desk", password=PASSWORD)
    make_article(tags=["Coast Guard", "Coalition talks"])

    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_tags", "")
    page.locator("#id_tags").press_sequentially("coa")
    page.get_by_role("option", name="Coast Guard").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    assert page.input_value("#id_tags") == "Coast Guard, "
    assert page.url.endswith("/admin/articles/article/add/")


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_axe_finds_nothing_on_the_article_form_and_its_pop_ups(
    page, live_server, screenshot, axe, width_name
):
    """Add and change forms (select2 boxes, rich-text editor, byline and correction
    tables), the photo pop-up and the tag list, as an editor sees them."""
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    make_member(EDITOR, username="desk", password=PASSWORD)
    story = make_article(
        authors=[make_author(name="Kenji Ono"), make_author(name="Aiko Sato")],
        tags=["Coast Guard", "Japan"],
        hero=make_photo(),
    )
    add_text(story, "<p>The minister took shelter during an air-raid alert.</p>")
    add_photo_block(story, ordering=1)
    add_correction(
        article=story,
        kind=CorrectionKind.CORRECTION,
        text="An earlier version misspelt the minister's name.",
    )

    log_in(page, live_server, username="desk", password=PASSWORD)
    pages = {
        "article-add": "/admin/articles/article/add/",
        "article-change": f"/admin/articles/article/{story.pk}/change/",
        "photo-pop-up": "/admin/media_library/photo/add/?_to_field=id&_popup=1",
        "tag-list": "/admin/taggit/tag/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        wait_for_named_widgets(page)
        screenshot(f"desk-axe-{name}-{width_name}")
        assert axe_violations(page, axe) == [], name
