"""The demo's site settings: masthead words, "Connect with us" links and "Our Partners".

Without them a fresh install shows neither footer list. Filled only when empty, so an
editor's own settings survive another `load_demo`. Addresses use example.org: the demo
newsroom and its partners are fictional.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

from sections.models import Partner, SiteSettings, SocialLink, SocialNetwork

TAGLINE = "Politics and security, reported from where it happens"
FOOTER_NOTE = "An independent newsroom. Corrections: corrections@example.org"
SOCIAL_LINKS = [
    (SocialNetwork.NEWSLETTER, "Morning briefing", "https://example.org/newsletter/"),
    (SocialNetwork.MASTODON, "Mastodon", "https://mastodon.example.org/@ledger"),
    (SocialNetwork.BLUESKY, "Bluesky", "https://bsky.example.org/profile/ledger"),
    (SocialNetwork.RSS, "RSS feed", None),  # the site's own feed
]
PARTNERS = [
    ("Nordic Press Agency", "https://nordic-press.example.org/", "#1d4e89"),
    ("Baltic Security Review", "https://baltic-review.example.org/", "#7a2e2e"),
    ("Pacific Wire Service", "https://pacific-wire.example.org/", "#2e6b4f"),
]


def partner_logo(name: str, colour: str) -> ContentFile:
    """A made-up logo for a fictional partner: a coloured tile with a white ring and bar,
    drawn here so the demo needs no image files of anyone's real brand."""
    image = Image.new("RGB", (96, 64), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((12, 12, 52, 52), outline="white", width=6)
    draw.rectangle((60, 28, 86, 36), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"{slugify(name)}.png")


def load_site_settings(count, *, write_files: bool = True) -> SiteSettings:
    """Create or complete the settings row; `count(Model)` tallies each created row.

    Without `write_files` (a dry run) partners get their logo's name but no file."""
    site = SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK).first()
    if site is None:
        site = SiteSettings()
        count(SiteSettings)
    site.tagline = site.tagline or TAGLINE
    site.footer_note = site.footer_note or FOOTER_NOTE
    site.save()
    if not site.social_links.exists():
        for position, (network, label, url) in enumerate(SOCIAL_LINKS):
            SocialLink.objects.create(
                site=site,
                network=network,
                label=label,
                url=url or f"{settings.SITE_URL}/feed/",
                position=position,
            )
            count(SocialLink)
    if not site.partners.exists():
        for position, (name, url, colour) in enumerate(PARTNERS):
            Partner.objects.create(
                site=site,
                name=name,
                url=url,
                logo=partner_logo(name, colour)
                if write_files
                else f"partners/{slugify(name)}.png",
                position=position,
            )
            count(Partner)
    return site
