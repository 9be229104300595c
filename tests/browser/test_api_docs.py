"""The content API's browsable docs run in Chromium under the site's security headers."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_every_operation_without_policy_violations(live_server, page):
    """Swagger UI loads from the site's own static files, lists the operations and can
    call one, and the browser reports no Content-Security-Policy violation."""
    make_article(headline="Kamikawa visits Kyiv")
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(str(error)))

    response = page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock")
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    page.locator('[data-path="/api/v1/articles"]').first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table .response-col_status")

    assert "/api/v1/articles" in [
        text.strip().replace("\u200b", "") for text in operations
    ]
    assert "Kamikawa visits Kyiv" in page.locator(".live-responses-table").inner_text()
    assert "script-src" in response.headers["content-security-policy"]
    assert refused == []
