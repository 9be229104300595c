"""Content endpoints: articles (list, detail), sections, authors, tags and URL lookup."""

from typing import Literal

from django.http import Http404
from ninja import Query, Router

from articles.api import queries, representation
from articles.api.http import (
    article_keys,
    error_response,
    json_response,
    surrogate_keys,
)
from articles.api.lookup import resolve_public_url
from articles.api.schemas import (
    ArticleDetail,
    ArticlePage,
    AuthorOut,
    IsoDateTime,
    LookupOut,
    SectionOut,
    Slug,
    TagPage,
    responses,
)
from articles.site.surrogate_keys import AUTHOR_INDEX, CHROME, FEEDS

router = Router(tags=["content"])


@router.get("/articles", response=responses(ArticlePage), url_name="articles")
def list_articles(
    request,
    section: Slug | None = Query(
        None, description="Section slug; includes its sub-sections."
    ),
    author: Slug | None = Query(None, description="Author slug."),
    tag: Slug | None = Query(None, description="Tag slug."),
    published_since: IsoDateTime | None = Query(None, description="ISO 8601 time."),
    updated_since: IsoDateTime | None = Query(None, description="ISO 8601 time."),
    order: Literal["published", "updated"] = Query(
        "published", description="Newest first by publication or by last change."
    ),
    limit: int = Query(20, ge=1, le=100),
    cursor: str | None = Query(None, description="`next_cursor` of the previous page."),
):
    """Published stories, newest first, a page at a time."""
    filters = queries.ArticleFilters(
        section=section,
        author=author,
        tag=tag,
        published_since=published_since,
        updated_since=updated_since,
    )
    try:
        articles, next_cursor = queries.article_page(
            filters, order=order, limit=limit, cursor=cursor
        )
    except queries.BadCursor as error:
        return error_response(str(error), 400)
    data = {
        "items": [representation.article_summary(article) for article in articles],
        "next_cursor": next_cursor,
        "next_url": representation.next_page_url(request, next_cursor),
    }
    return json_response(
        request,
        ArticlePage,
        data,
        last_modified=max((a.updated_at for a in articles), default=None),
        surrogate=surrogate_keys(
            articles=[a.pk for a in articles],
            sections=[a.section_id for a in articles],
            extra=[FEEDS],  # purged on any change to published stories, like a feed
        ),
    )


@router.get(
    "/articles/{article_id}", response=responses(ArticleDetail), url_name="article"
)
def article_detail(request, article_id: int):
    """One published story with its body blocks, photos and corrections."""
    article = queries.published_article(pk=article_id)
    if article is None:
        raise Http404("No published article with this id.")
    return article_response(request, article)


def article_response(request, article, schema=ArticleDetail):
    blocks = queries.article_blocks(article)
    data = representation.article_detail(article, blocks, article.corrections.all())
    return json_response(
        request,
        schema,
        data,
        last_modified=article.updated_at,
        surrogate=article_keys(article),
    )


@router.get("/sections", response=responses(list[SectionOut]), url_name="sections")
def list_sections(request):
    """Sections readers can browse, in navigation order."""
    sections = list(queries.public_sections())
    return json_response(
        request,
        list[SectionOut],
        [representation.section_data(section) for section in sections],
        surrogate=surrogate_keys(extra=[CHROME]),
    )


@router.get("/authors", response=responses(list[AuthorOut]), url_name="authors")
def list_authors(request):
    """Authors with a public page, with their bios and links."""
    authors = list(queries.public_authors())
    return json_response(
        request,
        list[AuthorOut],
        [representation.author_data(author) for author in authors],
        surrogate=surrogate_keys(authors=[a.pk for a in authors], extra=[AUTHOR_INDEX]),
    )


@router.get("/tags", response=responses(TagPage), url_name="tags")
def list_tags(
    request,
    limit: int = Query(100, ge=1, le=500),
    cursor: str | None = Query(None, description="`next_cursor` of the previous page."),
):
    """Tags carried by at least one published story, by name, a page at a time."""
    try:
        tags, next_cursor = queries.tag_page(limit=limit, cursor=cursor)
    except queries.BadCursor as error:
        return error_response(str(error), 400)
    data = {
        "items": [representation.tag_data(tag) for tag in tags],
        "next_cursor": next_cursor,
        "next_url": representation.next_page_url(request, next_cursor),
    }
    return json_response(
        request,
        TagPage,
        data,
        surrogate=surrogate_keys(tags=[t.pk for t in tags], extra=[FEEDS]),
    )


@router.get("/lookup", response=responses(LookupOut), url_name="lookup")
def lookup(
    request,
    url: str = Query(
        ..., description="A public address of the site, absolute or a path."
    ),
):
    """What a public address shows: an article, a section front, an author or a tag page."""
    found = resolve_public_url(url)
    if found is None:
        raise Http404("Nothing public is published at this address.")
    return json_response(request, LookupOut, found.data, surrogate=found.keys)
