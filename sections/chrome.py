"""The site chrome every public page draws: masthead, section navigation, footer lists."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import OuterRef
from django.db.models.functions import JSONObject

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
    """Read the chrome from the database: two queries on PostgreSQL, four elsewhere."""
    navigation = list(Section.objects.active().filter(parent__isnull=True))
    site, social_links, partners = _site_settings_with_lists()
    if site is None:
        # A fresh install before anyone opened the settings: name and navigation only.
        return Chrome(site_name=settings.NEWSROOM_NAME, navigation=navigation)
    return Chrome(
        site_name=settings.NEWSROOM_NAME,
        tagline=site.tagline,
        footer_note=site.footer_note,
        navigation=navigation,
        social_links=social_links,
        partners=partners,
    )


def _site_settings_with_lists():
    """The settings row with its social links and partners, in their order.

    On PostgreSQL the two lists come back inside the settings query as JSON arrays, so an
    uncached page spends one query on them instead of three.
    """
    query = SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK)
    if connection.vendor != "postgresql":
        site = query.prefetch_related("social_links", "partners").first()
        if site is None:
            return None, [], []
        return site, list(site.social_links.all()), list(site.partners.all())
    site = query.annotate(
        social_link_rows=_rows_of(SocialLink), partner_rows=_rows_of(Partner)
    ).first()
    if site is None:
        return None, [], []
    return (
        site,
        [SocialLink(**row) for row in site.social_link_rows],
        [Partner(**row) for row in site.partner_rows],
    )


def _rows_of(model):
    from django.contrib.postgres.expressions import ArraySubquery

    columns = {f.attname: f.attname for f in model._meta.concrete_fields}
    rows = model.objects.filter(site=OuterRef("pk")).order_by(*model._meta.ordering)
    return ArraySubquery(rows.values(json=JSONObject(**columns)))
