"""The demo's site settings: masthead words, "Connect with us" links and "Our Partners".

Without them a fresh install shows neither footer list. Filled only when empty, so an
editor's own settings survive another `load_demo`. Addresses use example.org: the demo
newsroom and its partners are fictional.
"""

from django.conf import settings

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
    ("Nordic Press Agency", "https://nordic-press.example.org/"),
    ("Baltic Security Review", "https://baltic-review.example.org/"),
    ("Pacific Wire Service", "https://pacific-wire.example.org/"),
]


def load_site_settings(count) -> SiteSettings:
    """Create or complete the settings row; `count(Model)` tallies each created row."""
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
        for position, (name, url) in enumerate(PARTNERS):
            Partner.objects.create(site=site, name=name, url=url, position=position)
            count(Partner)
    return site
