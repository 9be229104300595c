import pytest

from articles.models import ArticleStatus
from tests.browser.conftest import log_in
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_opens_an_article_in_the_admin_and_then_its_public_page(
    page, live_server, screenshot
):
    """An editor signs in, opens the article's change form, and follows it to the public page."""
    make_user(
        username="desk",
        password="s3cret-pass-for-tests",
        is_staff=True,
        is_superuser=True,
    )
    author = make_author(name="Kenji Ono", job_title="Diplomatic Correspondent")
    article = make_article(
        headline="Minister pledges air-defence help on Kyiv visit",
        authors=[author],
        hero=make_photo(),
        status=ArticleStatus.PUBLISHED,
    )
    add_text(article, "<h2>Seeking help</h2><p>First paragraph.</p>")
    add_photo_block(article, ordering=1)

    log_in(page, live_server, username="desk", password="s3cret-pass-for-tests")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.input_value("#id_headline") == article.headline
    screenshot("admin-article-change-form")

    page.click("a.viewsitelink")
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.inner_text("h1") == article.headline
    assert "Kenji Ono" in page.inner_text(".byline")
    screenshot("article-page")


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
