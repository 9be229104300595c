from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# First path segments the site itself uses; a section there would hide the page or vice versa.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "authors",
        "corrections",
        "feed",
        "healthz",
        "media",
        "news-sitemap.xml",
        "preview",
        "robots.txt",
        "search",
        "sitemap.xml",
        "static",
        "tags",
    }
)


def validate_not_reserved(slug: str) -> None:
    if slug.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is already used by the site itself; choose another slug."),
            code="reserved",
            params={"slug": slug},
        )


class SectionQuerySet(models.QuerySet):
    def active(self):
        """Sections readers can browse."""
        return self.filter(is_active=True)


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("The section's address on the site, e.g. politics-security."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown on the section front."),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent section"),
        help_text=_("Leave empty for a top-level section."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Lower numbers come first in the navigation."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive sections are hidden from readers."),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug__in=sorted(RESERVED_SLUGS)),
                name="section_slug_not_reserved",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="section_not_own_parent",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])
