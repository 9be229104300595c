"""Model rows as plain data for the API schemas, from rows already loaded: no queries here.

The querysets in `queries.py` load everything these functions touch, which keeps the
number of queries per request fixed whatever the page size.
"""

from django.conf import settings
from django.urls import reverse

from articles.models import (
    Article,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from media_library.models import Photo
from media_library.renditions import FULL, MIME_TYPES


def absolute(url: str | None) -> str | None:
    """An address on SITE_URL; storage URLs that are already absolute stay as they are."""
    if not url:
        return url
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def api_url(name: str, **kwargs) -> str:
    return absolute(reverse(f"api-1:{name}", kwargs=kwargs))


def next_page_url(request, next_cursor: str | None) -> str | None:
    """The same request with the next page's cursor; None on the last page."""
    if not next_cursor:
        return None
    params = request.GET.copy()
    params["cursor"] = next_cursor
    return absolute(f"{request.path}?{params.urlencode()}")


def photo_data(photo: Photo, *, caption: str = "", credit: str = "") -> dict:
    """A photo with its per-use caption/credit overrides and every stored rendition."""
    storage = photo.image.storage
    manifest = photo.renditions or {}
    renditions = []
    for crop, formats in manifest.get("variants", {}).items():
        for fmt, rows in formats.items():
            renditions.extend(
                {
                    "crop": FULL if crop == FULL else crop,
                    "format": fmt,
                    "mime_type": MIME_TYPES[fmt],
                    "width": width,
                    "height": height,
                    "url": absolute(storage.url(name)),
                }
                for width, height, name in rows
            )
    return {
        "id": photo.pk,
        "caption": caption or photo.caption,
        "credit": credit or photo.credit,
        "alt": "" if photo.is_decorative else photo.alt_text,
        "decorative": photo.is_decorative,
        "photographer": photo.photographer,
        "copyright_notice": photo.copyright_notice,
        "focal_point": {"x": photo.focal_x, "y": photo.focal_y},
        "width": photo.width,
        "height": photo.height,
        "original_url": absolute(photo.image.url) if photo.image else "",
        "renditions": renditions,
    }


def section_ref(section) -> dict:
    return {
        "id": section.pk,
        "name": section.name,
        "slug": section.slug,
        "url": absolute(section.get_absolute_url()),
    }


def section_data(section) -> dict:
    parent = section.parent
    return {
        **section_ref(section),
        "description": section.description,
        "parent": section_ref(parent) if parent else None,
        "position": section.position,
    }


def author_data(author) -> dict:
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "job_title": author.job_title,
        "short_bio": author.short_bio,
        "bio_html": author.bio,
        "url": absolute(author.get_absolute_url()),
        "links": [{"kind": link.kind, "url": link.url} for link in author.links.all()],
    }


def tag_data(tag) -> dict:
    return {
        "name": tag.name,
        "slug": tag.slug,
        "url": absolute(reverse("articles:tag", args=[tag.slug])),
    }


def byline_data(byline) -> dict:
    author = byline.author
    return {
        "name": author.name,
        "role": byline.role,
        "author_id": author.pk,
        "author_url": absolute(author.get_absolute_url()) if author.is_active else None,
    }


def article_summary(article: Article) -> dict:
    hero = article.hero
    return {
        "id": article.pk,
        "headline": article.headline,
        "dek": article.dek,
        "section": section_ref(article.section),
        "bylines": [byline_data(byline) for byline in article.bylines.all()],
        "hero": photo_data(
            hero, caption=article.shown_caption, credit=article.shown_credit
        )
        if hero
        else None,
        "tags": [tag_data(tag) for tag in article.tags.all()],
        "canonical_url": absolute(article.get_absolute_url()),
        "api_url": api_url("article", article_id=article.pk),
        "published_at": article.published_at,
        "updated_at": article.updated_at,
    }


def block_data(block) -> dict:
    if isinstance(block, RichTextBlock):
        return {"type": "rich_text", "html": block.text}
    if isinstance(block, PhotoBlock):
        return {
            "type": "photo",
            "layout": block.layout,
            "photo": photo_data(
                block.photo, caption=block.caption, credit=block.credit
            ),
        }
    if isinstance(block, PullQuoteBlock):
        return {
            "type": "pull_quote",
            "text": block.text,
            "attribution": block.attribution,
        }
    if isinstance(block, EmbedBlock):
        return embed_data(block)
    raise TypeError(f"No API representation for {type(block).__name__}")


def embed_data(block: EmbedBlock) -> dict:
    embed = block.embed
    return {
        "type": "embed",
        "url": block.url,
        "provider": embed.provider.key if embed else "",
        "provider_name": embed.provider.name if embed else "",
        "kind": embed.provider.kind if embed else "",
        "player_url": embed.player_url if embed else "",
        "title": block.title,
        "caption": block.caption,
    }


def article_detail(article: Article, blocks: list, corrections) -> dict:
    return {
        **article_summary(article),
        "dateline": article.dateline,
        "body": [block_data(block) for block in blocks],
        "corrections": [
            {"kind": note.kind, "text": note.text, "published_at": note.published_at}
            for note in corrections
        ],
    }
