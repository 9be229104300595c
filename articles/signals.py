"""Keep derived data current: page caches, search vectors and old article addresses."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleRedirect,
    ArticleStatus,
    ArticleTag,
    Byline,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
    relist_bylines,
)
from articles.site import purge_on_change, stored_pages
from articles.site.caching import chrome_changed, content_changed
from articles.site.purge_on_change import connect_save_and_delete
from articles.site.rendered_body import forget_bodies
from articles.site.search import refresh_search_vectors, update_search_vector
from authors.models import Author, AuthorLink
from media_library.models import Photo
from sections.models import Partner, Section, SiteSettings, SocialLink

# Everything a public page shows; a change to any of them invalidates cached pages.
PUBLIC_CONTENT_MODELS = [
    Article,
    Byline,
    RichTextBlock,
    PhotoBlock,
    PullQuoteBlock,
    EmbedBlock,
    Author,
    AuthorLink,
    Photo,
    Tag,
    ArticleTag,
]
# The masthead, navigation and footer: cached on their own, see caching.chrome_changed.
CHROME_MODELS = [Section, SiteSettings, SocialLink, Partner]
TEXT_BLOCK_MODELS = [RichTextBlock, PullQuoteBlock]


def connect() -> None:
    connect_save_and_delete(content_changed, PUBLIC_CONTENT_MODELS, "content-changed")
    connect_save_and_delete(chrome_changed, CHROME_MODELS, "chrome-changed")
    m2m_changed.connect(
        content_changed,
        sender=Article.related_articles.through,
        dispatch_uid="content-changed-related-articles",
    )
    post_save.connect(index_article, sender=Article, dispatch_uid="index-article")
    post_save.connect(list_bylines, sender=Article, dispatch_uid="list-bylines")
    for model in TEXT_BLOCK_MODELS:
        uid = f"index-{model._meta.label_lower}"
        post_save.connect(index_block_parent, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(
            index_block_parent, sender=model, dispatch_uid=f"{uid}-delete"
        )
    for model in [RichTextBlock, PhotoBlock, PullQuoteBlock, EmbedBlock]:
        uid = f"rendered-body-{model._meta.label_lower}"
        post_save.connect(forget_block_parent, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(
            forget_block_parent, sender=model, dispatch_uid=f"{uid}-delete"
        )
    # Bylined names and tags are in the search vector too (the desk finds an author's stories).
    post_save.connect(index_byline_article, sender=Byline, dispatch_uid="index-byline")
    post_delete.connect(index_byline_article, sender=Byline, dispatch_uid="unindex-bl")
    m2m_changed.connect(
        index_tagged_article, sender=ArticleTag, dispatch_uid="index-tags"
    )
    for model in [Author, Tag]:
        uid = f"index-{model._meta.label_lower}-name"
        pre_save.connect(remember_name, sender=model, dispatch_uid=f"{uid}-old")
        post_save.connect(index_renamed, sender=model, dispatch_uid=uid)
    post_save.connect(forget_photo_users, sender=Photo, dispatch_uid="rendered-photo")
    pre_save.connect(remember_public_path, sender=Article, dispatch_uid="old-path")
    post_save.connect(record_moved_article, sender=Article, dispatch_uid="moved")
    pre_save.connect(remember_section_slug, sender=Section, dispatch_uid="old-slug")
    post_save.connect(record_moved_section, sender=Section, dispatch_uid="moved-s")
    stored_pages.connect()
    # Last: the purge is sent after the page cache's generation is bumped on commit,
    # so the HTTP cache refetches a fresh page, not the in-Django cached one.
    purge_on_change.connect()


def index_article(sender, instance, raw=False, **kwargs):
    if not raw:
        update_search_vector(instance)


# What Byline.listed_at is copied from.
LISTING_FIELDS = frozenset({"status", "published_at", "trashed_at"})


def list_bylines(sender, instance, raw=False, update_fields=None, **kwargs):
    """Keep the story's bylines in their authors' lists as the story is (one query)."""
    if raw or (update_fields is not None and not LISTING_FIELDS & set(update_fields)):
        return
    relist_bylines(instance)


def index_block_parent(sender, instance, raw=False, **kwargs):
    if raw:
        return
    article = Article.objects.filter(pk=instance.parent_id).first()
    if article is not None:
        update_search_vector(article)


def index_byline_article(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_vectors([instance.article_id])


def index_tagged_article(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article):
        refresh_search_vectors([instance.pk])


def remember_name(sender, instance, raw=False, **kwargs):
    instance._previous_name = None
    if not raw and instance.pk is not None:
        previous = sender.objects.filter(pk=instance.pk).values_list("name", flat=True)
        instance._previous_name = previous.first()


def index_renamed(sender, instance, created=False, raw=False, **kwargs):
    """A renamed author or tag: every article carrying the name is indexed again."""
    old_name = getattr(instance, "_previous_name", None)
    if raw or created or old_name is None or old_name == instance.name:
        return
    if sender is Tag:
        articles = ArticleTag.objects.filter(tag=instance).values("content_object")
    else:
        articles = Byline.objects.filter(author=instance).values("article")
    refresh_search_vectors(articles)


def forget_block_parent(sender, instance, raw=False, **kwargs):
    """A changed block changes its article's rendered body."""
    if not raw:
        forget_bodies([instance.parent_id])


def forget_photo_users(sender, instance, raw=False, **kwargs):
    """A photo's caption, credit, crops or files appear in every body that shows it."""
    if not raw:
        forget_bodies(
            PhotoBlock.objects.filter(photo=instance).values("parent_id").distinct()
        )


def remember_public_path(sender, instance, raw=False, **kwargs):
    """Note the address the article is published under before this save changes it."""
    instance._previous_public_path = None
    if raw or instance.pk is None:
        return
    previous = (
        Article.objects.select_related("section")
        .filter(pk=instance.pk, status=ArticleStatus.PUBLISHED)
        .first()
    )
    if previous is not None:
        instance._previous_public_path = previous.get_absolute_url()


def record_moved_article(sender, instance, raw=False, **kwargs):
    """Keep the previous address alive as a redirect when slug, section or date changed."""
    old_path = getattr(instance, "_previous_public_path", None)
    new_path = instance.get_absolute_url()
    if new_path:
        # The article owns this address again; a redirect from it would point at itself.
        ArticleRedirect.objects.filter(old_path=new_path).delete()
    if old_path and old_path != new_path:
        ArticleRedirect.objects.update_or_create(
            old_path=old_path, defaults={"article": instance}
        )


def remember_section_slug(sender, instance, raw=False, **kwargs):
    instance._previous_slug = None
    if raw or instance.pk is None:
        return
    instance._previous_slug = (
        Section.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    )


def record_moved_section(sender, instance, raw=False, **kwargs):
    """A renamed section moves all its published articles: keep each old address."""
    old_slug = getattr(instance, "_previous_slug", None)
    if not old_slug or old_slug == instance.slug:
        return
    published = Article.objects.filter(section=instance, status=ArticleStatus.PUBLISHED)
    for article in published.only("pk", "slug", "published_at"):
        day = timezone.localtime(article.published_at).date()
        old_path = reverse(
            "articles:detail",
            kwargs={
                "section": old_slug,
                "year": day.year,
                "month": day.month,
                "day": day.day,
                "slug": article.slug,
            },
        )
        ArticleRedirect.objects.update_or_create(
            old_path=old_path, defaults={"article": article}
        )
