import io

import pytest
from django.core.management import call_command

from demo.desk import reference_article
from tests.browser.conftest import log_in
from tests.factories import add_photo_block, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "s3cret-pass-for-tests"


def test_editor_opens_the_reference_article_in_the_admin_and_then_its_public_page(
    page, live_server, screenshot, role_groups
):
    """An editor signs in, finds the demo's reference article, saves it, and follows it to the public page."""
    call_command("load_demo", photo_width=320, stdout=io.StringIO())
    make_user(username="desk", password=PASSWORD, is_staff=True, is_superuser=True)
    article = reference_article()

    log_in(page, live_server, username="desk", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/?q=Kyiv")
    page.get_by_role("link", name=article.headline).click()
    assert page.input_value("#id_headline") == article.headline
    screenshot("admin-reference-article-change-form")

    page.click("input[name=_continue]")
    assert "was changed successfully" in page.inner_text(".messagelist")

    page.click("a.viewsitelink")
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.inner_text("h1") == article.headline
    assert "Diplomatic Correspondent" in page.inner_text(".byline")
    assert "(©Kyodo)" in page.inner_text(".article-body")
    screenshot("reference-article-page")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_article_form_fits_the_screen_and_shows_the_headline_whole(
    page, live_server, width
):
    """On a phone nothing scrolls sideways; on a desktop the headline box fits a long headline."""
    make_user(
        username="desk",
        password="s3cret-pass-for-tests",
        is_staff=True,
        is_superuser=True,
    )
    article = make_article(
        headline="In Kyiv, Japan's foreign minister pledges steady support as "
        "Russia's New Year barrage goes on"
    )
    add_photo_block(article)
    log_in(page, live_server, username="desk", password="s3cret-pass-for-tests")
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    headline = page.locator("#id_headline")
    if width >= 1280:
        assert headline.evaluate("e => e.scrollWidth <= e.clientWidth")
