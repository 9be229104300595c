"""Which surrogate keys a saved or deleted object makes stale, and the signal receivers.

Drafts are nobody's business but the desk's: editing one purges nothing. Publishing,
scheduling, unpublishing and editing a live story purge the story, every list it is or
was on (its section fronts, authors, tags, the home page), feeds and sitemaps.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleStatus,
    ArticleTag,
    Byline,
    Correction,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from articles.site import surrogate_keys as sk
from articles.site.purge import purge_enabled, request_purge
from authors.models import Author, AuthorLink
from media_library.models import Photo
from sections.models import Partner, Section, SiteSettings, SocialLink

CHROME_MODELS = (SiteSettings, SocialLink, Partner)
BLOCK_MODELS = (RichTextBlock, PullQuoteBlock, PhotoBlock, EmbedBlock)


def article_keys(article_pk, *, also_sections=()) -> set[str]:
    """A public article's keys and those of every list showing it; none for a draft."""
    row = (
        Article.objects.filter(pk=article_pk)
        .values("status", "section_id", "section__parent_id")
        .first()
    )
    if row is None or row["status"] != ArticleStatus.PUBLISHED:
        if not also_sections:
            return set()
        row = row or {"section_id": None, "section__parent_id": None}
    authors = Byline.objects.filter(article=article_pk).values_list(
        "author_id", flat=True
    )
    tags = ArticleTag.objects.filter(content_object=article_pk).values_list(
        "tag_id", flat=True
    )
    return sk.keys_for(
        articles=[article_pk],
        sections=[row["section_id"], row["section__parent_id"], *also_sections],
        authors=list(authors),
        tags=list(tags),
        extra=sk.LISTINGS,
    )


def remember_published_state(sender, instance, raw=False, **kwargs):
    """Before an article is saved: was it public, and in which sections (it may move)?"""
    instance._purge_sections = ()
    if raw or instance.pk is None:
        return
    row = (
        Article.objects.filter(pk=instance.pk, status=ArticleStatus.PUBLISHED)
        .values("section_id", "section__parent_id")
        .first()
    )
    if row is not None:
        instance._purge_sections = (row["section_id"], row["section__parent_id"])


def keys_for_change(instance) -> set[str]:
    """The keys a change to `instance` makes stale."""
    if isinstance(instance, Article):
        return article_keys(
            instance.pk, also_sections=getattr(instance, "_purge_sections", ())
        )
    if isinstance(instance, Byline):
        return article_keys(instance.article_id) | sk.keys_for(
            authors=[instance.author_id]
        )
    if isinstance(instance, BLOCK_MODELS):
        return article_keys(instance.parent_id)
    if isinstance(instance, Correction):
        return article_keys(instance.article_id)
    if isinstance(instance, ArticleTag):
        return sk.keys_for(tags=[instance.tag_id]) | article_keys(
            instance.content_object_id
        )
    if isinstance(instance, Tag):
        return sk.keys_for(tags=[instance.pk], extra=[sk.FEEDS])
    if isinstance(instance, Author | AuthorLink):
        author = instance.pk if isinstance(instance, Author) else instance.author_id
        return sk.keys_for(authors=[author], extra=[sk.AUTHOR_INDEX, sk.FEEDS])
    if isinstance(instance, Photo):
        return photo_keys(instance)
    if isinstance(instance, Section):
        return sk.keys_for(
            sections=[instance.pk], extra=[sk.CHROME, sk.FEEDS, sk.SITEMAPS]
        )
    if isinstance(instance, CHROME_MODELS):
        return {sk.CHROME, sk.FEEDS}
    return set()


def photo_keys(photo) -> set[str]:
    """Pages drawing this photo: articles using it (hero or block) and authors it portrays."""
    keys = set()
    users = Article.objects.filter(hero=photo).values_list("pk", flat=True)
    in_blocks = PhotoBlock.objects.filter(photo=photo).values_list(
        "parent_id", flat=True
    )
    for article_pk in {*users, *in_blocks}:
        keys |= article_keys(article_pk)
    authors = Author.objects.filter(photo=photo).values_list("pk", flat=True)
    if authors:
        keys |= sk.keys_for(authors=authors, extra=[sk.AUTHOR_INDEX])
    return keys


def purge_changed(sender, instance, raw=False, signal=None, **kwargs):
    if raw or not purge_enabled():
        return
    if signal is post_delete and isinstance(instance, Article):
        # The row is gone: purge what it was on, published or not.
        keys = sk.keys_for(
            articles=[instance.pk], sections=[instance.section_id], extra=sk.LISTINGS
        )
    else:
        keys = keys_for_change(instance)
    request_purge(keys)


def purge_related_articles(sender, instance, action, **kwargs):
    if action.startswith("post_") and purge_enabled():
        request_purge(article_keys(instance.pk))


# What a story's page shows (stored_pages watches the same), then the chrome.
STORY_MODELS = (
    Article,
    Byline,
    *BLOCK_MODELS,
    Correction,
    Tag,
    ArticleTag,
    Author,
    AuthorLink,
    Photo,
    Section,
)
WATCHED_MODELS = (*STORY_MODELS, *CHROME_MODELS)


def connect_save_and_delete(receiver, models, prefix: str) -> None:
    """Call `receiver` after every save and delete of each model."""
    for model in models:
        uid = f"{prefix}-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")


def connect() -> None:
    pre_save.connect(
        remember_published_state, sender=Article, dispatch_uid="purge-remember"
    )
    connect_save_and_delete(purge_changed, WATCHED_MODELS, "purge")
    m2m_changed.connect(
        purge_related_articles,
        sender=Article.related_articles.through,
        dispatch_uid="purge-related-articles",
    )
