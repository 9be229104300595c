"""The site chrome every public page draws: masthead, section navigation, footer lists.

Read from its snapshot (`ChromeSnapshot`, one row of JSON) in one query; the snapshot is
built from the tables when missing or older than SNAPSHOT_MAX_AGE, and deleted by any
change to a section, the settings, a social link or a partner (sections.signals).
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone

from sections.models import ChromeSnapshot, Partner, Section, SiteSettings, SocialLink

# A snapshot built from rows read just before a concurrent change committed would keep
# the old chrome; it is rebuilt after this long in any case.
SNAPSHOT_MAX_AGE = timedelta(minutes=10)


@dataclass
class Chrome:
    site_name: str
    tagline: str = ""
    footer_note: str = ""
    navigation: list[Section] = dataclass_field(default_factory=list)
    # The masthead's menu: every browsable section, each sub-section after its parent.
    menu: list[Section] = dataclass_field(default_factory=list)
    social_links: list[SocialLink] = dataclass_field(default_factory=list)
    partners: list[Partner] = dataclass_field(default_factory=list)


def load_chrome() -> Chrome:
    """The chrome from its snapshot (one query), built and stored first if needed."""
    row = (
        ChromeSnapshot.objects.filter(
            pk=ChromeSnapshot.SINGLETON_PK,
            built_at__gt=timezone.now() - SNAPSHOT_MAX_AGE,
        )
        .values_list("data", flat=True)
        .first()
    )
    if row is not None:
        return chrome_from_snapshot(row)
    chrome = read_chrome()
    store_snapshot(chrome)
    return chrome


def store_snapshot(chrome: Chrome) -> None:
    """One INSERT … ON CONFLICT UPDATE: concurrent pages may both store it."""
    snapshot = ChromeSnapshot(
        pk=ChromeSnapshot.SINGLETON_PK,
        data=snapshot_of(chrome),
        built_at=timezone.now(),
    )
    ChromeSnapshot.objects.bulk_create(
        [snapshot],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["data", "built_at"],
    )


def forget_snapshot() -> None:
    ChromeSnapshot.objects.filter(pk=ChromeSnapshot.SINGLETON_PK).delete()


def _row(instance) -> dict:
    """A row's columns as JSON values (files by name, times as ISO text)."""
    row = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        if value is not None and not isinstance(value, bool | int | float | str):
            value = field.value_to_string(instance)
        row[field.attname] = value
    return row


def _instance(model, row: dict):
    values = {}
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        values[field.attname] = field.to_python(value) if value is not None else None
    instance = model(**values)
    instance._state.adding = False
    return instance


def snapshot_of(chrome: Chrome) -> dict:
    return {
        "tagline": chrome.tagline,
        "footer_note": chrome.footer_note,
        "navigation": [_row(item) for item in chrome.navigation],
        "menu": [{**_row(item), "menu_level": item.menu_level} for item in chrome.menu],
        "social_links": [_row(item) for item in chrome.social_links],
        "partners": [_row(item) for item in chrome.partners],
    }


def chrome_from_snapshot(data: dict) -> Chrome:
    return Chrome(
        site_name=settings.NEWSROOM_NAME,
        tagline=data["tagline"],
        footer_note=data["footer_note"],
        navigation=[_instance(Section, row) for row in data["navigation"]],
        # A snapshot stored before the menu existed offers the top-level sections.
        menu=[_menu_item(row) for row in data.get("menu", data["navigation"])],
        social_links=[_instance(SocialLink, row) for row in data["social_links"]],
        partners=[_instance(Partner, row) for row in data["partners"]],
    )


def _menu_item(row: dict) -> Section:
    section = _instance(Section, row)
    section.menu_level = row.get("menu_level", 0)
    return section


def read_chrome() -> Chrome:
    """Read the chrome from its tables: two queries on PostgreSQL, four elsewhere."""
    sections = list(Section.objects.active())
    navigation = [section for section in sections if section.parent_id is None]
    menu = menu_order(sections)
    site, social_links, partners = _site_settings_with_lists()
    if site is None:
        # A fresh install before anyone opened the settings: name and navigation only.
        return Chrome(
            site_name=settings.NEWSROOM_NAME, navigation=navigation, menu=menu
        )
    return Chrome(
        site_name=settings.NEWSROOM_NAME,
        tagline=site.tagline,
        footer_note=site.footer_note,
        navigation=navigation,
        menu=menu,
        social_links=social_links,
        partners=partners,
    )


def menu_order(sections: list[Section]) -> list[Section]:
    """Top-level sections in their order, each followed by its sub-sections (and theirs),
    so a desk like Markets under Economy is one tap away. A section whose parent is not
    browsable is left out with it; each one's `menu_level` is 0 at the top."""
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    ordered: list[Section] = []

    def add(parent_id, level):
        for section in children.get(parent_id, []):
            if section in ordered:  # a loop of parents in bad data: list it once
                continue
            section.menu_level = level
            ordered.append(section)
            add(section.pk, level + 1)

    add(None, 0)
    return ordered


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
