"""Caching of public pages for anonymous readers.

Every change to published content bumps a "generation" number kept in the cache; page
and chrome entries are keyed by it, so a save makes all of them unreachable at once.
Scheduled articles go live without any save, so no entry may outlive the next
scheduled publication time. Signed-in users always get a fresh, uncacheable page.

What an anonymous request may add to the cache is bounded: the key holds the host, the
path and only the query parameters the pages read. Campaign and click-tracking parameters
(`utm_*`, `fbclid`, …) are dropped before the view runs, so `/?fbclid=<random>` is the
cached home page. Page numbers (`page`, the sitemaps' `p`) count only when written the
one canonical way; a page past the end is a 404 and never stored. A search's free text
(`q`) can take endless values, so at most FREE_TEXT_ENTRIES such pages are stored per
cache lifetime. Any other parameter gets a freshly rendered page that is not stored.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from articles.models import Article, scheduled_condition
from articles.site import surrogate_keys
from dbtools.prepared import PreparedQuery
from sections.chrome import Chrome, load_chrome

GENERATION_KEY = "newsroom:generation"
# Query parameters that only say where a reader came from; no page reads them.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
    }
)
TRACKING_PREFIXES = ("utm_",)
# Parameters that pages read and whose every value is a page number.
CACHED_NUMBER_PARAMETERS = frozenset({"page", "p"})
MAX_CACHED_PAGE_NUMBER = 10_000
# Free-text parameters (search terms) and how many of their pages may be stored at once.
CACHED_TEXT_PARAMETERS = frozenset({"q"})
MAX_CACHED_TEXT_LENGTH = 200
FREE_TEXT_ENTRIES = 500
FREE_TEXT_BUDGET_KEY = "newsroom:free-text-entries"
CHROME_GENERATION_KEY = "newsroom:chrome-generation"


@dataclass
class SiteState:
    chrome: Chrome
    next_publication: datetime | None

    def is_stale(self) -> bool:
        """True once the next scheduled article is due: listings must change then."""
        return (
            self.next_publication is not None
            and self.next_publication <= timezone.now()
        )


def _generation(key: str) -> int:
    generation = cache.get(key)
    if generation is None:
        # A time-based start: a generation evicted from the cache never comes back.
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key, time.time_ns())
    return generation


def _bump(key: str) -> None:
    cache.set(key, time.time_ns(), timeout=None)


def content_generation() -> int:
    return _generation(GENERATION_KEY)


def bump_content_generation() -> None:
    _bump(GENERATION_KEY)


def bump_chrome_generation() -> None:
    _bump(CHROME_GENERATION_KEY)


def content_changed(**kwargs) -> None:
    """Signal receiver: forget every cached page now, and again once the data is committed.

    The second bump drops pages a concurrent request rendered from the old rows while
    the writing transaction was still open.
    """
    if kwargs.get("raw"):
        return
    bump_content_generation()
    transaction.on_commit(bump_content_generation)


def chrome_changed(**kwargs) -> None:
    """Signal receiver for the masthead, navigation and footer: they change rarely, so
    they are cached apart from articles and survive the desk's many article saves."""
    if kwargs.get("raw"):
        return
    bump_chrome_generation()
    transaction.on_commit(bump_chrome_generation)
    content_changed(**kwargs)


def cached_chrome() -> Chrome:
    key = f"newsroom:chrome:{_generation(CHROME_GENERATION_KEY)}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = load_chrome()
        cache.set(key, chrome, timeout=None)
    return chrome


def _scheduled_after(now: datetime):
    return (
        Article.objects.filter(scheduled_condition(now=now))
        .order_by("published_at")
        .values_list("published_at")[:1]
    )


# Run on every cache miss of the site state: compiled once (dbtools.prepared).
_next_scheduled = PreparedQuery(_scheduled_after, now=datetime)


def next_scheduled_publication() -> datetime | None:
    row = _next_scheduled.first(now=timezone.now())
    return row[0] if row else None


def seconds_until(moment: datetime | None, default: int) -> int:
    """`default`, shortened so that nothing cached outlives `moment`."""
    if moment is None:
        return default
    remaining = int((moment - timezone.now()).total_seconds())
    return max(0, min(default, remaining))


def site_state() -> SiteState:
    """The chrome and the next scheduled publication, cached per content generation."""
    key = f"newsroom:site-state:{content_generation()}"
    state = cache.get(key)
    # The cache's own expiry runs on its clock; checking the time here keeps the rule
    # exact even when the cache server's clock and ours disagree.
    if state is None or state.is_stale():
        state = SiteState(
            chrome=cached_chrome(), next_publication=next_scheduled_publication()
        )
        timeout = seconds_until(state.next_publication, settings.PAGE_CACHE_SECONDS)
        if timeout > 0:
            cache.set(key, state, timeout)
    return state


def is_anonymous_reader(request) -> bool:
    return not request.user.is_authenticated


def is_tracking_parameter(name: str) -> bool:
    return name.lower() in TRACKING_PARAMETERS or name.lower().startswith(
        TRACKING_PREFIXES
    )


def without_tracking(query: QueryDict) -> QueryDict:
    """The query string a page should see: tracking parameters left out."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if not is_tracking_parameter(name):
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def _is_page_number(value: str) -> bool:
    return (
        value.isascii() and value.isdigit() and 0 < int(value) <= MAX_CACHED_PAGE_NUMBER
    )


def _is_cacheable_parameter(name: str, value: str) -> bool:
    if name in CACHED_NUMBER_PARAMETERS:
        return _is_page_number(value) and str(int(value)) == value
    return name in CACHED_TEXT_PARAMETERS and len(value) <= MAX_CACHED_TEXT_LENGTH


@dataclass
class PageKey:
    key: str
    free_text: bool  # stored only while the free-text budget lasts


def page_cache_key(request) -> PageKey | None:
    """The cache key of an anonymous request, or None when its page must not be stored.

    Host and path, plus the parameters pages read, in a fixed order; anything else in
    the query string (tracking parameters already removed) makes the page uncacheable.
    """
    params = []
    for name, values in request.GET.lists():
        if len(values) != 1 or not _is_cacheable_parameter(name, values[0]):
            return None
        params.append(f"{name}={values[0]}")
    address = f"{request.scheme}://{request.get_host()}{request.path}?{'&'.join(sorted(params))}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return PageKey(
        key=f"newsroom:page:{content_generation()}:{digest}",
        free_text=any(name in CACHED_TEXT_PARAMETERS for name in request.GET),
    )


def free_text_budget_left() -> bool:
    """Count one more stored free-text page in this cache lifetime; False once the budget is spent.

    The count lives as long as the pages it counts, so the budget renews with them:
    at any moment at most twice FREE_TEXT_ENTRIES such pages are in the cache.
    """
    window = int(time.time() // max(1, settings.PAGE_CACHE_SECONDS))
    key = f"{FREE_TEXT_BUDGET_KEY}:{window}"
    cache.add(key, 0, timeout=settings.PAGE_CACHE_SECONDS * 2)
    try:
        return cache.incr(key) <= FREE_TEXT_ENTRIES
    except ValueError:  # the counter expired between add and incr
        return False


def public_page(view):
    """Cache a public view's page for anonymous readers and answer conditional requests."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_anonymous_reader(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        state = request.site_state = site_state()
        # The page sees the address without tracking, so its own links (pagination) do too.
        request.GET = without_tracking(request.GET)
        page_key = page_cache_key(request)
        entry = cache.get(page_key.key) if page_key else None
        if entry is None or entry["expires_at"] <= timezone.now().timestamp():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # template responses (sitemaps) render lazily
            if page_key is None or not _is_cacheable(response):
                return response
            lifetime = seconds_until(
                state.next_publication, settings.PAGE_CACHE_SECONDS
            )
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
                "rendered_at": timezone.now().timestamp(),
                "expires_at": timezone.now().timestamp() + lifetime,
                "keys": surrogate_keys.response_keys(request, response),
            }
            if lifetime > 0 and (not page_key.free_text or free_text_budget_left()):
                cache.set(page_key.key, entry, lifetime)
        return _response_from(request, entry)

    return wrapper


def _is_cacheable(response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    directives = response.get("Cache-Control", "")
    return "private" not in directives and "no-cache" not in directives


def _response_from(request, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    remaining = max(0, math.ceil(entry["expires_at"] - timezone.now().timestamp()))
    response["ETag"] = entry["etag"]
    # Entries cached before keys existed carry none: "all" still lets a purge reach them.
    response[surrogate_keys.HEADER] = entry.get("keys", surrogate_keys.EVERYTHING)
    response["Last-Modified"] = http_date(entry["rendered_at"])
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PUBLIC_CACHE_MAX_AGE, remaining),
        s_maxage=min(settings.PUBLIC_CACHE_S_MAXAGE, remaining),
    )
    # A signed-in editor behind the same shared cache must not get a reader's copy.
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(
        request,
        etag=entry["etag"],
        last_modified=int(entry["rendered_at"]),
        response=response,
    )
