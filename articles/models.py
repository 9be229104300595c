"""The article and its byline; body blocks and the records kept about an article live
in `articles.blocks` and `articles.records` and are importable from here too."""

import functools
from urllib.parse import quote

from content_editor.models import Region
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.indexes import ListingIndex, SearchVectorIndex
from articles.photo_use import PhotoUse, caption_override_field, credit_override_field
from articles.querysets import (
    ArticleQuerySet,
    ArticleStatus,
    format_publication_time,
    not_trashed_condition,
    own_articles_condition,
    published_condition,
    scheduled_condition,
    visible_condition,
    works_on_condition,
)

# What reverse() leaves unquoted in a path.
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Markers for reversing the article address once; none can occur in the address's pattern.
_PATH_MARKERS = {
    "section": "section-marker",
    "year": 1234,
    "month": "56",
    "day": "78",
    "slug": "slug-marker",
}


@functools.cache
def _article_path_format() -> str:
    """`articles:detail` reversed once, as a format string without the script prefix."""
    path = reverse("articles:detail", kwargs=_PATH_MARKERS)
    path = path.removeprefix(get_script_prefix())
    path = path.replace("{", "{{").replace("}", "}}")
    for name, marker in _PATH_MARKERS.items():
        path = path.replace(str(marker), "{" + name + "}", 1)
    return path


@receiver(setting_changed)
def _forget_article_path_format(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _article_path_format.cache_clear()


def article_path(section_slug: str, day, slug: str) -> str:
    """An article's address, as reverse() gives it; a sitemap of a thousand articles
    then costs string formatting, not a thousand URL resolutions."""
    return article_path_writer()(section_slug, day, slug)


def article_path_writer():
    """article_path for a run of articles: the script prefix and the pattern are read
    once, and each section's slug is quoted once."""
    pattern = get_script_prefix() + _article_path_format()
    sections = {}

    def path(section_slug: str, day, slug: str) -> str:
        section = sections.get(section_slug)
        if section is None:
            section = sections[section_slug] = quote(section_slug, safe=URL_SAFE)
        return pattern.format(
            section=section,
            year=f"{day.year:04d}",
            month=f"{day.month:02d}",
            day=f"{day.day:02d}",
            slug=quote(slug, safe=URL_SAFE),
        )

    return path


def created_by_field(verbose_name=None) -> models.ForeignKey:
    """Who made the row (or did something to it); kept (as empty) when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=verbose_name or _("created by"),
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


class Article(PhotoUse, models.Model):
    # The hero is a photo use: its caption and credit may be overridden for this article.
    photo_attribute, caption_attribute, credit_attribute = (
        "hero",
        "hero_caption",
        "hero_credit",
    )

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
            "Set by the “Publish now” and “Schedule” buttons; readers see the "
            "article from this time on."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)
    created_by = created_by_field()
    hero = models.ForeignKey(
        "media_library.Photo",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of_articles",
        verbose_name=_("hero photo"),
    )
    hero_caption = caption_override_field(_("hero caption override"))
    hero_credit = credit_override_field(_("hero credit override"))
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
    trashed_at = models.DateTimeField(
        _("moved to the trash"), null=True, blank=True, editable=False
    )
    trashed_by = created_by_field(_("moved to the trash by"))
    # Plain text of the body blocks, for search snippets and the SQLite fallback.
    search_text = models.TextField(
        _("body text for search"), blank=True, editable=False
    )
    # Headline (A), dek (B) and body text (C); PostgreSQL only, kept current on save.
    search_vector = SearchVectorField(null=True, editable=False)
    # The body blocks as readers' HTML, made on the first view after a change and emptied
    # whenever a block or a photo it shows changes (articles.site.rendered_body).
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)

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
            # `trashed_at` rides along (INCLUDE, PostgreSQL) so that a list's count is an
            # index-only scan: every public list also asks "not in the trash".
            ListingIndex(
                "status",
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_listing_public",
                include=["trashed_at"],
            ),
            ListingIndex(
                "section",
                "status",
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_listing_section",
                include=["trashed_at"],
            ),
            # The admin's list (every status, newest first).
            ListingIndex(
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_newest_first",
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
        return article_path(self.section.slug, day, self.slug)

    @property
    def listed_at(self):
        """When the story joins its authors' lists (Byline.listed_at)."""
        if self.status == ArticleStatus.PUBLISHED and self.trashed_at is None:
            return self.published_at
        return None

    @property
    def is_published(self) -> bool:
        live = self.status == ArticleStatus.PUBLISHED and self.trashed_at is None
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
        return self.shown_caption

    @property
    def hero_credit_display(self) -> str:
        return self.shown_credit_formatted


class TrashedArticle(Article):
    """The same rows, listed in the admin as "Trash": restore from there, or purge."""

    class Meta:
        proxy = True
        verbose_name = _("article in the trash")
        verbose_name_plural = _("trash")


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
    # When the story joins its author's list (author page and feed), copied from the
    # story so that the list is read from one index in its own order: the publication
    # time while the story is published (live or scheduled) and outside the trash,
    # empty otherwise. Whether a story shows is still decided by the story's row; a
    # stale copy could only misplace it in the list (articles.signals keeps it current).
    listed_at = models.DateTimeField(null=True, blank=True, editable=False)

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
            # An author's list in its order, a page at a time (ArticleQuerySet.by_author).
            ListingIndex(
                models.F("author"),
                models.OrderBy(models.F("listed_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("article"), descending=True),
                name="byline_author_list",
            ),
        ]

    def __str__(self):
        return f"{self.author}, {self.role}" if self.role else str(self.author)

    def save(self, *args, **kwargs):
        # Freeze the title at the time of writing: a later promotion must not rewrite old bylines.
        if not self.role and self.author_id:
            self.role = self.author.job_title
        if self.article_id:
            self.listed_at = self.article.listed_at
        super().save(*args, **kwargs)


def relist_bylines(article: Article) -> None:
    """Set the story's bylines' listing time (Byline.listed_at) as the story is now
    (one query): after a save, and after anything that wrote bylines without one."""
    listed_at = article.listed_at
    Byline.objects.filter(article=article).exclude(listed_at=listed_at).update(
        listed_at=listed_at
    )


# Models defined beside this module; Django registers them when this module is loaded.
from articles.blocks import (  # noqa: E402
    BLOCK_MODELS,
    BODY_EXTENSIONS,
    ArticleBlock,
    EmbedBlock,
    PhotoBlock,
    PhotoLayout,
    PullQuoteBlock,
    RichTextBlock,
)
from articles.records import (  # noqa: E402
    ArticleRedirect,
    Autosave,
    Correction,
    CorrectionKind,
    CorrectionQuerySet,
    Notification,
    NotificationKind,
    PreviewLink,
    PreviewLinkQuerySet,
    WorkflowEvent,
    default_preview_expiry,
    new_preview_token,
)
from articles.stored_pages import (  # noqa: E402
    StoredCard,
    StoredPage,
    StoredPageKeyChange,
)

__all__ = [
    "not_trashed_condition",
    "own_articles_condition",
    "visible_condition",
    "works_on_condition",
    "BLOCK_MODELS",
    "BODY_EXTENSIONS",
    "Article",
    "TrashedArticle",
    "ArticleBlock",
    "ArticleQuerySet",
    "ArticleRedirect",
    "ArticleStatus",
    "ArticleTag",
    "Autosave",
    "Byline",
    "Correction",
    "CorrectionKind",
    "CorrectionQuerySet",
    "Notification",
    "NotificationKind",
    "EmbedBlock",
    "PhotoBlock",
    "PhotoLayout",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "PullQuoteBlock",
    "RichTextBlock",
    "StoredCard",
    "StoredPage",
    "StoredPageKeyChange",
    "WorkflowEvent",
    "default_preview_expiry",
    "format_publication_time",
    "new_preview_token",
    "published_condition",
    "scheduled_condition",
    "relist_bylines",
]
