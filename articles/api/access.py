"""Who is calling the API and how often: partner keys and rate limits.

A partner sends its key in the `X-API-Key` header, never in the address, so keys do not
end up in access logs, browser histories or caches. Only the key's hash is stored.

Limits use ninja's throttling hook (it answers 429 with Retry-After), but count with
atomic increments in the shared cache, one counter per window: ninja's own throttles
keep a list of timestamps that each process reads and writes back, which loses counts
when several gunicorn workers share one Redis.
"""

import logging
from datetime import timedelta
from time import time as wall_clock

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from ninja.errors import HttpError, Throttled
from ninja.security import APIKeyHeader
from ninja.throttling import BaseThrottle
from redis.exceptions import RedisError

from sections.models import PartnerKey, hash_api_key

logger = logging.getLogger(__name__)

API_KEY_HEADER = "X-API-Key"
# Writing the last-used time on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class PartnerKeyAuth(APIKeyHeader):
    """An optional key: without the header the caller is anonymous; a wrong or
    revoked key is refused outright, so a partner notices instead of being throttled."""

    param_name = API_KEY_HEADER

    def __call__(self, request):
        raw_key = request.headers.get(self.param_name)
        if not raw_key:
            request.partner_key = None
            return "anonymous"
        return self.authenticate(request, raw_key)

    def authenticate(self, request, key):
        partner_key = (
            PartnerKey.objects.active()
            .select_related("partner")
            .filter(key_hash=hash_api_key(key))
            .first()
        )
        if partner_key is None:
            # Wrong keys spend the address's anonymous allowance: guessing costs as
            # much as reading, and a flood of bad keys is slowed like any other.
            request.partner_key = None
            if not AnonymousThrottle().allow_request(request):
                raise Throttled(wait=None)
            raise HttpError(401, "This API key is not valid or has been revoked.")
        now = timezone.now()
        if (
            partner_key.last_used_at is None
            or partner_key.last_used_at < now - LAST_USED_RESOLUTION
        ):
            PartnerKey.objects.filter(pk=partner_key.pk).update(last_used_at=now)
        request.partner_key = partner_key
        return partner_key


def parse_rate(rate: str) -> tuple[int, int]:
    """ "60/m" → (60, 60): requests per period in seconds."""
    count, period = rate.split("/", 1)
    return int(count), PERIODS[period.strip()[0]]


class WindowThrottle(BaseThrottle):
    """At most N requests per fixed window, counted with cache.incr (atomic in Redis)."""

    scope = ""

    def rate(self) -> str:
        raise NotImplementedError

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request) -> bool:
        ident = self.ident(request)
        if ident is None:
            return True
        limit, period = parse_rate(self.rate())
        window = int(wall_clock()) // period
        key = f"newsroom:api-throttle:{self.scope}:{ident}:{period}:{window}"
        try:
            count = _count(key, period)
        except (RedisError, OSError) as error:
            # The cache is down: serve rather than refuse, as the pages do without it.
            logger.warning("API rate limit not counted, cache unavailable: %s", error)
            return True
        request._throttle_wait = period - (wall_clock() % period)
        return count <= limit

    def wait(self):
        return None  # per request instead: api.too_many_requests reads request._throttle_wait


def _count(key: str, period: int) -> int:
    """This request's number in its window; add() creates the counter with its expiry,
    incr() is the atomic step."""
    cache.add(key, 0, timeout=period + 1)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr: count afresh
        cache.set(key, 1, timeout=period + 1)
        return 1


class AnonymousThrottle(WindowThrottle):
    scope = "anonymous"

    def rate(self) -> str:
        return settings.API_ANONYMOUS_RATE

    def ident(self, request):
        if getattr(request, "partner_key", None) is not None:
            return None
        return self.get_ident(request)


class PartnerThrottle(WindowThrottle):
    scope = "partner"

    def rate(self) -> str:
        return settings.API_PARTNER_RATE

    def ident(self, request):
        key = getattr(request, "partner_key", None)
        return None if key is None else str(key.pk)
