"""The search behind "Link to one of our stories" in the rich-text editor.

`link-search/?q=…` answers JSON: at most `STORY_LINK_RESULTS` stories whose headline
has the words typed, newest first, taken from the
stories the user may see (`Article.objects.visible_to`: what readers see plus what they
work on), so the dialog never names a colleague's draft. On PostgreSQL the words are
looked up in the full-text index, restricted to the headline's weight (A), as whole
words like the desk's search box (a prefix's frequency is guessed by the planner, which
may then walk the whole archive in date order); SQLite, for development, matches the
headline with `icontains`. Each result carries the reference
the editor stores (`articles.links`), never the story's address, which may still change.
"""

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import JsonResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles import workflow
from articles.admin.search import WORD
from articles.links import reference
from articles.models import Article
from articles.site.search import (
    MAX_FALLBACK_TERMS,
    SEARCH_CONFIG,
    clean_query,
    uses_postgres_search,
)

STORY_LINK_RESULTS = 10
MIN_QUERY_LENGTH = 2


def headline_condition(query: str) -> Q:
    """Stories whose headline has every word of `query`."""
    words = WORD.findall(query)[:MAX_FALLBACK_TERMS]
    if not words:
        return Q(pk__in=[])
    if uses_postgres_search():
        # Only letters and digits reach the query, so none of to_tsquery's operators can;
        # ":A" keeps the match to the headline's part of the vector.
        text = " & ".join(f"{word}:A" for word in words)
        return Q(
            search_vector=SearchQuery(text, search_type="raw", config=SEARCH_CONFIG)
        )
    condition = Q()
    for word in words:
        condition &= Q(headline__icontains=word)
    return condition


def stories_matching(user, query: str) -> list[Article]:
    """Stories `user` may see whose headline has the words of `query`, newest first."""
    return list(
        Article.objects.visible_to(user)
        .filter(headline_condition(query))
        .select_related("section")
        .only("pk", "headline", "status", "published_at", "trashed_at", "section__name")
        .order_by(F("published_at").desc(nulls_last=True), "-pk")[:STORY_LINK_RESULTS]
    )


class StoryLinkSearchMixin:
    def get_urls(self):
        return [
            path(
                "link-search/",
                self.admin_site.admin_view(require_safe(self.story_link_search)),
                name="articles_article_link_search",
            ),
            *super().get_urls(),
        ]

    def story_link_search(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = clean_query(request.GET.get("q", ""))
        stories = stories_matching(request.user, query) if len(query) >= 2 else []
        response = JsonResponse(
            {
                "results": [
                    {
                        "id": story.pk,
                        "headline": story.headline,
                        "section": story.section.name,
                        "status": workflow.status_label(story),
                        "href": reference(story.pk),
                    }
                    for story in stories
                ]
            }
        )
        add_never_cache_headers(response)
        return response
