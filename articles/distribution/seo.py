"""Search and social meta for each page type: description, canonical link, OpenGraph, Twitter.

Each function returns a plain dict that `templates/includes/meta_tags.html` renders; the
`<title>` itself stays in the page templates' `title` block.
"""

from typing import Any

from django.conf import settings
from django.utils.text import Truncator

from articles.distribution import structured_data as sd
from articles.models import Article
from authors.models import Author
from sections.models import Section

DESCRIPTION_LENGTH = 300

Meta = dict[str, Any]


def _meta(
    *,
    title: str,
    description: str,
    url: str,
    og_type: str = "website",
    image: dict | None = None,
    large_image: bool = True,
    extra_og: list[tuple[str, str]] = (),
) -> Meta:
    canonical = sd.absolute_url(url)
    description = Truncator(description).chars(DESCRIPTION_LENGTH)
    og = [
        ("og:type", og_type),
        ("og:site_name", settings.NEWSROOM_NAME),
        ("og:title", title),
        ("og:url", canonical),
        ("og:locale", settings.NEWSROOM_LANGUAGE.replace("-", "_")),
    ]
    if description:
        og.append(("og:description", description))
    twitter = [
        ("twitter:card", "summary_large_image" if image and large_image else "summary"),
        ("twitter:title", title),
    ]
    if description:
        twitter.append(("twitter:description", description))
    if image:
        og += [
            ("og:image", image["url"]),
            ("og:image:type", sd.image_mime_type(image["url"])),
            ("og:image:width", str(image["width"])),
            ("og:image:height", str(image["height"])),
        ]
        twitter.append(("twitter:image", image["url"]))
        if image["alt"]:
            og.append(("og:image:alt", image["alt"]))
            twitter.append(("twitter:image:alt", image["alt"]))
    og += list(extra_og)
    return {
        "description": description,
        "canonical": canonical,
        "og": og,
        "twitter": twitter,
    }


def article_meta(article: Article) -> Meta:
    if article.hero is not None:
        wide = sd.photo_crops(article.hero)[0]
        alt = "" if article.hero.is_decorative else article.hero.alt_text
        image = {**wide, "alt": alt}
    else:
        image = sd.fallback_image(article)
    extra = [
        ("article:published_time", sd.iso_datetime(article.published_at)),
        ("article:modified_time", sd.iso_datetime(sd.date_modified(article))),
        ("article:section", article.section.name),
    ]
    extra += [
        ("article:author", url)
        for byline in article.bylines.all()
        if (url := sd.author_page_url(byline.author))
    ]
    extra += [("article:tag", tag.name) for tag in article.tags.all()]
    return _meta(
        title=article.seo_title or article.headline,
        description=article.seo_description or article.dek,
        url=article.get_absolute_url(),
        og_type="article",
        image=image,
        # A portrait or the logo is no wide photo: a small card suits it.
        large_image=article.hero is not None,
        extra_og=extra,
    )


def section_meta(section: Section) -> Meta:
    return _meta(
        title=section.name,
        description=section.description
        or f"The latest from {section.name} at {settings.NEWSROOM_NAME}.",
        url=section.get_absolute_url(),
    )


def author_meta(author: Author) -> Meta:
    image = None
    if author.photo is not None:
        photo = author.photo
        image = {
            "url": sd.absolute_url(photo.image.url),
            "width": photo.width,
            "height": photo.height,
            "alt": "" if photo.is_decorative else photo.alt_text,
        }
    title = f"{author.name}, {author.job_title}" if author.job_title else author.name
    return _meta(
        title=title,
        description=author.short_bio or f"Articles by {author.name}.",
        url=author.get_absolute_url(),
        og_type="profile",
        image=image,
    )


def tag_meta(tag) -> Meta:
    return _meta(
        title=tag.name,
        description=f"Articles about {tag.name} at {settings.NEWSROOM_NAME}.",
        url=sd.tag_page_url(tag.slug) or "/",
    )


def home_meta() -> Meta:
    return _meta(
        title=settings.NEWSROOM_NAME,
        description=f"The latest news from {settings.NEWSROOM_NAME}.",
        url="/",
    )
