"""Revisions of an article: what goes into one, and reading one back.

A revision (django-reversion) holds the article's fields, its body blocks, its bylines
and its tag links. Everything that reads a stored revision (revert, comparison, a
preview of one revision) unpacks it through `unpack_revision`, so they agree on what a
revision contains.
"""

import json
from dataclasses import dataclass, field

import reversion
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from articles.models import BLOCK_MODELS, Article, ArticleTag, Byline

# Related records that belong to the story and travel with every revision. Corrections
# and preview links are deliberately absent: a revert must never remove them.
STORY_PARTS = [
    "articles_richtextblock_set",
    "articles_photoblock_set",
    "articles_pullquoteblock_set",
    "articles_embedblock_set",
    "bylines",
    "tagged_items",
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
    """The article's saved versions, newest first, each with its revision and author.

    Autosaves (`articles.trust.autosave`) are revisions too, of typing nobody saved:
    they are left out here, so that history, compare, revert and the stale-save check
    see only what was really saved.
    """
    return (
        Version.objects.get_for_object(article)
        .filter(revision__autosave__isnull=True)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def stored_fields(version: Version) -> dict:
    """The raw serialized fields of a version (foreign keys as stored), or {}."""
    try:
        return json.loads(version.serialized_data)[0]["fields"]
    except (ValueError, KeyError, IndexError, TypeError):
        return {}


def revision_version_number(version: Version) -> int | None:
    """The article's version counter as stored in a serialized version."""
    return stored_fields(version).get("version")


def revision_for_version_number(article: Article, number: int) -> Revision | None:
    for version in article_versions(article)[:200]:
        if revision_version_number(version) == number:
            return version.revision
    return None


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
        tag = stored_fields(version).get("tag")
        if tag is None:
            continue
        if isinstance(tag, list):
            names.append(tag[0])
        else:
            found = Tag.objects.filter(pk=tag).values_list("name", flat=True).first()
            if found:
                names.append(found)
    return names


@dataclass
class StoredStory:
    """One article as a revision holds it: unsaved objects, never written back as they are."""

    article_version: Version | None
    fields: dict = field(default_factory=dict)
    blocks: list = field(default_factory=list)  # all regions, in reading order
    bylines: list = field(default_factory=list)  # in byline order
    tag_names: list[str] = field(default_factory=list)
    # The blocks' and bylines' own versions, which a revert restores.
    part_versions: list[Version] = field(default_factory=list)

    @property
    def article(self) -> Article:
        return self.article_version._object_version.object


def unpack_revision(revision: Revision, article_pk: int) -> StoredStory:
    """The story of article `article_pk` as stored in `revision`."""
    grouped = versions_by_model(revision)
    article_version = next(
        (v for v in grouped.pop(Article, []) if v.object_id == str(article_pk)), None
    )
    tag_names = tag_names_in(tag_link_versions(grouped))
    block_versions = [v for model in BLOCK_MODELS for v in grouped.get(model, [])]
    byline_versions = grouped.get(Byline, [])
    blocks = [v._object_version.object for v in block_versions]
    bylines = [v._object_version.object for v in byline_versions]
    return StoredStory(
        article_version=article_version,
        fields=article_version.field_dict if article_version else {},
        blocks=sorted(blocks, key=lambda b: (b.region, b.ordering, b.pk or 0)),
        bylines=sorted(bylines, key=lambda b: (b.position, b.pk or 0)),
        tag_names=tag_names,
        part_versions=block_versions + byline_versions,
    )
