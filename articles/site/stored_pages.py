"""The story part of an article page, rendered once and stored (articles.stored_pages).

A published article's head tags and main column (headline, bylines, photos with their
srcsets, body, corrections, tags, bio boxes, related stories) depend on the story and
the few things it shows, not on the request. The first view after a change renders them
as before and stores the HTML with a key for each thing shown (`article-<pk>` for the
story and every related story, `author-`, `photo-`, `tag-`, `section-`); later cache
misses read one row and render only the site chrome around it.

A change to anything a page shows deletes the page, once the change commits. Rows read
by a render that began before a change may already be stale, so a page whose keys
changed after its render began is served but not stored. Pages made by other templates,
static files or settings are ignored (`fingerprint`): a deploy needs no clean-up.
Drafts, scheduled and unpublished stories are never stored.
"""

import hashlib
import threading
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from taggit.models import Tag

from articles.models import (
    BLOCK_MODELS,
    Article,
    ArticleTag,
    Byline,
    Correction,
    StoredCard,
    StoredPage,
    StoredPageKeyChange,
    published_condition,
)
from articles.site.purge_on_change import STORY_MODELS, connect_save_and_delete
from authors.models import Author, AuthorLink
from dbtools.prepared import PreparedQuery
from media_library.models import Photo
from sections.models import Section

TEMPLATE = "articles/article_detail.html"
STORED_BLOCKS = ("meta", "content")
# Raised when what a stored page holds changes shape: older rows are then ignored.
STORED_FORMAT = 2
# Application servers' clocks may disagree by this much.
CLOCK_MARGIN = timedelta(seconds=5)
_pending = threading.local()


@cache
def fingerprint() -> str:
    """What the stored HTML was made with: templates, static file names, settings."""
    digest = hashlib.sha256(f"format {STORED_FORMAT}".encode())
    for root in [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]:
        for path in sorted(root.rglob("*.html")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or "") / "staticfiles.json"
    if settings.STATIC_ROOT and manifest.is_file():
        digest.update(manifest.read_bytes())
    for name in ("SITE_URL", "TIME_ZONE", "LANGUAGE_CODE", "STATIC_URL", "MEDIA_URL"):
        digest.update(f"{name}={getattr(settings, name, '')}".encode())
    digest.update(repr(sorted(settings.STORAGES.items())).encode())
    return digest.hexdigest()[:32]


def _stored_page_at(section, slug, day_starts, day_ends, fingerprint, now):
    return (
        StoredPage.objects.filter(
            published_condition("article__", now=now),
            article__section__slug=section,
            article__slug=slug,
            article__published_at__gte=day_starts,
            article__published_at__lt=day_ends,
            fingerprint=fingerprint,
        )
        .order_by()
        .values_list(*PAGE_AT_FIELDS)[:1]
    )


PAGE_AT_FIELDS = ("title", "head_html", "main_html", "surrogate_keys", "nav_section")
# Run on most article requests: compiled once (dbtools.prepared).
_page_at = PreparedQuery(
    _stored_page_at,
    section=str,
    slug=str,
    day_starts=datetime,
    day_ends=datetime,
    fingerprint=str,
    now=datetime,
)


def page_at(section: str, day: date, slug: str) -> StoredPage | None:
    """The stored page of the story published in `section` on `day` (desk time) under
    `slug`, while it is published: the address resolved as the full view resolves it,
    in one query on the story's current row, so a story taken down or moved by any
    path (even one that sent no signal) is never served from here."""
    day_starts = timezone.make_aware(datetime.combine(day, time.min))
    day_ends = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    row = _page_at.first(
        section=section,
        slug=slug,
        day_starts=day_starts,
        day_ends=day_ends,
        fingerprint=fingerprint(),
        now=timezone.now(),
    )
    return StoredPage(**dict(zip(PAGE_AT_FIELDS, row, strict=True))) if row else None


def usable(article: Article) -> StoredPage | None:
    """The stored page of an article fetched with `select_related("stored_page")`."""
    try:
        page = article.stored_page
    except StoredPage.DoesNotExist:
        return None
    return page if page.fingerprint == fingerprint() else None


def dependency_keys(article: Article, related) -> set[str]:
    """Everything the story part shows, from an article with its relations prefetched.

    Photos inside the body are not listed: a change to one empties the stored body of
    each story showing it (rendered_body.forget_bodies), which deletes the page too.
    """
    keys = {f"article-{article.pk}", f"section-{article.section_id}"}
    keys.update(f"article-{item.pk}" for item in related)
    if article.section.parent_id:
        keys.add(f"section-{article.section.parent_id}")
    if article.hero_id:
        keys.add(f"photo-{article.hero_id}")
    for byline in article.bylines.all():
        keys.add(f"author-{byline.author_id}")
        if byline.author.photo_id:
            keys.add(f"photo-{byline.author.photo_id}")
    keys.update(f"tag-{tag.pk}" for tag in article.tags.all())
    keys.update(f"photo-{item.hero_id}" for item in related if item.hero_id)
    return keys


def render_parts(request, context: dict) -> dict[str, SafeString]:
    """The stored blocks of the article template, rendered as the full page would."""
    template = get_template(TEMPLATE).template
    blocks = {
        node.name: node
        for node in template.nodelist.get_nodes_by_type(BlockNode)
        if node.name in STORED_BLOCKS
    }
    render_context = make_context(context, request)
    with render_context.bind_template(template):
        return {name: mark_safe(blocks[name].render(render_context)) for name in blocks}


def store(page: StoredPage, keys: set[str], started_at: datetime) -> None:
    """Keep the page, unless something it shows changed since `started_at` (two queries)."""
    changed = StoredPageKeyChange.objects.filter(
        key__in=keys, changed_at__gte=started_at - CLOCK_MARGIN
    )
    if changed.exists():
        return
    page.fingerprint = fingerprint()
    page.dependencies = dict.fromkeys(sorted(keys), 1)
    page.rendered_at = timezone.now()
    StoredPage.objects.bulk_create(
        [page],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=[
            field.attname
            for field in StoredPage._meta.concrete_fields
            if not field.primary_key
        ],
    )


def render_started() -> datetime:
    return timezone.now()


# Invalidation ------------------------------------------------------------------------


def changed_keys(instance) -> set[str]:
    """The keys a save or delete of `instance` changes; read from the row, no query."""
    if isinstance(instance, Article):
        return {f"article-{instance.pk}"}
    if isinstance(instance, Byline | Correction):
        return {f"article-{instance.article_id}"}
    if isinstance(instance, tuple(BLOCK_MODELS)):
        return {f"article-{instance.parent_id}"}
    if isinstance(instance, ArticleTag):
        return {f"article-{instance.content_object_id}"}
    if isinstance(instance, Tag):
        return {f"tag-{instance.pk}"}
    if isinstance(instance, Author):
        return {f"author-{instance.pk}"}
    if isinstance(instance, AuthorLink):
        return {f"author-{instance.author_id}"}
    if isinstance(instance, Photo):
        return {f"photo-{instance.pk}"}
    if isinstance(instance, Section):
        return {f"section-{instance.pk}"}
    return set()


def delete_pages_showing(keys) -> None:
    """Delete stored pages and cards showing any of `keys`."""
    keys = sorted(keys)
    StoredPage.objects.filter(dependencies__has_any_keys=keys).delete()
    StoredCard.objects.filter(dependencies__has_any_keys=keys).delete()


def forget(keys) -> None:
    """Record that `keys` changed and delete the stored pages showing any of them."""
    keys = sorted(set(keys))
    if not keys:
        return
    now = timezone.now()
    StoredPageKeyChange.objects.bulk_create(
        [StoredPageKeyChange(key=key, changed_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["changed_at"],
    )
    delete_pages_showing(keys)


def forget_articles(article_pks) -> None:
    """Delete the stored pages showing these articles (their own and related boxes)."""
    request_forget({f"article-{pk}" for pk in article_pks})


def request_forget(keys) -> None:
    """Forget `keys` now, and again once the current transaction commits (one batch):
    a reader may store a page from the old rows while this transaction is open."""
    keys = set(keys)
    if not keys:
        return
    if not connection.in_atomic_block:
        forget(keys)
        return
    delete_pages_showing(keys)
    _pending.keys = getattr(_pending, "keys", None) or set()
    _pending.keys |= keys
    transaction.on_commit(_flush)


def _flush() -> None:
    keys = getattr(_pending, "keys", None) or set()
    _pending.keys = None
    forget(keys)


def content_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        request_forget(changed_keys(instance))


def related_articles_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        request_forget(changed_keys(instance))


def connect() -> None:
    connect_save_and_delete(content_changed, STORY_MODELS, "stored-page")
    for through in (Article.related_articles.through, ArticleTag):
        m2m_changed.connect(
            related_articles_changed,
            sender=through,
            dispatch_uid=f"stored-page-m2m-{through._meta.label_lower}",
        )
