"""What the API reads, always starting from `Article.objects.published()`.

Lists are paged by a cursor rather than by page number: a page number shifts by one
story each time a story is published, a keyset on (time, id) does not. The cursor is
signed, so clients treat it as opaque and a tampered one is refused, not guessed at.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db.models import F, Prefetch, Q
from django.utils.dateparse import parse_datetime
from taggit.models import Tag

from articles.blocks import body_contents
from articles.links import published_addresses, referenced_ids, resolve_article_links
from articles.models import Article, ArticleTag, Byline, RichTextBlock
from authors.models import Author
from sections.models import Section

ORDER_FIELDS = {"published": "published_at", "updated": "updated_at"}
CURSOR_SALT = "articles.api.cursor"


class BadCursor(ValueError):
    """The cursor was not made by this API (or for another ordering)."""


def published_articles():
    """Published stories with everything a summary shows, in a fixed number of queries."""
    return (
        Article.objects.published()
        .select_related("section", "hero")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
        )
    )


@dataclass
class ArticleFilters:
    section: str | None = None
    author: str | None = None
    tag: str | None = None
    published_since: datetime | None = None
    updated_since: datetime | None = None

    def apply(self, articles):
        if self.section:
            # A section's list includes its sub-sections, as its front page does.
            articles = articles.filter(
                Q(section__slug=self.section)
                | Q(section__parent__slug=self.section, section__is_active=True)
            )
        if self.author:
            articles = articles.filter(bylines__author__slug=self.author)
        if self.tag:
            articles = articles.filter(tags__slug=self.tag)
        if self.published_since:
            articles = articles.filter(published_at__gte=self.published_since)
        if self.updated_since:
            articles = articles.filter(updated_at__gte=self.updated_since)
        return articles


def encode_cursor(order: str, article: Article) -> str:
    moment = getattr(article, ORDER_FIELDS[order])
    return signing.dumps([order, moment.isoformat(), article.pk], salt=CURSOR_SALT)


def decode_cursor(order: str, cursor: str) -> tuple[datetime, int]:
    try:
        cursor_order, moment, pk = signing.loads(cursor, salt=CURSOR_SALT)
        moment = parse_datetime(moment)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor("This cursor was not issued by this API.") from error
    if cursor_order != order or moment is None or not isinstance(pk, int):
        raise BadCursor("This cursor belongs to another ordering; start again.")
    return moment, pk


def article_page(
    filters: ArticleFilters, *, order: str, limit: int, cursor: str | None
) -> tuple[list[Article], str | None]:
    """One page, newest first by `order`, and the cursor of the next page (or None)."""
    field = ORDER_FIELDS[order]
    # NULLS LAST as in the listing indexes, so the database reads them in order and
    # stops after one page (published stories always have the time anyway).
    articles = filters.apply(published_articles()).order_by(
        F(field).desc(nulls_last=True), F("pk").desc()
    )
    if cursor:
        moment, pk = decode_cursor(order, cursor)
        articles = articles.filter(
            Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk})
        )
    # Filters across bylines and tags can repeat a row; distinct keeps pages exact.
    if filters.author or filters.tag:
        articles = articles.distinct()
    rows = list(articles[: limit + 1])
    next_cursor = encode_cursor(order, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor


def published_article(**lookup) -> Article | None:
    return (
        published_articles().select_related("section__parent").filter(**lookup).first()
    )


def article_blocks(article: Article) -> list:
    """The body in reading order: two queries (and one for links to our stories)."""
    blocks = list(body_contents([article])[article].body)
    _resolve_story_links(blocks)
    return blocks


def blocks_for_articles(articles: list[Article]) -> dict[int, list]:
    """Bodies of many stories at once: still two queries (and one for story links)."""
    contents = body_contents(articles)
    bodies = {article.pk: list(contents[article].body) for article in articles}
    _resolve_story_links([block for body in bodies.values() for block in body])
    return bodies


def _resolve_story_links(blocks: list) -> None:
    """Links to our stories as partners need them: the live story's full address, or
    plain text while it is not published (`articles.links`); one query for all."""
    rich = [block for block in blocks if isinstance(block, RichTextBlock)]
    ids = set().union(*(referenced_ids(block.text) for block in rich))
    addresses = published_addresses(ids)
    for block in rich:
        block.text = resolve_article_links(
            block.text, addresses=addresses, prefix=settings.SITE_URL
        )


def public_tags():
    """Tags that at least one published story carries; a draft's tags stay private."""
    return Tag.objects.filter(
        pk__in=ArticleTag.objects.filter(
            content_object__in=Article.objects.published()
        ).values("tag")
    )


def tag_page(*, limit: int, cursor: str | None) -> tuple[list[Tag], str | None]:
    """One page of public tags in name order, and the cursor of the next page (or None).

    The keyset is (name, id): a tag added or dropped meanwhile moves no other tag
    from one page to the next.
    """
    tags = public_tags().order_by("name", "pk")
    if cursor:
        try:
            kind, name, pk = signing.loads(cursor, salt=CURSOR_SALT)
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise BadCursor("This cursor was not issued by this API.") from error
        if kind != "tags" or not isinstance(name, str) or not isinstance(pk, int):
            raise BadCursor("This cursor belongs to another list; start again.")
        tags = tags.filter(Q(name__gt=name) | Q(name=name, pk__gt=pk))
    rows = list(tags[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], signing.dumps(["tags", last.name, last.pk], salt=CURSOR_SALT)


def public_sections():
    return Section.objects.active().select_related("parent")


def public_authors():
    return Author.objects.active().prefetch_related("links")
