"""Issue 14, point 14 walked in Chromium: an editor fills the site settings of a fresh
site (a social link and a partner with a logo) and readers see them in the footer, the
logo drawn and the link with its icon and text label."""

import pytest

from articles.roles import EDITOR
from sections.models import Partner, SiteSettings
from tests.browser.conftest import log_in
from tests.browser.test_desk_edges import PASSWORD
from tests.browser.test_pages import WIDTHS, axe_violations
from tests.factories import image_bytes, make_article, make_member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
]


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_editor_adds_a_partner_with_a_logo_and_readers_see_it_in_the_footer(
    page, live_server, screenshot, axe, tmp_path, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    make_member(EDITOR, username="desk", password=PASSWORD)
    make_article(headline="Japan pledges generators to Ukraine")
    logo = tmp_path / "kyodo-logo.png"
    logo.write_bytes(image_bytes(size=(160, 48), color=(200, 30, 30), format="PNG"))

    log_in(page, live_server, username="desk", password=PASSWORD)
    # A fresh site has no settings yet: "Add" beside "Site settings" on the admin home.
    page.click('#content-main a.addlink[href$="/sections/sitesettings/add/"]')
    page.wait_for_selector("#sitesettings_form")
    assert axe_violations(page, axe) == []
    page.fill("#id_tagline", "Politics and security, from Tokyo to Kyiv")
    page.click("#social_links-group .add-row a")
    page.select_option("#id_social_links-0-network", "bluesky")
    page.fill("#id_social_links-0-label", "@meridian on Bluesky")
    page.fill("#id_social_links-0-url", "bsky.app/profile/meridian.example")
    page.click("#partners-group .add-row a")
    page.fill("#id_partners-0-name", "Kyodo News")
    page.fill("#id_partners-0-url", "https://kyodo.example")
    page.set_input_files("#id_partners-0-logo", str(logo))
    assert axe_violations(page, axe) == []
    screenshot(f"desk-site-settings-form-{width_name}")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    assert SiteSettings.objects.get().tagline.startswith("Politics and security")
    assert Partner.objects.get().logo.name.startswith("partners/")

    page.goto(f"{live_server.url}/")
    footer = page.locator(".site-footer")
    partner = footer.locator("a.partner", has_text="Kyodo News")
    assert partner.get_attribute("href") == "https://kyodo.example"
    logo_image = partner.locator("img.partner-logo")
    logo_image.scroll_into_view_if_needed()
    page.wait_for_function(
        "(image) => image.complete && image.naturalWidth > 0",
        arg=logo_image.element_handle(),
    )
    assert logo_image.evaluate("(image) => image.naturalWidth") == 160
    social = footer.locator("a.network-bluesky")
    assert social.get_attribute("href") == "https://bsky.app/profile/meridian.example"
    assert social.inner_text().strip() == "@meridian on Bluesky"
    assert social.locator("svg.network-icon").is_visible()
    assert "Politics and security, from Tokyo to Kyiv" in page.inner_text("header")
    screenshot(f"desk-site-settings-footer-{width_name}")
    assert axe_violations(page, axe) == []
