"""An article's history: every saved edit is a revision of the whole story.

A revision (django-reversion) holds the article's fields, its body blocks, its bylines
and its tag links. Reverting restores all of them and is itself a new revision, so
nothing is ever lost. The version counter on `Article` makes concurrent edits safe:
an edit names the version it started from and is refused if someone saved since.
"""

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from articles.models import (
    BLOCK_MODELS,
    Article,
    ArticleTag,
    Byline,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from articles.text import html_to_text
from authors.models import Author
from media_library.models import Photo
from sections.models import Section

# Related records that belong to the story and travel with every revision. Corrections
# and preview links are deliberately absent: a revert must never remove them.
STORY_PARTS = [
    "articles_richtextblock_set",
    "articles_photoblock_set",
    "articles_pullquoteblock_set",
    "bylines",
    "tagged_items",
]

# Fields that belong to the workflow or to bookkeeping, not to the text: a revert keeps
# their current values (status changes only through articles/workflow.py).
KEPT_ON_REVERT = ["status", "published_at", "created_at", "created_by", "version"]

# Fields shown when two revisions are compared, in the order an editor reads them.
COMPARED_FIELDS = [
    "headline",
    "dek",
    "section",
    "dateline",
    "hero",
    "hero_caption",
    "hero_credit",
    "slug",
    "seo_title",
    "seo_description",
    "related_articles",
]


def register_history() -> None:
    """Put the article and its story parts under version control (called once, at startup)."""
    if reversion.is_registered(Article):
        return
    reversion.register(Article, follow=STORY_PARTS)
    for model in [*BLOCK_MODELS, Byline]:
        reversion.register(model)
    # Natural keys store the tag's name, so a revert can bring back a deleted tag.
    reversion.register(ArticleTag, use_natural_foreign_keys=True)
    # Revisions saved before tags moved to ArticleTag hold taggit's generic links.
    reversion.register(TaggedItem, use_natural_foreign_keys=True)


def story_parts(article: Article) -> list:
    """The article's current blocks, bylines and tag links."""
    parts = []
    for name in STORY_PARTS:
        parts.extend(getattr(article, name).all())
    return parts


def record_story(article: Article) -> None:
    """Add the article and every story part, as they are now, to the active revision."""
    reversion.add_to_revision(article)
    for part in story_parts(article):
        reversion.add_to_revision(part)


def article_versions(article: Article):
    """The article's own versions, newest first, each with its revision and author."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def revision_version_number(version: Version) -> int | None:
    """The article's version counter as stored in a serialized version."""
    try:
        return json.loads(version.serialized_data)[0]["fields"].get("version")
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def revision_for_version_number(article: Article, number: int) -> Revision | None:
    for version in article_versions(article)[:200]:
        if revision_version_number(version) == number:
            return version.revision
    return None


# ---------------------------------------------------------------------------
# Concurrency


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


# ---------------------------------------------------------------------------
# Revert


class RevertRefused(Exception):
    """A revision cannot be restored; the message says why, for the editor."""


def versions_by_model(revision: Revision) -> dict[type, list[Version]]:
    grouped: dict[type, list[Version]] = {}
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        grouped.setdefault(model, []).append(version)
    return grouped


def tag_link_versions(grouped: dict[type, list[Version]]) -> list[Version]:
    """A revision's tag links, taken out of `grouped`, whichever model stored them."""
    return grouped.pop(ArticleTag, []) + grouped.pop(TaggedItem, [])


def tag_names_in(versions: list[Version]) -> list[str]:
    names = []
    for version in versions:
        try:
            tag = json.loads(version.serialized_data)[0]["fields"]["tag"]
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        if isinstance(tag, list):
            names.append(tag[0])
        else:
            found = Tag.objects.filter(pk=tag).values_list("name", flat=True).first()
            if found:
                names.append(found)
    return names


def _check_dependencies(article_fields: dict, parts: dict[type, list[Version]]):
    """Refuse early, with names, when a revision points at something since deleted."""
    missing = []
    section_id = article_fields.get("section_id")
    if section_id and not Section.objects.filter(pk=section_id).exists():
        missing.append(_("its section"))
    photo_ids = {
        f["photo_id"] for f in (v.field_dict for v in parts.get(PhotoBlock, []))
    }
    if article_fields.get("hero_id"):
        photo_ids.add(article_fields["hero_id"])
    found = set(Photo.objects.filter(pk__in=photo_ids).values_list("pk", flat=True))
    if photo_ids - found:
        missing.append(_("a photo"))
    author_ids = {v.field_dict["author_id"] for v in parts.get(Byline, [])}
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
    grouped = versions_by_model(revision)
    article_version = next(
        (v for v in grouped.pop(Article, []) if v.object_id == str(article.pk)), None
    )
    if article_version is None:
        raise RevertRefused(_("This revision does not belong to this article."))
    old = article_version.field_dict
    tag_versions = tag_link_versions(grouped)
    part_versions = [
        v for model in [*BLOCK_MODELS, Byline] for v in grouped.get(model, [])
    ]
    _check_dependencies(old, grouped)

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
        current.tags.set(tag_names_in(tag_versions))

        reversion.set_user(user)
        reversion.set_comment(
            _("Reverted to the revision of %(when)s.")
            % {"when": revision.date_created.strftime("%Y-%m-%d %H:%M")}
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


# ---------------------------------------------------------------------------
# Readable comparisons


@dataclass
class Story:
    """A story reduced to what an editor reads, for display and comparison."""

    fields: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _label(name: str) -> str:
    return str(Article._meta.get_field(name).verbose_name).capitalize()


def _block_text(block) -> str:
    if isinstance(block, RichTextBlock):
        return html_to_text(block.text)
    if isinstance(block, PhotoBlock):
        photo = Photo.objects.filter(pk=block.photo_id).first()
        caption = block.caption or (photo.caption if photo else _("(deleted photo)"))
        return _("[Photo] %(caption)s") % {"caption": caption}
    if isinstance(block, PullQuoteBlock):
        attribution = f" — {block.attribution}" if block.attribution else ""
        return _("[Pull quote] “%(text)s”%(attribution)s") % {
            "text": block.text,
            "attribution": attribution,
        }
    return str(block)


def _story(fields: dict, blocks: list, bylines: list, tags: list[str]) -> Story:
    section = Section.objects.filter(pk=fields.get("section_id")).first()
    hero = Photo.objects.filter(pk=fields.get("hero_id")).first()
    related = Article.objects.filter(pk__in=fields.get("related_articles") or [])
    values = {
        "section": str(section or ""),
        "hero": str(hero or ""),
        "related_articles": ", ".join(sorted(a.headline for a in related)),
    }
    story = Story()
    for name in COMPARED_FIELDS:
        story.fields[_label(name)] = values.get(name, fields.get(name) or "")
    blocks = sorted(blocks, key=lambda b: (b.region, b.ordering, b.pk or 0))
    story.body = [_block_text(block) for block in blocks]
    authors = Author.objects.in_bulk({b.author_id for b in bylines})
    for byline in sorted(bylines, key=lambda b: (b.position, b.pk or 0)):
        author = authors.get(byline.author_id)
        name = author.name if author else _("(deleted author)")
        story.bylines.append(f"{name}, {byline.role}" if byline.role else name)
    story.tags = sorted(tags, key=str.lower)
    return story


def story_from_revision(revision: Revision, article_pk: int) -> Story:
    grouped = versions_by_model(revision)
    article_version = next(
        (v for v in grouped.get(Article, []) if v.object_id == str(article_pk)), None
    )
    fields = article_version.field_dict if article_version else {}
    blocks = [
        v._object_version.object
        for model in BLOCK_MODELS
        for v in grouped.get(model, [])
    ]
    bylines = [v._object_version.object for v in grouped.get(Byline, [])]
    tags = tag_names_in(tag_link_versions(dict(grouped)))
    return _story(fields, blocks, bylines, tags)


def story_from_article(article: Article) -> Story:
    fields = {
        f.attname: getattr(article, f.attname) for f in Article._meta.concrete_fields
    }
    fields["related_articles"] = list(
        article.related_articles.values_list("pk", flat=True)
    )
    blocks = [
        block
        for model in BLOCK_MODELS
        for block in model.objects.filter(parent=article)
    ]
    return _story(
        fields,
        blocks,
        list(article.bylines.all()),
        list(article.tags.values_list("name", flat=True)),
    )


@dataclass
class Change:
    """One changed part of a story, with its difference marked up for reading."""

    label: str
    html: str


def _word_diff(old: str, new: str) -> str:
    """HTML with removed words in <del> and added words in <ins>; line breaks kept."""
    old_words = re.split(r"(\s+)", old)
    new_words = re.split(r"(\s+)", new)
    out = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return "".join(out).replace("\n", "<br>")


def _list_diff(old: list[str], new: list[str]) -> str:
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(
                f"<p>{escape(item).replace(chr(10), '<br>')}</p>" for item in old[a1:a2]
            )
        elif op == "replace" and a2 - a1 == b2 - b1:
            out.extend(
                f"<p>{_word_diff(a, b)}</p>"
                for a, b in zip(old[a1:a2], new[b1:b2], strict=True)
            )
        else:
            out.extend(
                f"<p><del>{escape(item).replace(chr(10), '<br>')}</del></p>"
                for item in old[a1:a2]
            )
            out.extend(
                f"<p><ins>{escape(item).replace(chr(10), '<br>')}</ins></p>"
                for item in new[b1:b2]
            )
    return "".join(out)


def compare_stories(old: Story, new: Story) -> list[Change]:
    """What differs between two stories, part by part; unchanged parts are left out."""
    changes = []
    for label, before in old.fields.items():
        after = new.fields.get(label, "")
        if str(before) != str(after):
            changes.append(
                Change(label, mark_safe(_word_diff(str(before), str(after))))
            )
    for label, before, after in [
        (_("Body"), old.body, new.body),
        (_("Bylines"), old.bylines, new.bylines),
        (_("Tags"), old.tags, new.tags),
    ]:
        if before != after:
            changes.append(Change(str(label), mark_safe(_list_diff(before, after))))
    return changes
