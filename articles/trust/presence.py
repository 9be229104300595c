"""Who has an article open in the admin, and whether they are editing or only reading.

Opening the change form, and then the page's heartbeat, marks the user as present;
others who have the same article open are told. An entry fades `PRESENCE_TTL_SECONDS`
after the last heartbeat (the page beats three times per period), so a closed tab or a
crashed browser needs no clean-up and the notice goes within a minute; a page that is
left says so at once. With the default local-memory cache this is per process;
production's Redis cache shares it between servers, and when Redis is down
(`newsroom.cache.DegradingRedisCache`) nobody is listed and nothing fails.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

# What a present person is doing with the article.
EDITING = "editing"  # has the form open with the right to change the story
READING = "reading"  # may open it, not change it


@dataclass(frozen=True)
class Presence:
    user_id: int
    name: str
    opened_at: datetime
    mode: str
    # Editing, and has typed something the page has not saved yet.
    has_changes: bool = False


def ttl_seconds() -> int:
    return settings.PRESENCE_TTL_SECONDS


def heartbeat_seconds() -> int:
    """How often the page says it is still open: three beats fit in one TTL."""
    return max(1, ttl_seconds() // 3)


def _key(article_pk: int) -> str:
    return f"articles:presence:{article_pk}"


def _fresh_entries(article_pk: int) -> dict[int, dict]:
    entries = cache.get(_key(article_pk)) or {}
    cutoff = timezone.now().timestamp() - ttl_seconds()
    return {uid: entry for uid, entry in entries.items() if entry["seen"] > cutoff}


def mark_present(
    article_pk: int, user, *, editing: bool, has_changes: bool = False
) -> None:
    """Record that `user` has the article open, keeping the time they first opened it."""
    entries = _fresh_entries(article_pk)
    now = timezone.now()
    entry = entries.get(user.pk) or {"opened": now.timestamp()}
    entry["seen"] = now.timestamp()
    entry["name"] = user.get_full_name() or user.get_username()
    entry["mode"] = EDITING if editing else READING
    entry["changes"] = editing and has_changes
    entries[user.pk] = entry
    cache.set(_key(article_pk), entries, ttl_seconds())


def stop_editing(article_pk: int, user) -> None:
    """The user left the article (saved and closed it, or left the page)."""
    entries = _fresh_entries(article_pk)
    if entries.pop(user.pk, None) is not None:
        cache.set(_key(article_pk), entries, ttl_seconds())


def others_present(article_pk: int, user) -> list[Presence]:
    """Everyone but `user` who has the article open, earliest first."""
    people = [
        Presence(
            user_id=uid,
            name=entry["name"],
            opened_at=datetime.fromtimestamp(entry["opened"], tz=UTC),
            mode=entry.get("mode", EDITING),
            has_changes=entry.get("changes", False),
        )
        for uid, entry in _fresh_entries(article_pk).items()
        if uid != user.pk
    ]
    return sorted(people, key=lambda person: person.opened_at)
