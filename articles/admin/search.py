"""The desk's search box: words through the full-text index, addresses and ids exactly.

On PostgreSQL the words are looked up in the stored search vector (headline, dek, body,
bylined authors' names and tags), the last word as a prefix so that a half-typed name
already finds. A pasted public address, admin address, slug or id finds its story
exactly, through the slug index or the primary key. SQLite, for development, matches
the same fields with `icontains`.
"""

import re
from urllib.parse import urlsplit

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


class DeskSearchMixin:
    """The article list's search box, answered by `desk_search_condition`."""

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
    words = WORD.findall(term)[:MAX_FALLBACK_TERMS]
    condition = Q(pk__in=[])
    if words:
        condition = _words_condition(words)
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


def _words_condition(words: list[str]) -> Q:
    if uses_postgres_search():
        # Only letters and digits reach the query, so none of to_tsquery's operators can.
        *whole, last = words
        text = " & ".join([*whole, f"{last}:*"])
        query = SearchQuery(text, search_type="raw", config=SEARCH_CONFIG)
        return Q(search_vector=query)
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
