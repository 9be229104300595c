"""The trash: "Delete" in the admin moves a story here instead of destroying it.

A trashed article keeps its row, bylines, body, history and preview links; it only
leaves every surface at once, because `published_condition()` and the admin's
querysets (`articles.roles`) exclude it. Its address answers 410 if it had been live.
Editors restore it as it was; only a superuser removes it for good.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version

from articles.models import Article


def may_trash(user) -> bool:
    return user.has_perm("articles.delete_article")


def may_purge(user) -> bool:
    return user.is_active and user.is_superuser


def _locked(article: Article) -> Article:
    # Locked so that a trash and a restore of the same story cannot interleave.
    return Article.objects.select_for_update().get(pk=article.pk)


def trash_article(*, article: Article, user) -> Article:
    """Move the article to the trash; a second call leaves the first time and user."""
    return _set_trashed(article, user, trashed=True)


def restore_article(*, article: Article, user) -> Article:
    """Take the article out of the trash, with its status, history and links unchanged."""
    return _set_trashed(article, user, trashed=False)


def _set_trashed(article: Article, user, *, trashed: bool) -> Article:
    if not may_trash(user):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(article)
        if (locked.trashed_at is not None) != trashed:
            locked.trashed_at = timezone.now() if trashed else None
            locked.trashed_by = user if trashed else None
            # A plain save: its signals drop cached pages and refresh the search index.
            locked.save(update_fields=["trashed_at", "trashed_by"])
    article.trashed_at, article.trashed_by = locked.trashed_at, locked.trashed_by
    return locked


def purge_article(*, article: Article, user) -> None:
    """Delete a trashed article for good, with its stored revisions; superusers only."""
    if not may_purge(user):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(article)
        if locked.trashed_at is None:
            raise PermissionDenied("Only an article in the trash can be purged.")
        # Each revision holds one save of this story (its blocks and bylines too).
        revisions = Version.objects.get_for_object(locked).values("revision_id")
        Revision.objects.filter(pk__in=revisions).delete()
        locked.delete()
