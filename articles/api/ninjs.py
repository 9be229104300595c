"""A published story as an IPTC ninjs 3.2 document, for partners who syndicate it.

Mapping, in short: headline and dek → `headlines` (roles main, subhead); body blocks →
one HTML `bodies` item (photos as <figure>, pull quotes as <blockquote>); bylines → `by`
and `people` (rel author); tags and section → `subjects`; the hero and every body photo
→ `associations` of type picture, each with caption, credit and alt text in
`descriptions`, the photographer in `by`, and rights from the photo record:
`copyrightHolder` (its source), `copyrightNotice` and `usageTerms` (which repeat the
credit line the agency requires).
"""

import mimetypes

from django.conf import settings
from django.utils.html import format_html

from articles.api.ninjs_schemas import NINJS_SCHEMA_URI, NINJS_VERSION
from articles.api.representation import absolute, api_url
from articles.models import (
    Article,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from media_library.models import Photo
from media_library.renditions import FULL, MIME_TYPES
from text import html_to_text


def ninjs_document(article: Article, blocks: list) -> dict:
    pictures = _pictures(article, blocks)
    document = {
        "uri": api_url("ninjs_article", article_id=article.pk),
        "standard": {
            "name": "ninjs",
            "version": NINJS_VERSION,
            "schema": NINJS_SCHEMA_URI,
        },
        "type": "text",
        "representationType": "full",
        "profile": "text-photo" if pictures else "text-only",
        "version": str(article.version),
        "firstCreated": article.published_at,
        "versionCreated": article.updated_at,
        "contentCreated": article.created_at,
        "pubStatus": "usable",
        "language": settings.NEWSROOM_LANGUAGE,
        "copyrightHolder": settings.NEWSROOM_NAME,
        "copyrightNotice": f"© {article.published_at.year} {settings.NEWSROOM_NAME}",
        "headlines": [_text("main", article.headline)],
        "slugline": article.slug,
        "by": _by_line(article),
        "located": article.dateline or None,
        "people": [
            {
                "name": byline.author.name,
                "rel": "author",
                "uri": absolute(byline.author.get_absolute_url()),
                "literal": byline.author.slug,
            }
            for byline in article.bylines.all()
        ],
        "subjects": [
            {
                "name": article.section.name,
                "rel": "section",
                "uri": absolute(article.section.get_absolute_url()),
                "literal": article.section.slug,
            },
            *(
                {
                    "name": tag.name,
                    "rel": "about",
                    "uri": absolute(f"/tags/{tag.slug}/"),
                    "literal": tag.slug,
                }
                for tag in article.tags.all()
            ),
        ],
        "bodies": [_body(blocks)],
        "associations": pictures,
        "altIds": [
            {"role": "canonical-url", "value": absolute(article.get_absolute_url())},
            {"role": "content-api", "value": api_url("article", article_id=article.pk)},
        ],
    }
    if article.dek:
        document["headlines"].append(_text("subhead", article.dek))
    return document


def _text(role: str, value: str, content_type: str = "text/plain") -> dict:
    return {"role": role, "contentType": content_type, "value": value}


def _by_line(article: Article) -> str:
    people = [
        f"{byline.author.name}, {byline.role}" if byline.role else byline.author.name
        for byline in article.bylines.all()
    ]
    return " and ".join(people)


def _body(blocks: list) -> dict:
    parts, words = [], []
    for block in blocks:
        if isinstance(block, RichTextBlock):
            parts.append(block.text)
            words.append(html_to_text(block.text))
        elif isinstance(block, PullQuoteBlock):
            parts.append(
                format_html(
                    "<blockquote><p>{}</p><footer>{}</footer></blockquote>",
                    block.text,
                    block.attribution,
                )
            )
            words.append(block.text)
        elif isinstance(block, PhotoBlock):
            parts.append(_figure(block.photo, block.shown_caption, block.shown_credit))
        elif isinstance(block, EmbedBlock):
            parts.append(_embed(block))
    text = " ".join(" ".join(words).split())
    return {
        "role": "main",
        "contentType": "text/html",
        "value": "\n".join(str(part) for part in parts),
        # Counts leave out figure captions, as ninjs defines them.
        "charCount": len(text),
        "wordCount": len(text.split()),
    }


def _embed(block: EmbedBlock) -> str:
    """An embed as a link to what it shows: partners decide whether to load a player."""
    embed = block.embed
    label = f"{embed.provider.name} {embed.kind_label}" if embed else block.url
    if block.title:
        label = f"{label}: {block.title}"
    return format_html(
        '<figure class="embed"><a href="{}">{}</a><figcaption>{}</figcaption></figure>',
        block.url,
        label,
        block.caption,
    )


def _figure(photo: Photo, caption: str, credit: str) -> str:
    return format_html(
        '<figure><img src="{}" alt="{}"><figcaption>{} <span class="credit">{}</span>'
        "</figcaption></figure>",
        absolute(photo.image.url),
        "" if photo.is_decorative else photo.alt_text,
        caption,
        credit,
    )


def _pictures(article: Article, blocks: list) -> list[dict]:
    """The hero, then the body photos in reading order, each with this story's words."""
    uses = [("hero", "hero", article)] if article.hero else []
    photo_blocks = [block for block in blocks if isinstance(block, PhotoBlock)]
    uses += [
        (f"photo-{number}", "inline", block)
        for number, block in enumerate(photo_blocks, start=1)
    ]
    return [_picture(name, rel, use) for name, rel, use in uses]


def _picture(name: str, rel: str, use) -> dict:
    photo, caption, credit = use.used_photo, use.shown_caption, use.shown_credit
    descriptions = [_text("caption", caption), _text("credit", credit)]
    if photo.alt_text and not photo.is_decorative:
        descriptions.append(_text("alt", photo.alt_text))
    return {
        "name": name,
        "rel": rel,
        "uri": absolute(photo.image.url),
        "type": "picture",
        "representationType": "full",
        "by": photo.photographer or None,
        "descriptions": [item for item in descriptions if item["value"]],
        "copyrightHolder": photo.source or None,
        "copyrightNotice": photo.copyright_notice or None,
        "usageTerms": _usage_terms(credit, photo.copyright_notice),
        "renditions": _renditions(photo),
    }


def _usage_terms(credit: str, notice: str) -> str:
    terms = "For use with this story only."
    if credit:
        terms += f" Credit as given: {credit}."
    if notice:
        terms += f" {notice}"
    return terms


def _renditions(photo: Photo) -> list[dict]:
    """The stored copies in the fallback format (JPEG or PNG), every width and crop."""
    manifest = photo.renditions or {}
    fallback = manifest.get("fallback")
    storage = photo.image.storage
    renditions = []
    for crop, formats in manifest.get("variants", {}).items():
        for width, height, name in formats.get(fallback, []):
            rendition = {
                "name": f"{crop.replace(':', 'x')}-{width}",
                "href": absolute(storage.url(name)),
                "contentType": MIME_TYPES[fallback],
                "width": width,
                "height": height,
            }
            if crop != FULL:
                rendition["aspectRatio"] = crop
            renditions.append(rendition)
    if not renditions and photo.image:
        # No copies made yet (a broken import): offer the original rather than nothing.
        renditions.append(
            {
                "name": "original",
                "href": absolute(photo.image.url),
                "contentType": mimetypes.guess_type(photo.image.name)[0]
                or "application/octet-stream",
                "width": photo.width or 0,
                "height": photo.height or 0,
            }
        )
    return renditions
