"""IPTC ninjs 3.2 endpoints for partners: one story, or pages of stories."""

from django.http import Http404
from ninja import Query, Router

from articles.api import queries, representation
from articles.api.http import (
    article_keys,
    error_response,
    json_response,
    surrogate_keys,
)
from articles.api.ninjs import ninjs_document
from articles.api.ninjs_schemas import NinjsDocument, NinjsPage
from articles.api.schemas import IsoDateTime, responses
from articles.site.surrogate_keys import FEEDS

router = Router(tags=["ninjs"])


@router.get(
    "/articles/{article_id}",
    response=responses(NinjsDocument),
    url_name="ninjs_article",
    by_alias=True,
)
def ninjs_article(request, article_id: int):
    """One published story as a ninjs 3.2 document with its photos as associations."""
    article = queries.published_article(pk=article_id)
    if article is None:
        raise Http404("No published article with this id.")
    document = ninjs_document(article, queries.article_blocks(article))
    return json_response(
        request,
        NinjsDocument,
        document,
        last_modified=article.updated_at,
        surrogate=article_keys(article),
        exclude_none=True,
    )


@router.get(
    "/articles",
    response=responses(NinjsPage),
    url_name="ninjs_articles",
    by_alias=True,
)
def ninjs_articles(
    request,
    updated_since: IsoDateTime | None = Query(None, description="ISO 8601 time."),
    limit: int = Query(10, ge=1, le=50),
    cursor: str | None = Query(None, description="`next_cursor` of the previous page."),
):
    """Published stories as ninjs documents, last changed first: poll with
    `updated_since` to pick up new and corrected stories."""
    filters = queries.ArticleFilters(updated_since=updated_since)
    try:
        articles, next_cursor = queries.article_page(
            filters, order="updated", limit=limit, cursor=cursor
        )
    except queries.BadCursor as error:
        return error_response(str(error), 400)
    blocks = queries.blocks_for_articles(articles)
    return json_response(
        request,
        NinjsPage,
        {
            "items": [ninjs_document(a, blocks[a.pk]) for a in articles],
            "next_cursor": next_cursor,
            "next_url": representation.next_page_url(request, next_cursor),
        },
        last_modified=max((a.updated_at for a in articles), default=None),
        surrogate=surrogate_keys(articles=[a.pk for a in articles], extra=[FEEDS]),
        exclude_none=True,
    )
