"""Shareable preview links: made and revoked here, by the admin and by anyone else."""

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from reversion.models import Revision

from articles.models import Article, PreviewLink


class PreviewRefused(Exception):
    """No link is made; the message says why, for the editor."""


def create_preview_link(
    *,
    article: Article,
    user: AbstractBaseUser | None,
    revision: Revision | None = None,
    note: str = "",
    days: int = PreviewLink.DEFAULT_DAYS,
) -> PreviewLink:
    """A new secret address for the article as it is now, or as it was in `revision`.

    A live article has a public address already; a link to its latest version would
    only be a second, unrevocable-looking copy of it, so that is refused.
    """
    if revision is None and article.is_published:
        raise PreviewRefused(
            _(
                "This article is already public: share its address. Preview links "
                "are for unpublished articles and earlier revisions."
            )
        )
    return PreviewLink.objects.create(
        article=article,
        revision=revision,
        note=note,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=days),
    )


def revoke_preview_link(*, link: PreviewLink) -> PreviewLink:
    """The link answers 404 from now on; revoking twice keeps the first time."""
    with transaction.atomic():
        locked = PreviewLink.objects.select_for_update().get(pk=link.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked


def keep_private(response: HttpResponse) -> HttpResponse:
    """Keep a preview out of every cache and every search index."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
