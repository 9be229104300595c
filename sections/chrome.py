"""The site chrome every public page draws: masthead, section navigation, footer lists."""

from dataclasses import dataclass, field

from django.conf import settings

from sections.models import Partner, Section, SiteSettings, SocialLink


@dataclass
class Chrome:
    site_name: str
    tagline: str = ""
    footer_note: str = ""
    navigation: list[Section] = field(default_factory=list)
    social_links: list[SocialLink] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)


def load_chrome() -> Chrome:
    """Read the chrome from the database in a fixed number of queries (at most four)."""
    navigation = list(Section.objects.active().filter(parent__isnull=True))
    site = (
        SiteSettings.objects.prefetch_related("social_links", "partners")
        .filter(pk=SiteSettings.SINGLETON_PK)
        .first()
    )
    if site is None:
        # A fresh install before anyone opened the settings: name and navigation only.
        return Chrome(site_name=settings.NEWSROOM_NAME, navigation=navigation)
    return Chrome(
        site_name=settings.NEWSROOM_NAME,
        tagline=site.tagline,
        footer_note=site.footer_note,
        navigation=navigation,
        social_links=list(site.social_links.all()),
        partners=list(site.partners.all()),
    )
