"""From a public address to what it shows, for apps that were handed a link.

The address is resolved with the site's own URLconf, so the API and the pages can never
disagree about what an address means; old article addresses follow their redirects.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.api import queries, representation
from articles.api.http import article_keys, surrogate_keys
from articles.models import ArticleRedirect


@dataclass
class Found:
    data: dict
    keys: str


def resolve_public_url(url: str) -> Found | None:
    path = urlsplit(url.strip()).path or "/"
    if not path.endswith("/"):
        path += "/"
    try:
        match = resolve(path)
    except (Resolver404, Http404, ValueError):
        return None
    handler = HANDLERS.get(match.view_name)
    return handler(path, **match.kwargs) if handler else None


def _article(path, *, section, year, month, day, slug) -> Found | None:
    article = queries.published_article(section__slug=section, slug=slug)
    if article is None or not _same_day(article, year, month, day):
        old = (
            ArticleRedirect.objects.filter(
                old_path=path, article__in=queries.published_articles()
            )
            .values_list("article_id", flat=True)
            .first()
        )
        article = queries.published_article(pk=old) if old else None
    if article is None:
        return None
    blocks = queries.article_blocks(article)
    detail = representation.article_detail(article, blocks, article.corrections.all())
    return Found(
        {"kind": "article", "api_url": detail["api_url"], "article": detail},
        article_keys(article),
    )


def _same_day(article, year, month, day) -> bool:
    try:
        wanted = datetime.date(year, month, day)
    except ValueError:
        return False
    return timezone.localtime(article.published_at).date() == wanted


def _list_page(kind: str, found, data: dict, keys: str) -> Found:
    """A front, author page or tag page: the object, and the API list of its stories."""
    return Found(
        {
            "kind": kind,
            "api_url": representation.api_url("articles") + f"?{kind}={found.slug}",
            kind: data,
        },
        keys,
    )


def _section(path, *, section) -> Found | None:
    found = queries.public_sections().filter(slug=section).first()
    return found and _list_page(
        "section",
        found,
        representation.section_data(found),
        surrogate_keys(sections=[found.pk]),
    )


def _author(path, *, slug) -> Found | None:
    found = queries.public_authors().filter(slug=slug).first()
    return found and _list_page(
        "author",
        found,
        representation.author_data(found),
        surrogate_keys(authors=[found.pk]),
    )


def _tag(path, *, slug) -> Found | None:
    found = queries.public_tags().filter(slug=slug).first()
    return found and _list_page(
        "tag", found, representation.tag_data(found), surrogate_keys(tags=[found.pk])
    )


HANDLERS = {
    "articles:detail": _article,
    "articles:section": _section,
    "articles:author": _author,
    "articles:tag": _tag,
}
