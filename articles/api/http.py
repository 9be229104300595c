"""HTTP caching for API responses: validators, lifetimes and surrogate keys.

Responses are built here rather than by ninja's renderer so that the body can be hashed
into an ETag and a conditional request answered with 304 before anything is sent.
The body is still validated against the operation's schema first, so what goes out
always matches the published OpenAPI document.
"""

import functools
import hashlib
import json
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from pydantic import TypeAdapter

from articles.site import surrogate_keys as keys
from articles.site.caching import seconds_until, site_state


def surrogate_keys(*, articles=(), sections=(), authors=(), tags=(), extra=()) -> str:
    """The pages' key scheme (articles.site.surrogate_keys), so the same purge on publish
    reaches the API's responses: article-<pk>, section-<pk>, author-<pk>, tag-<pk>."""
    return keys.header_value(
        articles=articles, sections=sections, authors=authors, tags=tags, extra=extra
    )


@functools.cache
def type_adapter(schema) -> TypeAdapter:
    return TypeAdapter(schema)


def article_keys(article) -> str:
    """What a story's response shows: the story, its section and its authors."""
    return surrogate_keys(
        articles=[article.pk],
        sections=[article.section_id],
        authors=[byline.author_id for byline in article.bylines.all()],
    )


def json_response(
    request,
    schema,
    data,
    *,
    last_modified: datetime | None = None,
    surrogate: str = "",
    exclude_none: bool = False,
) -> HttpResponse:
    """A cacheable JSON response for `data` (validated by `schema`), or a 304."""
    adapter = type_adapter(schema)
    payload = adapter.dump_python(
        adapter.validate_python(data),
        mode="json",
        by_alias=True,
        exclude_none=exclude_none,
    )
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    modified = int(last_modified.timestamp()) if last_modified else None
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    # Nothing may be kept past the next scheduled publication, which could change it.
    lifetime = seconds_until(site_state().next_publication, settings.PAGE_CACHE_SECONDS)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PUBLIC_CACHE_MAX_AGE, lifetime),
        s_maxage=min(settings.PUBLIC_CACHE_S_MAXAGE, lifetime),
    )
    if surrogate:
        response[keys.HEADER] = surrogate
    return get_conditional_response(
        request, etag=etag, last_modified=modified, response=response
    )


def error_response(message: str, status: int, **extra) -> JsonResponse:
    """Every API error has the same shape: {"message": ...} plus details where useful."""
    return JsonResponse({"message": message, **extra}, status=status)
