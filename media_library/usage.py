"""Where a photo appears, found through reverse relations (this app never imports articles).

The "where used" box must not name a story its viewer may not see. Which rows a user
may see is not this app's to decide: the app that owns the model registers its rule
(`register_visibility`, called from `articles.apps`), and uses of a model with a rule
are filtered through it. Without a known viewer only what the rule shows the anonymous
public is named.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

# (queryset, user) -> the part of the queryset the user may see / open in the admin.
QueryFilter = Callable[..., object]


@dataclass(frozen=True)
class VisibilityRule:
    visible: QueryFilter
    openable: QueryFilter


_rules: dict[str, VisibilityRule] = {}
_viewer: ContextVar = ContextVar("photo_usage_viewer", default=None)


def register_visibility(model, *, visible: QueryFilter, openable: QueryFilter) -> None:
    """Declare who may see (and open in the admin) rows of `model` that use a photo."""
    _rules[model._meta.label_lower] = VisibilityRule(visible, openable)


@contextmanager
def viewing_as(user) -> Iterator[None]:
    """The user a page is drawn for, for "where used" displays that have no request."""
    token = _viewer.set(user)
    try:
        yield
    finally:
        _viewer.reset(token)


@dataclass(frozen=True)
class PhotoUse:
    title: str
    role: str
    admin_url: str


def admin_url(obj) -> str:
    opts = obj._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""


def photo_uses(photo) -> list["PhotoUse"]:
    """Every article (hero or body) and author profile showing the photo, seen or not."""
    return [PhotoUse(str(obj), role, admin_url(obj)) for obj, role in _users_of(photo)]


def visible_photo_uses(photo, user=None) -> tuple[list["PhotoUse"], int]:
    """The uses `user` (default: the current viewer) may see, and how many others there are."""
    user = user or _viewer.get() or AnonymousUser()
    uses, hidden = [], 0
    allowed: dict[str, tuple[set, set]] = {}
    found = _users_of(photo)
    for label, rule in _rules.items():
        pks = [obj.pk for obj, _role in found if obj._meta.label_lower == label]
        model = apps.get_model(label)
        queryset = model._default_manager.filter(pk__in=pks)
        allowed[label] = (
            set(rule.visible(queryset, user).values_list("pk", flat=True)),
            set(rule.openable(queryset, user).values_list("pk", flat=True)),
        )
    for obj, role in found:
        label = obj._meta.label_lower
        if label not in allowed:
            uses.append(PhotoUse(str(obj), role, admin_url(obj)))
            continue
        visible, openable = allowed[label]
        if obj.pk not in visible:
            hidden += 1
            continue
        url = admin_url(obj) if obj.pk in openable else obj.get_absolute_url()
        uses.append(PhotoUse(str(obj), role, url or ""))
    return uses, hidden


def _users_of(photo) -> list[tuple[object, str]]:
    found = []
    if hasattr(photo, "hero_of_articles"):
        for article in photo.hero_of_articles.order_by("pk"):
            found.append((article, _("hero photo")))
    if hasattr(photo, "article_blocks"):
        blocks = photo.article_blocks.select_related("parent").order_by("parent_id")
        for block in blocks:
            found.append((block.parent, _("in the body")))
    if apps.is_installed("authors"):
        author_model = apps.get_model("authors", "Author")
        for author in author_model._default_manager.filter(photo=photo).order_by("pk"):
            found.append((author, _("author photo")))
    return found
