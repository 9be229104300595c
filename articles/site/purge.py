"""Purge the HTTP caches by surrogate key when published content changes.

A save inside a transaction (an admin form saves the article, its bylines, tags and
blocks together) collects keys and sends one purge per cache once the transaction
commits. The purge is a `PURGE` request carrying the keys in an `xkey-purge` header, sent
to every address in HTTP_CACHE_PURGE_URLS (Varnish with xkey here; anything answering
the same request can be added). Without configured caches nothing is computed or sent.

A cache that cannot be reached is logged and skipped: saving a story never fails
because a cache is down.
"""

import logging
import threading
import urllib.error
import urllib.request

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)
PURGE_TIMEOUT_SECONDS = 2
_pending = threading.local()


def purge_enabled() -> bool:
    return bool(settings.HTTP_CACHE_PURGE_URLS)


def request_purge(keys) -> None:
    """Purge `keys` now, or once the current transaction commits (one request per cache)."""
    keys = set(keys)
    if not keys or not purge_enabled():
        return
    if not connection.in_atomic_block:
        send_purge(keys)
        return
    # Every save registers a flush; the first to run sends the whole batch and the rest
    # find it empty. (Keys of a rolled-back transaction wait for the next purge.)
    _pending.keys = getattr(_pending, "keys", None) or set()
    _pending.keys |= keys
    transaction.on_commit(_flush)


def _flush() -> None:
    keys = getattr(_pending, "keys", None) or set()
    _pending.keys = None
    if keys:
        send_purge(keys)


def send_purge(keys) -> dict[str, int | None]:
    """Send one purge to every configured cache; the HTTP status per cache (None: unreachable)."""
    value = " ".join(sorted(keys))
    results = {}
    for url in settings.HTTP_CACHE_PURGE_URLS:
        request = urllib.request.Request(
            url, method="PURGE", headers={"xkey-purge": value}
        )
        try:
            with urllib.request.urlopen(
                request, timeout=PURGE_TIMEOUT_SECONDS
            ) as reply:
                results[url] = reply.status
        except urllib.error.HTTPError as error:
            results[url] = error.code
            logger.warning("Purge refused by %s: HTTP %s", url, error.code)
        except OSError as error:
            results[url] = None
            logger.warning("Purge not delivered to %s: %s", url, error)
    return results
