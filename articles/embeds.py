"""Which addresses an embed block accepts, and the player each one loads after a click.

Every provider is listed here with the hosts its public addresses live on and the one
origin its player comes from. An address is accepted only when its host is listed and
its path names one thing (a video, a post, a chart, a document); the player address is
then built from the pieces read out of it, never copied from the editor's input, so an
embed can only ever load one of the players below. `PLAYER_ORIGINS` is what the
Content-Security-Policy's `frame-src` must allow (tests/articles/test_embeds.py holds
`newsroom/settings.py` to exactly that list).

Mastodon has no single host: only the servers in `MASTODON_SERVERS` are accepted, so
the policy can name each of them.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MASTODON_SERVERS = (
    "mastodon.social",
    "mastodon.online",
    "mstdn.social",
    "journa.host",
    "mastodon.world",
)

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_SEGMENT = re.compile(r"[A-Za-z0-9_.:-]+")


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    kind: str  # video, post, chart or document: what readers are told they will load
    hosts: frozenset[str]
    player_origins: tuple[str, ...]
    player: Callable  # (host, path parts, query) -> player address, or None


@dataclass(frozen=True)
class Embed:
    provider: Provider
    url: str  # the public address, where the reader's link goes
    player_url: str  # what the frame loads, after the reader's click

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.provider.kind]


def _youtube(host, parts, query):
    if host == "youtu.be":
        video = parts[0] if parts else ""
    elif parts[:1] in (["shorts"], ["embed"], ["live"]) and len(parts) > 1:
        video = parts[1]
    elif parts == ["watch"]:
        video = query.get("v", [""])[0]
    else:
        return None
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def _vimeo(host, parts, query):
    if host == "player.vimeo.com" and parts[:1] == ["video"]:
        parts = parts[1:]
    if not parts or not parts[0].isdigit():
        return None
    # An unlisted video's address carries its private hash as a second segment.
    private = f"&h={quote(parts[1])}" if len(parts) > 1 and parts[1].isalnum() else ""
    return f"https://player.vimeo.com/video/{parts[0]}?dnt=1{private}"


def _x(host, parts, query):
    if len(parts) < 3 or parts[1] != "status" or not parts[2].isdigit():
        return None
    return f"https://platform.twitter.com/embed/Tweet.html?id={parts[2]}&dnt=true"


def _bluesky(host, parts, query):
    if len(parts) != 4 or parts[0] != "profile" or parts[2] != "post":
        return None
    actor, post = parts[1], parts[3]
    if not (_SEGMENT.fullmatch(actor) and post.isalnum()):
        return None
    return f"https://embed.bsky.app/embed/{actor}/app.bsky.feed.post/{post}"


def _mastodon(host, parts, query):
    if len(parts) != 2 or not parts[0].startswith("@") or not parts[1].isdigit():
        return None
    account = parts[0][1:]
    if not _SEGMENT.fullmatch(account):
        return None
    return f"https://{host}/@{account}/{parts[1]}/embed"


def _datawrapper(host, parts, query):
    if host.endswith("datawrapper.de"):
        if len(parts) != 2 or parts[0] != "_":
            return None
        parts = parts[1:]
    if not parts or not parts[0].isalnum():
        return None
    version = f"{parts[1]}/" if len(parts) > 1 and parts[1].isdigit() else ""
    return f"https://datawrapper.dwcdn.net/{parts[0]}/{version}"


def _documentcloud(host, parts, query):
    if len(parts) < 2 or parts[0] != "documents":
        return None
    document = parts[1].removesuffix(".html")
    if not re.fullmatch(r"\d+-[a-z0-9-]+", document):
        return None
    return f"https://embed.documentcloud.org/documents/{document}/?embed=1"


PROVIDERS = (
    Provider(
        "youtube",
        "YouTube",
        "video",
        frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}),
        ("https://www.youtube-nocookie.com",),
        _youtube,
    ),
    Provider(
        "vimeo",
        "Vimeo",
        "video",
        frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}),
        ("https://player.vimeo.com",),
        _vimeo,
    ),
    Provider(
        "x",
        "X",
        "post",
        frozenset(
            {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.x.com"}
        ),
        ("https://platform.twitter.com",),
        _x,
    ),
    Provider(
        "bluesky",
        "Bluesky",
        "post",
        frozenset({"bsky.app"}),
        ("https://embed.bsky.app",),
        _bluesky,
    ),
    Provider(
        "mastodon",
        "Mastodon",
        "post",
        frozenset(MASTODON_SERVERS),
        tuple(f"https://{server}" for server in MASTODON_SERVERS),
        _mastodon,
    ),
    Provider(
        "datawrapper",
        "Datawrapper",
        "chart",
        frozenset({"datawrapper.dwcdn.net", "www.datawrapper.de", "datawrapper.de"}),
        ("https://datawrapper.dwcdn.net",),
        _datawrapper,
    ),
    Provider(
        "documentcloud",
        "DocumentCloud",
        "document",
        frozenset({"www.documentcloud.org", "documentcloud.org"}),
        ("https://embed.documentcloud.org",),
        _documentcloud,
    ),
)
PLAYER_ORIGINS = tuple(
    origin for provider in PROVIDERS for origin in provider.player_origins
)
PROVIDER_NAMES = ", ".join(provider.name for provider in PROVIDERS)

KIND_LABELS = {
    "video": _("video"),
    "post": _("post"),
    "chart": _("chart"),
    "document": _("document"),
}


def provider_for_host(host: str) -> Provider | None:
    return next((p for p in PROVIDERS if host in p.hosts), None)


def parse_embed(url: str) -> Embed:
    """The provider and player of `url`, or a ValidationError written for the editor."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # an unclosed [ in the host, a port that is not a number
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise ValidationError(
            _("Paste the full address of what to embed, starting with https://."),
            code="not_a_url",
        )
    provider = provider_for_host(host)
    if provider is None:
        raise ValidationError(
            format_lazy(
                _(
                    "Embeds come only from {providers} (Mastodon: {servers}); {host} is not one of them. Link to it in the text instead."
                ),
                providers=PROVIDER_NAMES,
                servers=", ".join(MASTODON_SERVERS),
                host=host,
            ),
            code="provider_not_allowed",
        )
    segments = [segment for segment in parts.path.split("/") if segment]
    player = provider.player(host, segments, parse_qs(parts.query))
    if player is None:
        raise ValidationError(
            format_lazy(
                _(
                    "This {provider} address does not point at one {kind}; copy the address of the {kind} itself."
                ),
                provider=provider.name,
                kind=KIND_LABELS[provider.kind],
            ),
            code="not_one_item",
        )
    return Embed(provider=provider, url=url, player_url=player)


def embed_or_none(url: str) -> Embed | None:
    """`parse_embed` for callers that fall back to a plain link (imports)."""
    try:
        return parse_embed(url)
    except ValidationError:
        return None
