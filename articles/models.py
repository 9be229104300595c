import secrets
from datetime import timedelta

from content_editor.models import Region, create_plugin_base
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.indexes import ListingIndex, SearchVectorIndex
from media_library.models import format_credit

# What the body's rich text may contain; nh3 strips everything else on save.
BODY_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
}


def format_publication_time(value) -> str:
    """A publication time as the desk reads it, in the site's time zone: "26 Nov 2025, 09:00"."""
    return dateformat.format(timezone.localtime(value), "j M Y, H:i")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


def published_condition(prefix: str = "") -> models.Q:
    """The one rule for what readers may see, as a condition; `prefix` reaches it
    across a relation (e.g. "bylines__article__") for counts and annotations."""
    return models.Q(
        **{
            f"{prefix}status": ArticleStatus.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


def scheduled_condition(prefix: str = "") -> models.Q:
    """Published but not yet due: the other half of `published_condition`."""
    return models.Q(
        **{
            f"{prefix}status": ArticleStatus.PUBLISHED,
            f"{prefix}published_at__gt": timezone.now(),
        }
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see now; scheduled ones stay hidden until their time."""
        return self.filter(published_condition())

    def scheduled(self):
        """Articles that will go out on their own at `published_at`, no one acting."""
        return self.filter(scheduled_condition())

    def withdrawn(self):
        """Articles that were out and were taken down: their address answers 410.

        One unpublished before its scheduled time never went out: its address stays a
        plain 404, so withdrawing a story does not reveal that it existed.
        """
        return self.filter(
            status=ArticleStatus.UNPUBLISHED, published_at__lte=timezone.now()
        )

    def for_listing(self):
        """Everything a list or card template touches, in a fixed number of queries."""
        return self.select_related("section", "hero").prefetch_related(
            models.Prefetch(
                "bylines", queryset=Byline.objects.select_related("author")
            ),
            "tags",
        )


class ArticleTag(TaggedItemBase):
    """One tag on one article: a real foreign key (bigint, indexed both ways), unlike
    taggit's generic `TaggedItem`, whose integer `object_id` no index can join to an article."""

    content_object = models.ForeignKey(
        "articles.Article", models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("tag link")
        verbose_name_plural = _("tag links")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="articletag_once_per_article"
            ),
        ]
        indexes = [
            # "The newest articles with this tag": related articles and tag sitemaps.
            models.Index(fields=["tag", "-content_object"], name="articletag_by_tag"),
        ]


class Article(models.Model):
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("The last part of the article's address."),
    )
    dek = models.CharField(
        _("dek"),
        max_length=400,
        blank=True,
        help_text=_(
            "One sentence under the headline that tells the reader why this matters."
        ),
    )
    section = models.ForeignKey(
        "sections.Section",
        models.PROTECT,
        related_name="articles",
        verbose_name=_("section"),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=100,
        blank=True,
        help_text=_("Where the story was reported, in capitals: KYIV."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ArticleStatus,
        default=ArticleStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "A time in the future schedules the article; readers see it from then on."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    hero = models.ForeignKey(
        "media_library.Photo",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of_articles",
        verbose_name=_("hero photo"),
    )
    hero_caption = models.TextField(
        _("hero caption override"),
        blank=True,
        help_text=_("Leave empty to use the photo library's caption."),
    )
    hero_credit = models.CharField(
        _("hero credit override"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the photo library's credit."),
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="Byline",
        related_name="articles",
        verbose_name=_("authors"),
    )
    tags = TaggableManager(
        _("tags"),
        through=ArticleTag,
        blank=True,
        help_text=_("People, places and topics, comma-separated."),
    )
    seo_title = models.CharField(
        _("SEO title"),
        max_length=200,
        blank=True,
        help_text=_("For search engines; defaults to the headline."),
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=300,
        blank=True,
        help_text=_("For search engines and social cards; defaults to the dek."),
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        verbose_name=_("related articles"),
        help_text=_("Chosen by editors; when empty, articles sharing tags are shown."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one with every saved edit; a stale edit is refused."),
    )
    # Plain text of the body blocks, for search snippets and the SQLite fallback.
    search_text = models.TextField(
        _("body text for search"), blank=True, editable=False
    )
    # Headline (A), dek (B) and body text (C); PostgreSQL only, kept current on save.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    regions = [Region(key="body", title=_("Body"))]

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "slug"], name="article_unique_slug_in_section"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ArticleStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        # The listings' order exactly (NULLS LAST included), so that a page is read
        # from the index in order and stops after its rows: no scan, no sort.
        indexes = [
            ListingIndex(
                "status",
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_public_listing",
            ),
            ListingIndex(
                "section",
                "status",
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_section_listing",
            ),
            # The sitemaps' "last modified": the newest edit without reading every row.
            models.Index(fields=["-updated_at"], name="article_recently_updated"),
            SearchVectorIndex(fields=["search_vector"], name="article_search_vector"),
        ]
        permissions = [
            ("edit_any_article", _("Can edit any article, not only their own drafts")),
            ("publish_article", _("Can publish and schedule articles")),
            ("unpublish_article", _("Can unpublish articles")),
            ("return_article", _("Can return articles to their writer")),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        """The public address, dated by first publication; None until the article has a date."""
        if self.published_at is None:
            return None
        day = timezone.localtime(self.published_at).date()
        return reverse(
            "articles:detail",
            kwargs={
                "section": self.section.slug,
                "year": day.year,
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_published(self) -> bool:
        live = self.status == ArticleStatus.PUBLISHED
        return (
            live
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        live = self.status == ArticleStatus.PUBLISHED
        return (
            live
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def hero_caption_display(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        return self.hero.caption if self.hero else ""

    @property
    def hero_credit_display(self) -> str:
        return format_credit(
            self.hero_credit or (self.hero.credit if self.hero else "")
        )


class Byline(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "authors.Author",
        models.PROTECT,
        related_name="bylines",
        verbose_name=_("author"),
    )
    role = models.CharField(
        _("title in byline"),
        max_length=150,
        blank=True,
        help_text=_(
            "Defaults to the author's job title; stays as written on this article."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="byline_author_once_per_article"
            ),
        ]
        indexes = [
            # An author's newest articles (author page, author sitemap) from the index.
            models.Index(fields=["author", "-article"], name="byline_by_author"),
        ]

    def __str__(self):
        return f"{self.author}, {self.role}" if self.role else str(self.author)

    def save(self, *args, **kwargs):
        # Freeze the title at the time of writing: a later promotion must not rewrite old bylines.
        if not self.role and self.author_id:
            self.role = self.author.job_title
        super().save(*args, **kwargs)


ArticleBlock = create_plugin_base(Article)


class RichTextBlock(ArticleBlock):
    text = ProseEditorField(_("text"), extensions=BODY_EXTENSIONS, sanitize=True)

    template_name = "articles/blocks/rich_text.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("rich text")
        verbose_name_plural = _("rich text")

    def __str__(self):
        # A space between paragraphs and subheads: "<p>One.</p><h2>Two</h2>" reads "One. Two".
        text = " ".join(strip_tags(self.text.replace("><", "> <")).split())
        return Truncator(text).words(10, truncate=" …")

    def save(self, *args, **kwargs):
        # Sanitise on every save, not only through forms: imports and scripts write here too.
        self.text = self._meta.get_field("text").sanitize(self.text)
        super().save(*args, **kwargs)


class PhotoLayout(models.TextChoices):
    INLINE = "inline", _("In the text column")
    WIDE = "wide", _("Wider than the text")


class PhotoBlock(ArticleBlock):
    photo = models.ForeignKey(
        "media_library.Photo",
        models.PROTECT,
        related_name="article_blocks",
        verbose_name=_("photo"),
    )
    caption = models.TextField(
        _("caption override"),
        blank=True,
        help_text=_("Leave empty to use the photo library's caption."),
    )
    credit = models.CharField(
        _("credit override"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the photo library's credit."),
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=PhotoLayout, default=PhotoLayout.INLINE
    )

    template_name = "articles/blocks/photo.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return str(self.photo)

    @classmethod
    def get_queryset(cls):
        return cls.objects.select_related("photo")

    @property
    def caption_display(self) -> str:
        return self.caption or self.photo.caption

    @property
    def credit_display(self) -> str:
        return format_credit(self.credit or self.photo.credit)


class PullQuoteBlock(ArticleBlock):
    text = models.TextField(_("quotation"))
    attribution = models.CharField(_("attribution"), max_length=200, blank=True)

    template_name = "articles/blocks/pull_quote.html"

    class Meta(ArticleBlock.Meta):
        verbose_name = _("pull quote")
        verbose_name_plural = _("pull quotes")

    def __str__(self):
        return self.text[:80]


BLOCK_MODELS = [RichTextBlock, PhotoBlock, PullQuoteBlock]


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
    article = models.ForeignKey(
        Article,
        models.CASCADE,
        related_name="redirects",
        verbose_name=_("article"),
    )
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

    article = models.ForeignKey(
        Article,
        models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

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
        return f"{self.get_kind_display()}: {self.text[:60]}"

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

    article = models.ForeignKey(
        Article,
        models.CASCADE,
        related_name="preview_links",
        verbose_name=_("article"),
    )
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
