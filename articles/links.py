"""Links from one story to another that follow the story, not its address.

A link to one of our stories is stored as a reference, `href="/_/article/<id>/"`, made
either by the editor's "Link to one of our stories" dialog or, on save, from any pasted
address of one of our stories (its current address or an old one that redirects). The
reference is resolved each time a body is shown to readers (`resolve_article_links`):
to the story's canonical address while it is published, and to its plain text otherwise,
so a draft's or a withdrawn story's address never reaches a reader. A changed slug,
section or date is followed without touching the stories that link to it, and a
scheduled story's links come alive at its publication time.

Resolving costs one query for all references in a body, and none for a body without.
`/_/article/<id>/` is also a real address (`articles.site.views.article_reference`), so
a reference shown somewhere unresolved (the editor's own preview) still leads to the story.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.urls import Resolver404, resolve

REFERENCE_PREFIX = "/_/article/"
# nh3 writes every kept tag in one normal form: double-quoted, escaped attributes, and
# never an <a> inside another, so one link is everything up to the next </a>.
_HREF = re.compile(r'(<a\s[^>]*?\bhref=")([^"]*)(")', re.I)
_REFERENCE_LINK = re.compile(
    r'<a\s[^>]*?\bhref="/_/article/(\d+)/"[^>]*>(.*?)</a>', re.I | re.S
)


def reference(article_id: int) -> str:
    return f"{REFERENCE_PREFIX}{article_id}/"


def referenced_ids(markup: str) -> set[int]:
    """Ids of the stories `markup` links to by reference."""
    return {int(found) for found, _ in _REFERENCE_LINK.findall(markup or "")}


def _our_path(href: str) -> str | None:
    """The path of `href` when it is an address on this site without query or fragment."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.query or parts.fragment or not parts.path.startswith("/"):
        return None
    if parts.scheme or parts.netloc:
        site_host = urlsplit(settings.SITE_URL).netloc
        ours = parts.netloc == site_host or validate_host(
            parts.hostname or "", settings.ALLOWED_HOSTS
        )
        if parts.scheme not in ("http", "https") or not ours:
            return None
    return parts.path


def _story_at(path: str) -> int | None:
    """The id of the story published (or once published) at `path`, if any."""
    from articles.models import Article, ArticleRedirect

    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "articles:detail":
        found = (
            Article.objects.filter(
                section__slug=match.kwargs["section"], slug=match.kwargs["slug"]
            )
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            return found
    return (
        ArticleRedirect.objects.filter(old_path=path)
        .values_list("article_id", flat=True)
        .first()
    )


def to_article_references(markup: str) -> str:
    """`markup` (sanitised) with every link to one of our stories made a reference."""

    def replace(match: re.Match) -> str:
        path = _our_path(html.unescape(match.group(2)))
        if path is None or path.startswith(REFERENCE_PREFIX):
            return match.group(0)
        story = _story_at(path)
        if story is None:
            return match.group(0)
        return f"{match.group(1)}{reference(story)}{match.group(3)}"

    return _HREF.sub(replace, markup or "")


@dataclass
class LinkTargets:
    """What the stories linked to are now: the address of each live one, and which are
    scheduled (their link appears at their time, with no save to announce it)."""

    addresses: dict[int, str] = field(default_factory=dict)
    scheduled: set[int] = field(default_factory=set)


def link_targets(ids: Iterable[int]) -> LinkTargets:
    """The live and scheduled stories among `ids` (one query; none without ids)."""
    from articles.models import Article, published_condition, scheduled_condition

    ids = set(ids)
    if not ids:
        return LinkTargets()
    stories = (
        Article.objects.filter(published_condition() | scheduled_condition())
        .filter(pk__in=ids)
        .select_related("section")
        .only("pk", "slug", "status", "published_at", "trashed_at", "section__slug")
    )
    targets = LinkTargets()
    for story in stories:
        if story.is_published:
            targets.addresses[story.pk] = story.get_absolute_url()
        else:
            targets.scheduled.add(story.pk)
    return targets


def published_addresses(ids: Iterable[int]) -> dict[int, str]:
    """The canonical address of each of `ids` that readers may see now (one query)."""
    return link_targets(ids).addresses


def resolve_article_links(
    markup: str, *, addresses: dict[int, str] | None = None, prefix: str = ""
) -> str:
    """`markup` as readers get it: references to live stories point at their address
    (after `prefix`, e.g. the site's origin for partners), the others become plain text.

    `addresses` comes from `published_addresses` when many bodies share one query.
    """
    if REFERENCE_PREFIX not in (markup or ""):
        return markup
    if addresses is None:
        addresses = published_addresses(referenced_ids(markup))

    def replace(match: re.Match) -> str:
        address = addresses.get(int(match.group(1)))
        if address is None:
            return match.group(2)
        return match.group(0).replace(
            f'href="{reference(int(match.group(1)))}"', f'href="{prefix}{address}"', 1
        )

    return _REFERENCE_LINK.sub(replace, markup)
