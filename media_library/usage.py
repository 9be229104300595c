"""Where a photo appears, found through reverse relations (this app never imports articles)."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _


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
    """Every article (hero or body) and author profile showing the photo."""
    uses = []
    if hasattr(photo, "hero_of_articles"):
        for article in photo.hero_of_articles.order_by("pk"):
            uses.append(PhotoUse(str(article), _("hero photo"), admin_url(article)))
    if hasattr(photo, "article_blocks"):
        blocks = photo.article_blocks.select_related("parent").order_by("parent_id")
        for block in blocks:
            article = block.parent
            uses.append(PhotoUse(str(article), _("in the body"), admin_url(article)))
    if apps.is_installed("authors"):
        author_model = apps.get_model("authors", "Author")
        for author in author_model._default_manager.filter(photo=photo).order_by("pk"):
            uses.append(PhotoUse(str(author), _("author photo"), admin_url(author)))
    return uses
