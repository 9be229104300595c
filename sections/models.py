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


class SiteSettings(models.Model):
    """The one row of site-wide chrome editors control: tagline, footer lists.

    The publication's name is not here: feeds, sitemaps and JSON-LD need it without a
    database read, so it is the `NEWSROOM_NAME` setting, the one place it is kept.
    """

    SINGLETON_PK = 1

    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("A short line under the site name in the masthead."),
    )
    footer_note = models.CharField(
        _("footer note"),
        max_length=300,
        blank=True,
        help_text=_("One line at the very bottom, e.g. an address or a mission."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1), name="sitesettings_single_row"
            ),
        ]

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)


class SocialNetwork(models.TextChoices):
    X = "x", _("X (Twitter)")
    BLUESKY = "bluesky", _("Bluesky")
    MASTODON = "mastodon", _("Mastodon")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    LINKEDIN = "linkedin", _("LinkedIn")
    YOUTUBE = "youtube", _("YouTube")
    NEWSLETTER = "newsletter", _("Newsletter")
    RSS = "rss", _("RSS")
    OTHER = "other", _("Other")


class SocialLink(models.Model):
    """One entry of the footer's “Connect with us” list."""

    site = models.ForeignKey(SiteSettings, models.CASCADE, related_name="social_links")
    network = models.CharField(
        _("network"), max_length=20, choices=SocialNetwork, default=SocialNetwork.X
    )
    label = models.CharField(
        _("label"),
        max_length=100,
        help_text=_("What readers see, e.g. “@meridianledger on X”."),
    )
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("social link")
        verbose_name_plural = _("“Connect with us” links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network__in=SocialNetwork.values),
                name="sociallink_network_valid",
            ),
        ]

    def __str__(self):
        return self.label


class Partner(models.Model):
    """One entry of the footer's “Our Partners” list."""

    site = models.ForeignKey(SiteSettings, models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=150)
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("“Our Partners” entries")

    def __str__(self):
        return self.name
