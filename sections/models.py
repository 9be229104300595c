import functools
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
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
        # Every page draws the whole navigation twice: resolve each front's address once.
        return get_script_prefix() + _section_path(self.slug)


@functools.lru_cache(maxsize=1024)
def _section_path(slug: str) -> str:
    return reverse("articles:section", args=[slug]).removeprefix(get_script_prefix())


@receiver(setting_changed)
def _forget_section_paths(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _section_path.cache_clear()


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
    logo = models.ImageField(
        _("logo"),
        upload_to="partners/",
        blank=True,
        help_text=_(
            "Shown beside the name in the footer; JPEG, PNG or WebP, "
            "checked like every photo upload."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("“Our Partners” entries")

    def __str__(self):
        return self.name


def hash_api_key(raw_key: str) -> str:
    """What is stored for a key: its SHA-256. The key is 32 random bytes, so a fast
    hash is enough (nothing to brute-force), and a lookup by hash needs one index."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


class PartnerKeyQuerySet(models.QuerySet):
    def active(self):
        """Keys that still open the API: not revoked."""
        return self.filter(revoked_at__isnull=True)


class PartnerKey(models.Model):
    """A partner's key for the content API; only its hash is kept, the key itself is
    shown once when it is issued."""

    PREFIX_LENGTH = 8

    partner = models.ForeignKey(
        Partner, models.CASCADE, related_name="api_keys", verbose_name=_("partner")
    )
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("What the key is for, e.g. “mobile app” or “wire desk import”."),
    )
    prefix = models.CharField(
        _("starts with"),
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text=_("The first characters of the key, to tell keys apart."),
    )
    key_hash = models.CharField(
        _("key hash"), max_length=64, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, editable=False)
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, editable=False
    )

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")

    def __str__(self):
        return f"{self.partner} – {self.prefix}…"

    @classmethod
    def issue(cls, *, partner: Partner, label: str = "") -> tuple["PartnerKey", str]:
        """A new key for `partner`; returns the row and the key, which is never stored."""
        key = cls(partner=partner, label=label)
        raw_key = key.set_new_key()
        key.save()
        return key, raw_key

    def set_new_key(self) -> str:
        """Give this (unsaved) row a fresh key; returns the key for showing once."""
        raw_key = secrets.token_urlsafe(32)
        self.prefix = raw_key[: self.PREFIX_LENGTH]
        self.key_hash = hash_api_key(raw_key)
        return raw_key

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ChromeSnapshot(models.Model):
    """The chrome as one row of JSON (sections.chrome), so that an uncached page reads
    the masthead, navigation and footer lists in one small query. Derived data: deleted
    whenever a section, the settings, a social link or a partner changes, and built
    again by the next page."""

    SINGLETON_PK = 1

    data = models.JSONField()
    built_at = models.DateTimeField()

    class Meta:
        verbose_name = _("chrome snapshot")
        verbose_name_plural = _("chrome snapshots")

    def __str__(self):
        return f"Chrome snapshot of {self.built_at:%Y-%m-%d %H:%M:%S}"
