"""Concurrent edits never silently overwrite: the article's version counter.

An edit names the version it started from; `claim_next_version` moves the counter only
if nobody saved in between, and a stale edit is refused with who saved last and when.
"""

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from articles.models import Article
from articles.trust.revisions import article_versions, record_story


@dataclass
class LastSave:
    """Who made the article's latest saved edit, and when."""

    user_name: str
    saved_at: datetime | None
    version: int


def user_display_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def last_save(article_pk: int) -> LastSave:
    article = Article.objects.get(pk=article_pk)
    latest = article_versions(article).first()
    if latest is None:
        return LastSave(user_display_name(None), article.updated_at, article.version)
    return LastSave(
        user_display_name(latest.revision.user),
        latest.revision.date_created,
        article.version,
    )


class StaleEditError(Exception):
    """An edit started from an older version than the one now saved."""

    def __init__(self, *, article_pk: int, expected_version: int):
        self.article_pk = article_pk
        self.expected_version = expected_version
        self.last_save = last_save(article_pk)
        super().__init__(
            f"Article {article_pk} is at version {self.last_save.version}, "
            f"the edit started from version {expected_version}."
        )


def claim_next_version(*, article_pk: int, expected_version: int) -> int:
    """Move the counter from `expected_version` to the next one, or refuse.

    One conditional UPDATE: of two concurrent requests with the same expectation, the
    database lets exactly one through (the other waits for the row, then finds the
    counter already moved).
    """
    claimed = Article.objects.filter(pk=article_pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEditError(article_pk=article_pk, expected_version=expected_version)
    return expected_version + 1


def save_article_edit(
    *,
    article: Article,
    expected_version: int,
    user: AbstractBaseUser | None,
    comment: str = "",
) -> Article:
    """Save an edit made from `expected_version` as a new revision; refuse a stale one."""
    with transaction.atomic(), reversion.create_revision():
        article.version = claim_next_version(
            article_pk=article.pk, expected_version=expected_version
        )
        article.full_clean()
        article.save()
        reversion.set_user(user)
        reversion.set_comment(comment or _("Edited."))
        record_story(article)
    return article
