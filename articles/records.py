"""What is kept about an article besides its text: workflow steps, old addresses,
corrections and preview links."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import (
    Article,
    ArticleStatus,
    created_by_field,
    format_publication_time,
)
from text.measure import shorten


def of_article(related_name: str) -> models.ForeignKey:
    """The article a record belongs to; it goes when the article goes."""
    return models.ForeignKey(
        Article, models.CASCADE, related_name=related_name, verbose_name=_("article")
    )


class WorkflowEvent(models.Model):
    """One step of an article along the workflow: who moved it, when, from where to where, and why."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="workflow_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ArticleStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=ArticleStatus)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("The article's publication time right after this step."),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_status__in=ArticleStatus.values)
                & models.Q(to_status__in=ArticleStatus.values),
                name="workflowevent_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.to_status_label}"

    @property
    def to_status_label(self) -> str:
        """What the step did in words: "Scheduled for …" when it set a future time."""
        if (
            self.to_status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > self.at
        ):
            return _("Scheduled for %(when)s") % {
                "when": format_publication_time(self.published_at)
            }
        return self.get_to_status_display()


class ArticleRedirect(models.Model):
    """An address an article was published under before its slug, section or date changed."""

    old_path = models.CharField(_("old address"), max_length=400, unique=True)
    article = of_article("redirects")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("old article address")
        verbose_name_plural = _("old article addresses")

    def __str__(self):
        return self.old_path


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    UPDATE = "update", _("Update")


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes on articles a reader may see now, newest first."""
        return (
            self.filter(article__in=Article.objects.published())
            .select_related("article__section")
            .order_by("-published_at", "-pk")
        )


class Correction(models.Model):
    """A correction, clarification or update note, published with its article."""

    article = of_article("corrections")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=CorrectionKind,
        default=CorrectionKind.CORRECTION,
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "What was wrong and what is right now, or what was added, in plain sentences."
        ),
    )
    published_at = models.DateTimeField(
        _("time shown"),
        default=timezone.now,
        help_text=_(
            "Shown next to the note on the article and in the corrections list."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = created_by_field()

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CorrectionKind.values),
                name="correction_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["-published_at"], name="correction_newest_first"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {shorten(self.text, 60)}"

    def get_absolute_url(self):
        """The note's place on its article's page."""
        url = self.article.get_absolute_url()
        return f"{url}#correction-{self.pk}" if url else None


def new_preview_token() -> str:
    return secrets.token_urlsafe(32)


def default_preview_expiry():
    return timezone.now() + timedelta(days=PreviewLink.DEFAULT_DAYS)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A secret address that shows an unpublished article to someone without an account."""

    DEFAULT_DAYS = 7

    article = of_article("preview_links")
    # Empty for a link that always shows the latest saved version.
    revision = models.ForeignKey(
        "reversion.Revision",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision"),
    )
    token = models.CharField(
        _("token"),
        max_length=64,
        unique=True,
        default=new_preview_token,
        editable=False,
    )
    note = models.CharField(
        _("shared with"),
        max_length=200,
        blank=True,
        help_text=_("Who the link is for, so it can be found and revoked later."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires"), default=default_preview_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return f"Preview of {self.article}"

    def get_absolute_url(self):
        return reverse("trust:preview", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to its writer")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")


class Notification(models.Model):
    """A workflow step told to one person: shown on their dashboard and sent by email."""

    # Shown on the dashboard until dismissed, and never when older than this.
    SHOWN_FOR = timedelta(days=14)

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    article = of_article("notifications")
    kind = models.CharField(_("what happened"), max_length=20, choices=NotificationKind)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The publication time of a scheduled story, as it was set by the step.
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("dismissed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values),
                name="notification_kind_valid",
            ),
        ]
        indexes = [
            # The dashboard's question: this person's unread ones, newest first.
            models.Index(
                "recipient",
                models.F("created_at").desc(),
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Autosave(models.Model):
    """Typing from an article's change form that was never saved, kept so that a crash
    or a closed tab loses nothing.

    Each autosave is a django-reversion revision holding the article's fields as typed,
    and this row beside it marks that revision as an autosave and keeps the whole form
    as it was posted, so that it can be put back into the form. An autosave never
    writes to the article itself: a story, live or not, changes only when someone
    presses Save. There is one per writer and article; a newer one replaces it, and the
    writer's own save of the form removes it.
    """

    revision = models.OneToOneField(
        "reversion.Revision", models.CASCADE, related_name="autosave"
    )
    article = of_article("autosaves")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="+",
        verbose_name=_("typed by"),
    )
    base_version = models.PositiveIntegerField(
        _("typed from version"),
        help_text=_("The article's version when the form was opened."),
    )
    form_data = models.JSONField(
        _("form"),
        default=list,
        help_text=_("The form's fields as [name, value] pairs."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="one_autosave_per_writer"
            ),
        ]
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")

    def __str__(self):
        return f"Autosave of {self.article_id} by {self.user_id}"
