"""Partners carry a logo: uploaded by an editor, checked like a photo, shown in the footer."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains

from demo.site_settings import load_site_settings
from sections.models import SiteSettings

pytestmark = pytest.mark.django_db


def png_upload(name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def post_partner(editor_client, site, logo):
    return editor_client.post(
        f"/admin/sections/sitesettings/{site.pk}/change/",
        {
            "tagline": "",
            "footer_note": "",
            "social_links-TOTAL_FORMS": "0",
            "social_links-INITIAL_FORMS": "0",
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "0",
            "partners-0-name": "Harbour University",
            "partners-0-url": "https://harbour.example/",
            "partners-0-logo": logo,
            "partners-0-position": "0",
        },
    )


def test_editor_uploads_a_partner_logo_and_the_footer_shows_it(editor_client, client):
    site = SiteSettings.objects.create()

    response = post_partner(editor_client, site, png_upload())

    assert response.status_code == 302
    partner = site.partners.get()
    assert partner.logo.name.startswith("partners/")
    footer = client.get("/").content.decode()
    assert f'<img src="{partner.logo.url}" alt="" class="partner-logo"' in footer
    assert "<span>Harbour University</span>" in footer


def test_a_logo_that_is_not_a_picture_is_refused(editor_client):
    site = SiteSettings.objects.create()
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", "image/png")

    response = post_partner(editor_client, site, fake)

    assert response.status_code == 200
    assert not site.partners.exists()
    assertContains(response, "errorlist")


def test_the_demo_gives_every_partner_a_logo():
    site = load_site_settings(lambda model: None)

    partners = list(site.partners.all())
    assert partners
    for partner in partners:
        with Image.open(partner.logo) as logo:
            assert logo.format == "PNG"
