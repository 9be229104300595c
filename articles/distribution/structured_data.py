"""Schema.org data for every public page type, built as plain Python dicts.

Templates never paste strings into JSON: they hand these dicts to the `json_ld` tag,
which serialises them safely (see `articles.templatetags.distribution`).
"""

import datetime
import mimetypes
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles.models import Article
from articles.trust.corrections import corrections_json_ld
from authors.models import Author
from media_library.models import Photo
from sections.models import Section

CROP_RATIOS = ("16:9", "4:3", "1:1")
LOGO_PATH = "img/logo.png"
LOGO_SIZE = (600, 60)  # the size of static/img/logo.png

JsonDict = dict[str, Any]


def absolute_url(url: str) -> str:
    """Prefix a site-relative address with SITE_URL; leave absolute ones (a CDN, S3) alone."""
    if urlsplit(url).scheme:
        return url
    if not url.startswith("/"):
        url = "/" + url
    return settings.SITE_URL + url


def reverse_or_none(viewname: str, *args: Any) -> str | None:
    """A URL for a route that only some deployments of the page set provide."""
    try:
        return reverse(viewname, args=args)
    except NoReverseMatch:
        return None


def tag_page_url(slug: str) -> str | None:
    return reverse_or_none("articles:tag", slug)


def search_page_url() -> str:
    return reverse_or_none("articles:search") or "/search/"


def iso_datetime(value: datetime.datetime) -> str:
    """ISO 8601 to the second in the site's time zone, always with its offset."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def date_modified(article: Article) -> datetime.datetime:
    # A scheduled article is often last saved before it goes out; never report a change before publication.
    return max(article.updated_at, article.published_at)


def photo_crops(photo: Photo) -> list[JsonDict]:
    """The photo at 16:9, 4:3 and 1:1 as dicts of url, width and height."""
    crops = []
    for ratio in CROP_RATIOS:
        crop = photo.crop(ratio)
        crops.append(
            {
                "ratio": ratio,
                "url": absolute_url(crop.url),
                "width": crop.width,
                "height": crop.height,
            }
        )
    return crops


def image_mime_type(url: str) -> str:
    return mimetypes.guess_type(urlsplit(url).path)[0] or "image/jpeg"


def image_objects(photo: Photo, *, caption: str, credit: str) -> list[JsonDict]:
    """One ImageObject per crop, each carrying the caption and rights information we know."""
    rights: JsonDict = {}
    if caption:
        rights["caption"] = caption
    if credit:
        rights["creditText"] = credit
    if photo.copyright_notice:
        rights["copyrightNotice"] = photo.copyright_notice
    if photo.photographer:
        rights["creator"] = {"@type": "Person", "name": photo.photographer}
    return [
        {
            "@type": "ImageObject",
            "url": crop["url"],
            "contentUrl": crop["url"],
            "width": crop["width"],
            "height": crop["height"],
            **rights,
        }
        for crop in photo_crops(photo)
    ]


def hero_images(article: Article) -> list[JsonDict]:
    if article.hero is None:
        return []
    return image_objects(
        article.hero,
        caption=article.hero_caption_display,
        # The bare credit as the agency gives it; the parentheses are only for print.
        credit=article.shown_credit,
    )


def fallback_image(article: Article) -> JsonDict:
    """For an article without a hero (opinion pieces): the first author's photo, else the logo.

    Search engines and social cards want an image for every article.
    """
    for byline in article.bylines.all():
        photo = byline.author.photo
        if photo is not None:
            return {
                "url": absolute_url(photo.image.url),
                "width": photo.width,
                "height": photo.height,
                "alt": "" if photo.is_decorative else photo.alt_text,
            }
    width, height = LOGO_SIZE
    return {
        "url": absolute_url(static(LOGO_PATH)),
        "width": width,
        "height": height,
        "alt": f"{settings.NEWSROOM_NAME} logo",
    }


def publisher() -> JsonDict:
    width, height = LOGO_SIZE
    return {
        "@type": "NewsMediaOrganization",
        "@id": settings.SITE_URL + "/#publisher",
        "name": settings.NEWSROOM_NAME,
        "url": settings.SITE_URL + "/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def author_page_url(author: Author) -> str | None:
    """Inactive authors keep their bylines but have no page to link to."""
    return absolute_url(author.get_absolute_url()) if author.is_active else None


def person(author: Author, *, job_title: str = "") -> JsonDict:
    data: JsonDict = {"@type": "Person", "name": author.name}
    if job_title:
        data["jobTitle"] = job_title
    url = author_page_url(author)
    if url:
        data["url"] = url
    return data


def news_article(article: Article) -> JsonDict:
    """NewsArticle for an article fetched with `for_listing()` (section, hero, bylines, tags)."""
    url = absolute_url(article.get_absolute_url())
    data: JsonDict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url + "#article",
        "headline": article.headline,
        "description": article.seo_description or article.dek,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(date_modified(article)),
        "author": [
            person(byline.author, job_title=byline.role or byline.author.job_title)
            for byline in article.bylines.all()
        ],
        "publisher": publisher(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "isAccessibleForFree": True,
        "inLanguage": settings.NEWSROOM_LANGUAGE,
    }
    images = hero_images(article)
    if not images:
        fallback = fallback_image(article)
        images = [
            {
                "@type": "ImageObject",
                "url": fallback["url"],
                "contentUrl": fallback["url"],
                "width": fallback["width"],
                "height": fallback["height"],
            }
        ]
    data["image"] = images
    if article.dateline:
        data["dateline"] = article.dateline
    entries = corrections_json_ld(article)
    if entries:
        data["correction"] = entries
    return data


def breadcrumb_list(trail: list[tuple[str, str]]) -> JsonDict:
    """BreadcrumbList from (name, site-relative or absolute URL) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def home_crumb() -> tuple[str, str]:
    return (settings.NEWSROOM_NAME, reverse("articles:home"))


def article_breadcrumbs(article: Article) -> JsonDict:
    return breadcrumb_list(
        [
            home_crumb(),
            (article.section.name, article.section.get_absolute_url()),
            (article.headline, article.get_absolute_url()),
        ]
    )


def website() -> JsonDict:
    """The home page's WebSite, with the site search as a SearchAction."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": settings.SITE_URL + "/#website",
        "name": settings.NEWSROOM_NAME,
        "url": settings.SITE_URL + "/",
        "inLanguage": settings.NEWSROOM_LANGUAGE,
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(search_page_url())
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def profile_page(author: Author) -> JsonDict:
    """ProfilePage of an author; `author.links` is read once, `author.photo` should be selected."""
    url = absolute_url(author.get_absolute_url())
    entity: JsonDict = {"@type": "Person", "@id": url + "#person", "name": author.name}
    if author.job_title:
        entity["jobTitle"] = author.job_title
    if author.short_bio:
        entity["description"] = author.short_bio
    entity["url"] = url
    if author.photo is not None:
        photo = author.photo
        entity["image"] = {
            "@type": "ImageObject",
            "url": absolute_url(photo.image.url),
            "width": photo.width,
            "height": photo.height,
        }
    same_as = [link.url for link in author.links.all()]
    if same_as:
        entity["sameAs"] = same_as
    entity["worksFor"] = {"@id": publisher()["@id"]}
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": entity,
        "publisher": publisher(),
    }


def author_breadcrumbs(author: Author) -> JsonDict:
    return breadcrumb_list([home_crumb(), (author.name, author.get_absolute_url())])


def collection_page(*, name: str, url: str, description: str = "") -> JsonDict:
    data: JsonDict = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": absolute_url(url),
        "isPartOf": {"@id": settings.SITE_URL + "/#website"},
        "publisher": publisher(),
    }
    if description:
        data["description"] = description
    return data


def section_page(section: Section) -> JsonDict:
    return collection_page(
        name=section.name,
        url=section.get_absolute_url(),
        description=section.description,
    )


def section_breadcrumbs(section: Section) -> JsonDict:
    return breadcrumb_list([home_crumb(), (section.name, section.get_absolute_url())])


def tag_page(tag) -> JsonDict:
    return collection_page(name=tag.name, url=tag_page_url(tag.slug) or "/")


def tag_breadcrumbs(tag) -> JsonDict:
    return breadcrumb_list([home_crumb(), (tag.name, tag_page_url(tag.slug) or "/")])


def home_breadcrumbs() -> JsonDict:
    return breadcrumb_list([home_crumb()])
