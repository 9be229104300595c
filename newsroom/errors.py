"""Error pages that must render with no database: a 500, or a styled 503 while it is away.

Django calls `server_error` from inside its exception handler, so the exception being
handled tells an outage (the database cannot be reached) from a bug.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers

# Seconds a client (or Varnish, or a crawler) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS) or (
        isinstance(error, DatabaseError) and isinstance(error.__cause__, OUTAGE_ERRORS)
    )


def unavailable_response() -> HttpResponse:
    """The styled 503; standalone, so it also serves as the HTTP cache's outage page."""
    response = HttpResponse(
        loader.render_to_string("503.html"), status=503, content_type="text/html"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request, template_name="500.html"):
    if is_outage(sys.exc_info()[1]):
        return unavailable_response()
    return HttpResponseServerError(loader.render_to_string(template_name))
