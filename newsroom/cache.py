"""A Redis cache that degrades instead of failing when Redis cannot be reached.

Everything the site keeps in the cache (rendered pages, the site chrome, presence
notices) can be rebuilt or done without, so a Redis outage must cost speed, never a
page: reads answer "not cached", writes are dropped, and each failure is logged. Short
socket timeouts and no retries keep a stalled Redis from holding requests, and after a
failure the cache is skipped for a few seconds (not tried again on every call of every
request). `/healthz` asks `is_available` to report the cache as degraded.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)
# Seconds to connect to or hear from Redis before treating it as down.
SOCKET_TIMEOUT_SECONDS = 0.5
# After a failure, how long to carry on without trying Redis at all.
SKIP_AFTER_FAILURE_SECONDS = 2.0
_UNAVAILABLE = object()


class OneClientPerPool(RedisCacheClient):
    """Django wraps its connection pool in a new `redis.Redis` on every cache call, and
    redis-py copies its table of some 170 reply handlers into each one: that copying
    cost more than the round trip to Redis. A `redis.Redis` is a thin, thread-safe
    handle on its pool, so one per pool is made and kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)
        self._class = OneClientPerPool
        self._skip_until = 0.0

    def _degrade(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._skip_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (RedisError, OSError) as error:
            self._skip_until = time.monotonic() + SKIP_AFTER_FAILURE_SECONDS
            logger.warning(
                "Cache %s failed, carrying on uncached: %s", operation, error
            )
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._degrade("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._degrade("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._degrade("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._degrade("has_key", False, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._degrade("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        # Django's incr raises ValueError for a missing key; callers already handle that,
        # so an unreachable Redis looks the same to them (decr goes through here too).
        result = self._degrade("incr", _UNAVAILABLE, key, delta, version)
        if result is _UNAVAILABLE:
            raise ValueError("the cache is unavailable")
        return result

    def is_available(self) -> bool:
        try:
            return bool(self._cache.get_client(write=True).ping())
        except (RedisError, OSError):
            return False
