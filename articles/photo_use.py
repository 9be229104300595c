"""A library photo used in an article, with this article's own caption and credit.

The hero and every photo block work the same way: the library's caption and credit are
shown unless an editor overrides them for this one use. The two fields and the rule for
what readers see are written here once, and both uses build on them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from media_library.models import Photo, format_credit


def caption_override_field(verbose_name: str = "") -> models.TextField:
    return models.TextField(
        verbose_name or _("caption override"),
        blank=True,
        help_text=_("Leave empty to use the photo library's caption."),
    )


def credit_override_field(verbose_name: str = "") -> models.CharField:
    return models.CharField(
        verbose_name or _("credit override"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the photo library's credit."),
    )


class PhotoUse:
    """Mixin for a model that shows a photo with overridable words.

    A subclass names its three attributes; `shown_caption` and `shown_credit` then say
    what readers see (the credit as written; `format_credit` adds the parentheses).
    """

    photo_attribute = "photo"
    caption_attribute = "caption"
    credit_attribute = "credit"

    @property
    def used_photo(self) -> Photo | None:
        return getattr(self, self.photo_attribute)

    @property
    def shown_caption(self) -> str:
        photo = self.used_photo
        return getattr(self, self.caption_attribute) or (photo.caption if photo else "")

    @property
    def shown_credit(self) -> str:
        photo = self.used_photo
        return getattr(self, self.credit_attribute) or (photo.credit if photo else "")

    @property
    def shown_credit_formatted(self) -> str:
        return format_credit(self.shown_credit)
