"""Reverting an article to an earlier revision of its whole story.

Every saved edit is a revision (see `articles.trust.revisions`); reverting restores the
fields, body blocks, bylines and tags and is itself a new revision, so nothing is ever
lost. Status and publication time stay: only the workflow changes those.
"""

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Revision, Version

from articles.models import Article, ArticleTag, PhotoBlock, relist_bylines
from articles.trust.concurrency import StaleEditError
from articles.trust.revisions import (
    StoredStory,
    record_story,
    story_parts,
    unpack_revision,
)
from authors.models import Author
from media_library.models import Photo
from sections.models import Section
from text.times import format_desk_time

# Fields that belong to the workflow or to bookkeeping, not to the text: a revert keeps
# their current values (status changes only through articles/workflow.py).
KEPT_ON_REVERT = ["status", "published_at", "created_at", "created_by", "version"]


class RevertRefused(Exception):
    """A revision cannot be restored; the message says why, for the editor."""


def _check_dependencies(stored: StoredStory):
    """Refuse early, with names, when a revision points at something since deleted."""
    article_fields = stored.fields
    missing = []
    section_id = article_fields.get("section_id")
    if section_id and not Section.objects.filter(pk=section_id).exists():
        missing.append(_("its section"))
    photo_ids = {b.photo_id for b in stored.blocks if isinstance(b, PhotoBlock)}
    if article_fields.get("hero_id"):
        photo_ids.add(article_fields["hero_id"])
    found = set(Photo.objects.filter(pk__in=photo_ids).values_list("pk", flat=True))
    if photo_ids - found:
        missing.append(_("a photo"))
    author_ids = {byline.author_id for byline in stored.bylines}
    found = set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    if author_ids - found:
        missing.append(_("an author in its bylines"))
    if missing:
        raise RevertRefused(
            _("This revision cannot be restored: %(what)s has since been deleted.")
            % {"what": _(" and ").join(missing)}
        )


def revert_article(
    *,
    article: Article,
    revision: Revision,
    user: AbstractBaseUser | None,
    expected_version: int | None = None,
) -> Revision:
    """Restore the story as it was in `revision`, recorded as a new revision.

    Fields, body blocks, bylines and tags come back; status, publication time and the
    version counter keep their current values. Corrections and preview links stay.
    """
    stored = unpack_revision(revision, article.pk)
    if stored.article_version is None:
        raise RevertRefused(_("This revision does not belong to this article."))
    old = stored.fields
    part_versions = stored.part_versions
    _check_dependencies(stored)

    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(
                article_pk=article.pk, expected_version=expected_version
            )

        # Story parts added after the revision go; the revision's own come back.
        kept = {(v.content_type.model_class(), v.object_id) for v in part_versions}
        for part in story_parts(current):
            if isinstance(part, ArticleTag):
                continue
            if (type(part), str(part.pk)) not in kept:
                part.delete()

        for name, value in old.items():
            if name in ("id", "related_articles", "tags", "tagged_items"):
                continue
            if name.removesuffix("_id") in KEPT_ON_REVERT or name in KEPT_ON_REVERT:
                continue
            setattr(current, name, value)
        current.version = current.version + 1
        try:
            current.validate_constraints()
        except ValidationError as error:
            raise RevertRefused(" ".join(error.messages)) from error
        current.save()
        if "related_articles" in old:
            current.related_articles.set(
                Article.objects.filter(pk__in=old["related_articles"])
            )

        try:
            for version in part_versions:
                with transaction.atomic():
                    version.revert()
        except (IntegrityError, ObjectDoesNotExist, RevertError) as error:
            raise RevertRefused(
                _("This revision cannot be restored: %(error)s") % {"error": error}
            ) from error
        current.tags.set(stored.tag_names)
        # The restored bylines carry the listing time of their day; the story keeps
        # its status and publication time, and so its place in its authors' lists.
        relist_bylines(current)

        reversion.set_user(user)
        reversion.set_comment(
            _("Reverted to the revision of %(when)s.")
            % {"when": format_desk_time(revision.date_created)}
        )
        record_story(current)
    article.refresh_from_db()
    return (
        Version.objects.get_for_object(current)
        .select_related("revision")
        .order_by("-pk")
        .first()
        .revision
    )
