from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from media_library.checksums import upload_checksum
from media_library.renditions import (
    Picture,
    Rendition,
    ensure_renditions,
    largest_crop,
    picture_for,
)


def format_credit(credit: str) -> str:
    """Agency style: the credit in parentheses, e.g. "(©Kyodo)"."""
    credit = credit.strip()
    if not credit:
        return ""
    if credit.startswith("(") and credit.endswith(")"):
        return credit
    return f"({credit})"


class PhotoQuerySet(models.QuerySet):
    def needing_alt_text(self):
        """Photos a reader who cannot see them would miss: no alt text, not decorative."""
        return self.filter(is_decorative=False, alt_text__regex=r"^\s*$")


class Photo(models.Model):
    image = models.ImageField(
        _("image"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    caption = models.TextField(
        _("caption"),
        blank=True,
        help_text=_(
            "Who, what, where, when, as a full sentence ending with place and date, "
            "e.g. “… in Kyiv, January 7, 2024.”"
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_(
            "As the agency wants it printed, without parentheses: “©Kyodo” or "
            "“Ukrainian Presidential Press Service/Handout via REUTERS”."
        ),
    )
    photographer = models.CharField(_("photographer"), max_length=200, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The agency or pool, e.g. Reuters."),
    )
    copyright_notice = models.CharField(
        _("copyright notice"), max_length=300, blank=True
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=400,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the picture adds nothing a reader needs; it then needs no alt text."
        ),
    )
    focal_x = models.FloatField(
        _("focal point (horizontal)"),
        default=0.5,
        help_text=_("0 is the left edge, 1 the right; crops keep this point in frame."),
    )
    focal_y = models.FloatField(
        _("focal point (vertical)"),
        default=0.5,
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    taken_at = models.DateTimeField(_("date taken"), null=True, blank=True)
    keywords = models.JSONField(
        _("embedded keywords"),
        default=list,
        blank=True,
        help_text=_(
            "Keywords the photographer embedded in the file; suggestions for tags."
        ),
    )
    renditions = models.JSONField(
        _("renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The stored resized and cropped copies of the picture."),
    )
    checksum = models.CharField(
        _("checksum"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 of the file."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        # Without it, whoever may change photos changes only the ones they uploaded
        # (media_library.access).
        permissions = [("change_any_photo", _("Can change any photo"))]
        constraints = [
            models.UniqueConstraint(
                fields=["checksum"],
                condition=~models.Q(checksum=""),
                name="photo_unique_checksum",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1
                ),
                name="photo_focal_point_inside",
            ),
        ]

    def __str__(self):
        # Lists, pickers and messages show the caption; a long one ends in an ellipsis.
        return Truncator(self.caption).chars(80) or self.image.name

    def save(self, *args, **kwargs):
        if self.image and not self.checksum:
            self.checksum = upload_checksum(self.image)
        super().save(*args, **kwargs)
        # Renditions are made here, once per file and focal point, so that no
        # page request ever has to make one; an up-to-date set is left alone.
        ensure_renditions(self)

    @property
    def needs_alt_text(self) -> bool:
        """Same rule as `Photo.objects.needing_alt_text()`, for a photo in hand."""
        return not self.is_decorative and not self.alt_text.strip()

    @property
    def credit_display(self) -> str:
        return format_credit(self.credit)

    def crop(self, ratio: str) -> Rendition:
        """The largest stored crop at "16:9", "4:3" or "1:1", in the JPEG/PNG fallback format."""
        return largest_crop(self, ratio)

    def picture(self, *, crop: str = "", max_width: int | None = None) -> Picture:
        """Sources and fallback for a <picture> element, read from the stored manifest."""
        return picture_for(self, crop=crop, max_width=max_width)
