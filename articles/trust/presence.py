"""Who has an article open in the admin, kept in the cache for a few minutes.

Opening the change form (or the page's heartbeat) marks the user as editing; others who
open the same article are told. Entries fade out on their own, so a closed tab needs no
clean-up. With the default local-memory cache this is per process; production's Redis
cache shares it between servers.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils import timezone

# How long an editor counts as present after the last sign of life.
PRESENCE_SECONDS = 5 * 60


@dataclass(frozen=True)
class Presence:
    user_id: int
    name: str
    opened_at: datetime


def _key(article_pk: int) -> str:
    return f"articles:presence:{article_pk}"


def _fresh_entries(article_pk: int) -> dict[int, dict]:
    entries = cache.get(_key(article_pk)) or {}
    cutoff = timezone.now().timestamp() - PRESENCE_SECONDS
    return {uid: entry for uid, entry in entries.items() if entry["seen"] >= cutoff}


def mark_editing(article_pk: int, user) -> None:
    """Record that `user` has the article open, keeping the time they first opened it."""
    entries = _fresh_entries(article_pk)
    now = timezone.now()
    entry = entries.get(user.pk) or {"opened": now.timestamp()}
    entry["seen"] = now.timestamp()
    entry["name"] = user.get_full_name() or user.get_username()
    entries[user.pk] = entry
    cache.set(_key(article_pk), entries, PRESENCE_SECONDS)


def stop_editing(article_pk: int, user) -> None:
    entries = _fresh_entries(article_pk)
    if entries.pop(user.pk, None) is not None:
        cache.set(_key(article_pk), entries, PRESENCE_SECONDS)


def others_editing(article_pk: int, user) -> list[Presence]:
    """Everyone but `user` who has the article open, earliest first."""
    people = [
        Presence(
            user_id=uid,
            name=entry["name"],
            opened_at=datetime.fromtimestamp(entry["opened"], tz=UTC),
        )
        for uid, entry in _fresh_entries(article_pk).items()
        if uid != user.pk
    ]
    return sorted(people, key=lambda person: person.opened_at)
