import functools
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from authors.link_kinds import link_problem
from text.safe_links import with_safe_link_targets

# What an author's full bio may contain; nh3 strips everything else on save.
BIO_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": True,
    "Paragraph": True,
    "HardBreak": True,
}


# Stands for the slug while the author address is reversed once; no real slug has it.
_SLUG_MARKER = "author-slug-marker"


@functools.cache
def _author_path_format() -> str:
    """`articles:author` reversed once, as a format string without the script prefix."""
    path = reverse("articles:author", args=[_SLUG_MARKER])
    path = path.removeprefix(get_script_prefix()).replace("{", "{{").replace("}", "}}")
    return path.replace(_SLUG_MARKER, "{slug}", 1)


@receiver(setting_changed)
def _forget_author_path_format(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _author_path_format.cache_clear()


def author_path(slug: str) -> str:
    """An author page's address, as reverse() gives it, for the price of formatting a
    string: feeds and bylines name a hundred authors a page."""
    return get_script_prefix() + _author_path_format().format(slug=quote(slug, safe=""))


class AuthorQuerySet(models.QuerySet):
    def active(self):
        """Authors with a public page."""
        return self.filter(is_active=True)


class Author(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name=_("user account"),
        help_text=_(
            "The account that may edit this profile; leave empty for contributors without one."
        ),
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("As printed in the byline.")
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    job_title = models.CharField(
        _("job title"),
        max_length=150,
        blank=True,
        help_text=_(
            "E.g. “Diplomatic Correspondent”. New bylines start with this title."
        ),
    )
    short_bio = models.TextField(
        _("short bio"),
        blank=True,
        max_length=600,
        help_text=_(
            "Plain text, two or three sentences, for the bio box under each article."
        ),
    )
    bio = ProseEditorField(
        _("full bio"),
        blank=True,
        extensions=BIO_EXTENSIONS,
        sanitize=True,
        help_text=_("Shown on the author page."),
    )
    photo = models.ForeignKey(
        "media_library.Photo",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive authors keep their bylines but lose their page."),
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        permissions = [
            (
                "approve_author_changes",
                _("Can approve or reject correspondents' profile changes"),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Sanitise on every save, not only through forms: scripts and the demo write here too.
        self.bio = with_safe_link_targets(
            self._meta.get_field("bio").sanitize(self.bio)
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return author_path(self.slug)


class LinkKind(models.TextChoices):
    WEBSITE = "website", _("Website")
    X = "x", _("X (Twitter)")
    BLUESKY = "bluesky", _("Bluesky")
    MASTODON = "mastodon", _("Mastodon")
    LINKEDIN = "linkedin", _("LinkedIn")
    OTHER = "other", _("Other")


class AuthorLink(models.Model):
    author = models.ForeignKey(Author, models.CASCADE, related_name="links")
    kind = models.CharField(
        _("kind"), max_length=20, choices=LinkKind, default=LinkKind.WEBSITE
    )
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("public link")
        verbose_name_plural = _("public links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=LinkKind.values),
                name="authorlink_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"

    def clean(self):
        problem = link_problem(self.kind, self.url)
        if problem:
            raise ValidationError({"url": problem})


class ProfileChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AuthorProfileChange(models.Model):
    """A correspondent's proposed profile, kept apart from the live Author row until an editor approves it.

    `data` holds the proposed values of every field a correspondent may edit:
    {"short_bio": str, "bio": str, "photo": int | None, "links": [{"kind": str, "url": str}]}.
    """

    author = models.ForeignKey(
        Author,
        models.CASCADE,
        related_name="profile_changes",
        verbose_name=_("author"),
    )
    data = models.JSONField(_("proposed profile"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProfileChangeStatus,
        default=ProfileChangeStatus.PENDING,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(
        _("note to the correspondent"),
        blank=True,
        help_text=_("Required when rejecting: say what should change."),
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("author profile change")
        verbose_name_plural = _("author profile changes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProfileChangeStatus.values),
                name="authorprofilechange_status_valid",
            ),
            # A correspondent's further edits update the waiting proposal instead of piling up.
            models.UniqueConstraint(
                fields=["author"],
                condition=models.Q(status=ProfileChangeStatus.PENDING),
                name="authorprofilechange_one_pending_per_author",
            ),
        ]

    def __str__(self):
        return f"{self.author}: {self.get_status_display()}"
