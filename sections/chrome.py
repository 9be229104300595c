"""The site chrome every public page draws: masthead, section navigation, footer lists.

Read from its snapshot (`ChromeSnapshot`, one row of JSON) in one query; the snapshot is
built from the tables when missing or older than SNAPSHOT_MAX_AGE, and deleted by any
change to a section, the settings, a social link or a partner (sections.signals).
"""

import hashlib
import json
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone

from dbtools.prepared import PreparedQuery
from sections.models import ChromeSnapshot, Partner, Section, SiteSettings, SocialLink

# A snapshot built from rows read just before a concurrent change committed would keep
# the old chrome; it is rebuilt after this long in any case.
SNAPSHOT_MAX_AGE = timedelta(minutes=10)


class Chrome:
    """The chrome, as its snapshot's JSON data.

    The model instances templates loop over are built on first use: a page drawn from
    a stored frame (articles.site.frames) never needs them, and only the data is
    pickled when the chrome is cached.
    """

    def __init__(self, data: dict):
        self.data = data
        # Equal versions draw the same chrome, so what is rendered from one can be kept
        # until the version changes (articles.site.frames).
        self.version = version_of(data)

    def __getstate__(self):
        return {"data": self.data, "version": self.version}

    @property
    def site_name(self) -> str:
        return settings.NEWSROOM_NAME

    @property
    def tagline(self) -> str:
        return self.data["tagline"]

    @property
    def footer_note(self) -> str:
        return self.data["footer_note"]

    @cached_property
    def navigation(self) -> list[Section]:
        return [_instance(Section, row) for row in self.data["navigation"]]

    @cached_property
    def menu(self) -> list[Section]:
        """Every browsable section, each sub-section after its parent."""
        # A snapshot stored before the menu existed offers the top-level sections.
        return [
            _menu_item(row) for row in self.data.get("menu", self.data["navigation"])
        ]

    @cached_property
    def social_links(self) -> list[SocialLink]:
        return [_instance(SocialLink, row) for row in self.data["social_links"]]

    @cached_property
    def partners(self) -> list[Partner]:
        return [_instance(Partner, row) for row in self.data["partners"]]


def _snapshot_built_after(since: datetime):
    return ChromeSnapshot.objects.filter(
        pk=ChromeSnapshot.SINGLETON_PK, built_at__gt=since
    ).values_list("data")


# Read on every cache miss of the site state: compiled once (dbtools.prepared).
_snapshot_since = PreparedQuery(_snapshot_built_after, since=datetime)


def load_chrome() -> Chrome:
    """The chrome from its snapshot (one query), built and stored first if needed."""
    row = _snapshot_since.first(since=timezone.now() - SNAPSHOT_MAX_AGE)
    if row is not None:
        return Chrome(row[0])
    return Chrome(store_snapshot(read_snapshot_data()))


def version_of(data: dict) -> str:
    text = json.dumps([settings.NEWSROOM_NAME, data], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def store_snapshot(data: dict) -> dict:
    """One INSERT … ON CONFLICT UPDATE: concurrent pages may both store it. Returns the
    stored data."""
    snapshot = ChromeSnapshot(
        pk=ChromeSnapshot.SINGLETON_PK,
        data=data,
        built_at=timezone.now(),
    )
    ChromeSnapshot.objects.bulk_create(
        [snapshot],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["data", "built_at"],
    )
    return snapshot.data


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


def _menu_item(row: dict) -> Section:
    section = _instance(Section, row)
    section.menu_level = row.get("menu_level", 0)
    return section


def read_snapshot_data() -> dict:
    """The chrome read from its tables, as snapshot data: two queries on PostgreSQL,
    four elsewhere."""
    sections = list(Section.objects.active())
    navigation = [section for section in sections if section.parent_id is None]
    menu = menu_order(sections)
    site, social_links, partners = _site_settings_with_lists()
    return {
        # A fresh install before anyone opened the settings: name and navigation only.
        "tagline": site.tagline if site else "",
        "footer_note": site.footer_note if site else "",
        "navigation": [_row(item) for item in navigation],
        "menu": [{**_row(item), "menu_level": item.menu_level} for item in menu],
        "social_links": [_row(item) for item in social_links],
        "partners": [_row(item) for item in partners],
    }


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
