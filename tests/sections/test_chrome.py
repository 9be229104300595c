"""Editors control the site chrome from the admin; every page draws it."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from sections.models import SiteSettings
from tests.factories import make_section

pytestmark = pytest.mark.django_db


def test_pages_show_the_edited_tagline_links_and_partners(client, settings):
    """Masthead and footer come from the site settings and the configured name."""
    settings.NEWSROOM_NAME = "The Harbour Post"
    site = SiteSettings.objects.create(tagline="Local and global")
    site.social_links.create(
        network="bluesky", label="Follow on Bluesky", url="https://bsky.app/x"
    )
    site.partners.create(name="Coastal University", url="https://coastal.example/")

    response = client.get("/")

    assertContains(response, '<a href="/">The Harbour Post</a>')
    assertContains(response, '"name": "The Harbour Post"')
    assertContains(response, "Local and global")
    assertContains(response, "Connect with us")
    assertContains(response, 'href="https://bsky.app/x"')
    assertContains(response, "Our Partners")
    assertContains(response, "Coastal University")


def test_navigation_follows_position_and_skips_inactive_and_subsections(client):
    """The section navigation lists active top-level sections in their editors' order."""
    world = make_section(name="World", slug="world", position=2)
    politics = make_section(name="Politics", slug="politics", position=1)
    make_section(name="Hidden", slug="hidden", position=0, is_active=False)
    make_section(name="Diplomacy", slug="diplomacy", parent=politics)

    response = client.get("/")

    navigation = response.context["chrome"].navigation
    assert navigation == [politics, world]
    assertNotContains(response, ">Hidden<")


def test_editing_the_chrome_shows_at_once(client):
    """A cached page picks up a new tagline on the next request."""
    site = SiteSettings.objects.create(tagline="Before")
    client.get("/")

    site.tagline = "After"
    site.save()

    assertContains(client.get("/"), "After")


def test_editor_changes_site_settings_in_the_admin(editor_client):
    """An editor opens the site settings and edits the tagline, social links and partners."""
    site = SiteSettings.objects.create(tagline="Before")

    response = editor_client.post(
        f"/admin/sections/sitesettings/{site.pk}/change/",
        {
            "tagline": "After",
            "footer_note": "",
            "social_links-TOTAL_FORMS": "1",
            "social_links-INITIAL_FORMS": "0",
            "social_links-0-network": "x",
            "social_links-0-label": "On X",
            "social_links-0-url": "https://x.com/after",
            "social_links-0-position": "0",
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "0",
            "partners-0-name": "A partner",
            "partners-0-url": "https://partner.example/",
            "partners-0-position": "0",
        },
    )

    assert response.status_code == 302
    site.refresh_from_db()
    assert site.tagline == "After"
    assert site.social_links.get().label == "On X"
    assert site.partners.get().name == "A partner"


def test_there_is_only_one_settings_row():
    """Saving a second settings object overwrites the first: the chrome is a singleton."""
    SiteSettings.objects.create(tagline="One")
    SiteSettings(tagline="Two").save()

    assert SiteSettings.objects.get().tagline == "Two"


def test_the_configured_name_is_used_with_or_without_site_settings(client, settings):
    """The publication's name comes from the environment alone, on every page."""
    settings.NEWSROOM_NAME = "Configured Name"
    assertContains(client.get("/"), "Configured Name")

    SiteSettings.objects.create(tagline="A tagline")
    assertContains(client.get("/"), "Configured Name")


def test_editor_creates_site_settings_on_a_fresh_site(editor_client):
    """With no settings row yet, an editor sees "add", opens the form and saves it."""
    changelist = editor_client.get("/admin/sections/sitesettings/")
    assertContains(changelist, "/admin/sections/sitesettings/add/")

    response = editor_client.post(
        "/admin/sections/sitesettings/add/",
        {
            "tagline": "Fresh",
            "footer_note": "",
            "social_links-TOTAL_FORMS": "0",
            "social_links-INITIAL_FORMS": "0",
            "partners-TOTAL_FORMS": "0",
            "partners-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert SiteSettings.objects.get().tagline == "Fresh"
    # Once the row exists there is nothing more to add: the one row is changed instead.
    assert editor_client.get("/admin/sections/sitesettings/add/").status_code == 403


def test_correspondent_cannot_open_site_settings(correspondent_client):
    """The chrome is the editors' business."""
    assert correspondent_client.get("/admin/sections/sitesettings/").status_code == 403
    assert (
        correspondent_client.get("/admin/sections/sitesettings/add/").status_code == 403
    )


def test_social_links_show_their_network_drawing_beside_the_label(client):
    """Each link carries a decorative drawing of its network and keeps its text label."""
    site = SiteSettings.objects.create()
    site.social_links.create(network="rss", label="Our feed", url="https://x.test/f")

    html = client.get("/").content.decode()
    link = html[html.index('class="network-rss"') :]
    link = link[: link.index("</a>")]

    assert '<svg class="network-icon"' in link
    assert 'aria-hidden="true"' in link
    assert "<span>Our feed</span>" in link


def test_every_network_has_its_own_drawing():
    """No two networks share a drawing, so none falls back to the generic one by accident."""
    from django.template.loader import render_to_string

    from sections.models import SocialNetwork

    drawings = {
        render_to_string("includes/network_icon.html", {"network": network})
        for network in SocialNetwork.values
    }

    assert len(drawings) == len(SocialNetwork.values)
