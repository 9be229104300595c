"""What the content API answers, as typed schemas; django-ninja turns them into the OpenAPI document.

Every address in a response is absolute (built on SITE_URL), so a partner can store it.
"""

import re
from datetime import UTC, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, StringConstraints

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_8601_only(value):
    """Refuse what pydantic would otherwise read as a time (a bare number of seconds):
    the schema promises ISO 8601, so clients get a 400 instead of a surprise."""
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("use an ISO 8601 time, e.g. 2024-01-07T09:00:00Z")
    return value


# A slug as the site makes them; anything else (a NUL byte, a space) is a 400, never
# a value handed to the database.
Slug = Annotated[str, StringConstraints(pattern=r"^[-\w]+$", max_length=255)]


def _in_utc(value: datetime) -> datetime:
    """Compare in UTC (a time without an offset is read as UTC), and refuse a time whose offset or year the database cannot hold."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("the time is out of range") from error
    if not 1 <= value.year <= 9999:
        raise ValueError("the time is out of range")
    return value


IsoDateTime = Annotated[
    datetime, BeforeValidator(_iso_8601_only), AfterValidator(_in_utc)
]


class Error(Schema):
    message: str = Field(description="What went wrong, in a sentence.")


class ValidationErrorOut(Error):
    errors: list[dict] = Field(
        default_factory=list, description="Each invalid parameter and why."
    )


class FocalPoint(Schema):
    x: float = Field(ge=0, le=1, description="0 is the left edge, 1 the right.")
    y: float = Field(ge=0, le=1, description="0 is the top edge, 1 the bottom.")


class RenditionOut(Schema):
    crop: Literal["full", "16:9", "4:3", "1:1"]
    format: Literal["avif", "webp", "jpeg", "png"]
    mime_type: str
    width: int
    height: int
    url: str


class PhotoOut(Schema):
    id: int
    caption: str
    credit: str = Field(description="As the agency wants it printed, e.g. ©Kyodo.")
    alt: str = Field(description="Empty only for a decorative picture.")
    decorative: bool
    photographer: str
    copyright_notice: str
    focal_point: FocalPoint
    width: int | None
    height: int | None
    original_url: str
    renditions: list[RenditionOut]


class SectionRef(Schema):
    id: int
    name: str
    slug: str
    url: str


class SectionOut(SectionRef):
    description: str
    parent: SectionRef | None
    position: int


class AuthorLinkOut(Schema):
    kind: str
    url: str


class AuthorOut(Schema):
    id: int
    name: str
    slug: str
    job_title: str
    short_bio: str
    bio_html: str = Field(description="The full bio, sanitised HTML.")
    url: str
    links: list[AuthorLinkOut]


class BylineOut(Schema):
    name: str
    role: str = Field(description="The title printed under the name on this story.")
    author_id: int
    author_url: str | None = Field(description="None for an author without a page.")


class TagOut(Schema):
    name: str
    slug: str
    url: str


class RichTextBlockOut(Schema):
    type: Literal["rich_text"]
    html: str = Field(description="Sanitised HTML: paragraphs, h2/h3, links, lists.")


class PhotoBlockOut(Schema):
    type: Literal["photo"]
    layout: str
    photo: PhotoOut


class PullQuoteBlockOut(Schema):
    type: Literal["pull_quote"]
    text: str
    attribution: str


class EmbedBlockOut(Schema):
    type: Literal["embed"]
    url: str = Field(description="The public address on the provider's site.")
    provider: str = Field(
        description="youtube, vimeo, x, bluesky, mastodon, datawrapper or documentcloud."
    )
    provider_name: str
    kind: str = Field(description="video, post, chart or document.")
    player_url: str = Field(
        description="The provider's player for an iframe; load it only after the reader asks."
    )
    title: str
    caption: str


BlockOut = Annotated[
    RichTextBlockOut | PhotoBlockOut | PullQuoteBlockOut | EmbedBlockOut,
    Field(discriminator="type"),
]


class CorrectionOut(Schema):
    kind: Literal["correction", "clarification", "update"]
    text: str
    published_at: datetime


class ArticleSummary(Schema):
    id: int
    headline: str
    dek: str
    section: SectionRef
    bylines: list[BylineOut]
    hero: PhotoOut | None
    tags: list[TagOut]
    canonical_url: str
    api_url: str
    published_at: datetime
    updated_at: datetime


class ArticleDetail(ArticleSummary):
    dateline: str
    body: list[BlockOut]
    corrections: list[CorrectionOut]


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )
    next_url: str | None


class TagPage(Schema):
    items: list[TagOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )
    next_url: str | None


class LookupOut(Schema):
    kind: Literal["article", "section", "author", "tag"]
    api_url: str
    article: ArticleDetail | None = None
    section: SectionOut | None = None
    author: AuthorOut | None = None
    tag: TagOut | None = None


def responses(schema) -> dict:
    """Every operation's answers: the data, 304 for a fresh copy, and JSON errors."""
    return {
        200: schema,
        304: None,
        400: ValidationErrorOut,
        401: Error,
        404: Error,
        429: Error,
    }
