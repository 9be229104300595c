"""What an import brought in, one row per source item, so that a second run finds it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    AUTHOR = "author", _("Author")
    CATEGORY = "category", _("Category")
    ATTACHMENT = "attachment", _("Attachment")
    POST = "post", _("Post")


class ImportedItem(models.Model):
    """One WordPress author, category, attachment or post and what it became here.

    Keyed on the site it came from, its kind and its WordPress id (term id, author login,
    post id), so running the same export twice finds every item instead of doubling it.
    """

    site = models.CharField(
        _("source site"),
        max_length=300,
        help_text=_("The WordPress site's base address, from the export."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind)
    source_id = models.CharField(_("WordPress id"), max_length=200)
    guid = models.CharField(_("GUID"), max_length=500, blank=True)
    source_url = models.CharField(
        _("WordPress address"),
        max_length=500,
        blank=True,
        help_text=_("The permalink, or the file's address for an attachment."),
    )
    checksum = models.CharField(
        _("checksum"),
        max_length=64,
        blank=True,
        help_text=_(
            "Of the source item as last imported; unchanged items are skipped."
        ),
    )
    article = models.ForeignKey(
        "articles.Article",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    photo = models.ForeignKey(
        "media_library.Photo",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    section = models.ForeignKey(
        "sections.Section",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section"),
    )
    author = models.ForeignKey(
        "authors.Author",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What the import could not carry over, e.g. a missing file."),
    )
    first_imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        ordering = ["site", "kind", "pk"]
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "source_id"], name="importeditem_once_per_site"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ItemKind.values),
                name="importeditem_kind_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["site", "kind", "source_url"], name="importeditem_url"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.source_id} from {self.site}"

    @property
    def file_missing(self) -> bool:
        """An attachment whose file was not in the media folder: no photo was made."""
        return self.kind == ItemKind.ATTACHMENT and self.photo_id is None
