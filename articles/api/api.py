"""The NinjaAPI instance: version, docs, authentication, limits and JSON errors.

django-ninja (pinned in pyproject.toml) was chosen over DRF with drf-spectacular: its
typed schemas give the OpenAPI 3 document with no second description to keep in step,
it is small, and it is plain Django underneath (views, URLs, the cache).
"""

import functools
import math

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from articles.api.access import AnonymousThrottle, PartnerKeyAuth, PartnerThrottle
from articles.api.http import error_response


def answers_head(view):
    """HEAD is answered as GET without the body (RFC 9110, 9.3.2): the same status,
    validators and cache headers, so a client can check a resource cheaply."""

    @functools.wraps(view)
    def view_answering_head(request, *args, **kwargs):
        if request.method != "HEAD":
            response = view(request, *args, **kwargs)
        else:
            request.method = "GET"
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        if response.status_code == 405 and "GET" in response.get("Allow", ""):
            response["Allow"] += ", HEAD"
        return response

    return view_answering_head


class ContentAPI(NinjaAPI):
    def _get_urls(self):
        """Every address answers HEAD wherever it answers GET (ninja would say 405)."""
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = answers_head(pattern.callback)
        return patterns

    def get_openapi_schema(self, *args, **kwargs):
        """The key is optional: every operation also accepts no security at all (`{}`),
        which is how OpenAPI says "anonymous callers welcome, at a lower limit"."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
        return schema


api = ContentAPI(
    title="Newsroom Content API",
    version="1",
    description=(
        "Published stories, sections, authors and tags as JSON, and stories as IPTC "
        "ninjs 3.2 for syndication. Read-only. Without a key, requests are limited per "
        "address; partners send their key in the `X-API-Key` header for a higher limit."
    ),
    auth=[PartnerKeyAuth()],
    throttle=[AnonymousThrottle(), PartnerThrottle()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(Throttled)
def too_many_requests(request, exc):
    response = error_response("Too many requests; slow down and retry later.", 429)
    wait = getattr(request, "_throttle_wait", None)
    if wait is not None:
        response["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    return error_response(
        "Some parameters are not valid.",
        400,
        errors=[
            {"loc": [str(part) for part in item.get("loc", ())], "msg": item["msg"]}
            for item in exc.errors
        ],
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(str(exc) or "Not found.", 404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error_response("This API key is not valid or has been revoked.", 401)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error_response(str(exc), exc.status_code)


api.add_router("", "articles.api.content.router")
api.add_router("/ninjs", "articles.api.ninjs_views.router")
