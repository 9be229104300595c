"""Two versions of a story, side by side, as an editor reads them."""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from reversion.models import Revision

from articles.models import (
    BLOCK_MODELS,
    Article,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from articles.trust.revisions import unpack_revision
from authors.models import Author
from media_library.models import Photo
from sections.models import Section
from text import html_to_text, word_diff

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
        return html_to_text(block.text, lines=True)
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
    if isinstance(block, EmbedBlock):
        title = f" {block.title}" if block.title else ""
        return _("[Embed]%(title)s %(url)s") % {"title": title, "url": block.url}
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
    stored = unpack_revision(revision, article_pk)
    return _story(stored.fields, stored.blocks, stored.bylines, stored.tag_names)


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
                f"<p>{word_diff(a, b)}</p>"
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
            changes.append(Change(label, mark_safe(word_diff(str(before), str(after)))))
    for label, before, after in [
        (_("Body"), old.body, new.body),
        (_("Bylines"), old.bylines, new.bylines),
        (_("Tags"), old.tags, new.tags),
    ]:
        if before != after:
            changes.append(Change(str(label), mark_safe(_list_diff(before, after))))
    return changes
