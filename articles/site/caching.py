"""Caching of public pages for anonymous readers.

Every change to published content bumps a "generation" number kept in the cache; page
and chrome entries are keyed by it, so a save makes all of them unreachable at once.
Scheduled articles go live without any save, so no entry may outlive the next
scheduled publication time. Signed-in users always get a fresh, uncacheable page.
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
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from articles.models import Article
from sections.chrome import Chrome, load_chrome

GENERATION_KEY = "newsroom:generation"
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


def next_scheduled_publication() -> datetime | None:
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


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


def public_page(view):
    """Cache a public view's page for anonymous readers and answer conditional requests."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_anonymous_reader(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        state = site_state()
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"newsroom:page:{content_generation()}:{digest}"
        entry = cache.get(key)
        if entry is None or entry["expires_at"] <= timezone.now().timestamp():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # template responses (sitemaps) render lazily
            if not _is_cacheable(response):
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
            }
            if lifetime > 0:
                cache.set(key, entry, lifetime)
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
