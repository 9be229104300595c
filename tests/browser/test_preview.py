import pytest

from articles.models import ArticleStatus
from tests.browser.conftest import log_in
from tests.factories import add_text, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_preview_link_works_in_a_private_window_until_revoked(
    browser, page, live_server, screenshot
):
    """An editor shares a draft; a signed-out window sees it with the banner, then 404."""
    make_user(
        username="desk",
        password="s3cret-pass-for-tests",
        is_staff=True,
        is_superuser=True,
    )
    draft = make_article(
        headline="Draft: minister's Kyiv visit", status=ArticleStatus.DRAFT
    )
    add_text(draft, "<p>Only for the lawyer's eyes.</p>")

    log_in(page, live_server, username="desk", password="s3cret-pass-for-tests")
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.click("text=Preview links (0 active)")
    page.fill("#id_note", "legal review")
    page.click("#preview-link-form input[type=submit]")
    address = page.input_value("#preview-links input[type=text]")
    screenshot("admin-preview-links")

    private = browser.new_context()
    try:
        reader = private.new_page()
        response = reader.goto(address)
        assert response.status == 200
        assert "Preview — not published" in reader.inner_text(".preview-banner")
        assert reader.inner_text("h1") == "Draft: minister's Kyiv visit"
        screenshot("preview-in-private-window", target=reader)

        page.click("#preview-links .revoke-button")
        assert "Revoked" in page.inner_text("#preview-links")

        assert reader.goto(address).status == 404
    finally:
        private.close()
