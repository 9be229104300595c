"""The desk's search box: words through the full-text index, addresses and ids exactly.

On PostgreSQL the words are looked up in the stored search vector (headline, dek, body,
bylined authors' names and tags) as the public search reads them (web-search syntax).
Whole words, not prefixes: the planner has statistics for words, but guesses for a
prefix, and a guess that a rare prefix is common walks the whole list in date order
looking for a page of matches. (Half a name is for the author filter.) A pasted public
address, admin address, slug or id finds its story exactly, through the slug index or
the primary key. SQLite, for development, matches the same fields with `icontains`.
"""

import re
from urllib.parse import urlsplit

from django.contrib.admin.views.main import ChangeList
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleTag, Byline
from articles.site.search import (
    MAX_FALLBACK_TERMS,
    SEARCH_CONFIG,
    clean_query,
    uses_postgres_search,
)

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
WORD = re.compile(r"[^\W_]+")
LARGEST_ID = 2**63 - 1


class DeskChangeList(ChangeList):
    """The article list reads no column it does not show: the body's text, search vector
    and rendered HTML are kilobytes a story."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer("search_text", "search_vector", "body_html")


class DeskSearchMixin:
    """The article list's search box, answered by `desk_search_condition`, and its rows."""

    def get_changelist(self, request, **kwargs):
        return DeskChangeList

    # Shows the search box; get_search_results reads the index, not these columns.
    search_fields = ["headline"]
    search_help_text = _(
        "Words from the headline, text, bylines or tags; or paste a slug, address or id."
    )

    def get_search_results(self, request, queryset, search_term):
        condition = desk_search_condition(search_term)
        if condition is None:
            return queryset, False
        return queryset.filter(condition), False


def desk_search_condition(raw: str) -> Q | None:
    """Articles matching what an editor typed or pasted; None when there is nothing to match."""
    term = clean_query(raw)
    if not term:
        return None
    if "/" in term:
        return _address_condition(term)
    condition = _words_condition(term)
    if term.isdigit() and int(term) <= LARGEST_ID:
        condition |= Q(pk=int(term))
    if SLUG.fullmatch(term):
        condition |= Q(slug=term.lower())
    return condition


def _address_condition(term: str) -> Q:
    """A public address ends with the slug; an admin address names the id before /change/."""
    parts = [part for part in urlsplit(term).path.split("/") if part]
    if len(parts) >= 2 and parts[-1] == "change" and parts[-2].isdigit():
        return Q(pk=int(parts[-2])) if int(parts[-2]) <= LARGEST_ID else Q(pk__in=[])
    if parts and SLUG.fullmatch(parts[-1]):
        return Q(slug=parts[-1].lower())
    return Q(pk__in=[])


def _words_condition(term: str) -> Q:
    if uses_postgres_search():
        query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
        return Q(search_vector=query)
    words = WORD.findall(term)[:MAX_FALLBACK_TERMS]
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        bylined = Byline.objects.filter(author__name__icontains=word)
        tagged = ArticleTag.objects.filter(tag__name__icontains=word)
        condition &= (
            Q(headline__icontains=word)
            | Q(dek__icontains=word)
            | Q(search_text__icontains=word)
            | Q(pk__in=bylined.values("article"))
            | Q(pk__in=tagged.values("content_object"))
        )
    return condition
