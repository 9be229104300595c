"""Tags in the admin: taggit's list, merging duplicates into one tag, and suggestions
from the tags in use while a tag box is typed into.

Matching is case-insensitive (TAGGIT_CASE_INSENSITIVE), so new duplicates differ by
more than case ("USA" and "United States"); suggestions keep most of those from being
made, and editors merge the rest here.
"""

from django.contrib import admin, messages
from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import Lower
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin
from taggit.forms import TagWidget
from taggit.models import Tag

from articles.models import ArticleTag
from articles.site.search import refresh_search_vectors


def merge_tags(tags) -> tuple[Tag, int]:
    """Move every article link to the most used of `tags` (oldest on a tie) and delete
    the others; returns the kept tag and how many tags were merged into it."""
    ordered = list(
        tags.annotate(uses=Count("articles_articletag_items")).order_by("-uses", "pk")
    )
    kept, merged = ordered[0], ordered[1:]
    moved = list(
        ArticleTag.objects.filter(tag__in=merged).values_list(
            "content_object", flat=True
        )
    )
    with transaction.atomic():
        for tag in merged:
            # An article carrying both keeps one link; its other link goes with the tag.
            already = ArticleTag.objects.filter(tag=kept).values("content_object")
            ArticleTag.objects.filter(tag=tag).exclude(
                content_object__in=already
            ).update(tag=kept)
            tag.delete()
        # The articles now carry the kept tag's name: their search vectors say so.
        refresh_search_vectors(moved)
    return kept, len(merged)


# At most this many names per answer, however many tags match.
SUGGESTIONS = 10
# Longer input is cut: no tag name is that long, and the query stays cheap.
LONGEST_QUERY = 100
# How alike a name must be to be offered for a misspelling ("coastgard"), and how much
# must be typed first: three letters are alike with too many names to help.
SIMILAR_ENOUGH = 0.3
SHORTEST_FOR_SPELLING = 4


def tag_suggestions(typed: str, *, limit: int = SUGGESTIONS) -> list[str]:
    """Names of tags in use for what is being typed, at most `limit` of them.

    Names that start with it come first, then names with a later word that starts
    with it ("guard" finds "Coast Guard"); then, on PostgreSQL, names spelt alike.
    """
    typed = " ".join(typed.split())[:LONGEST_QUERY]
    if not typed:
        return []
    starts = Q(name__istartswith=typed)
    matching = (
        Tag.objects.filter(starts | Q(name__icontains=f" {typed}"))
        .annotate(later_word=Case(When(starts, then=Value(1)), default=Value(2)))
        .order_by("later_word", Lower("name"))
    )
    names = list(matching.values_list("name", flat=True)[:limit])
    if (
        len(names) < limit
        and len(typed) >= SHORTEST_FOR_SPELLING
        and connection.vendor == "postgresql"
    ):
        alike = (
            Tag.objects.annotate(similarity=TrigramSimilarity("name", typed))
            .filter(similarity__gte=SIMILAR_ENOUGH)
            .exclude(name__in=names)
            .order_by("-similarity", Lower("name"))
        )
        names += alike.values_list("name", flat=True)[: limit - len(names)]
    return names


class TagSuggestionsWidget(TagWidget):
    """taggit's comma-separated text box; static/articles/admin/tag_suggestions.js
    lists matching tags in use under it while typing. Without the script it is the
    same text box."""

    class Media:
        css = {"all": ["articles/admin/tag_suggestions.css"]}
        js = ["articles/admin/tag_suggestions.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-tag-suggestions": reverse("admin:taggit_tag_suggestions"),
                "autocomplete": "off",
            }
        )
        return context


admin.site.unregister(Tag)


@admin.register(Tag)
class NewsroomTagAdmin(TagAdmin):
    actions = ["merge_selected"]

    def get_urls(self):
        # taggit's own merge page moves only its generic links (ours are ArticleTag)
        # and asks no permission beyond staff; the action below replaces it.
        suggestions = self.admin_site.admin_view(self.suggestions_view)
        return [
            path("suggestions/", suggestions, name="taggit_tag_suggestions"),
            *(
                url
                for url in super().get_urls()
                if getattr(url, "name", None) != "taggit_tag_merge_tags"
            ),
        ]

    def suggestions_view(self, request):
        """JSON for the tag box of the article form: whoever may write a story may ask."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        user = request.user
        if not (
            user.has_perm("articles.add_article")
            or user.has_perm("articles.change_article")
        ):
            raise PermissionDenied
        names = tag_suggestions(request.GET.get("q", ""))
        return JsonResponse({"results": [{"name": name} for name in names]})

    # Deleting tags is the editors' permission; correspondents only see the list.
    @admin.action(
        description=_("Merge the selected tags into the most used one"),
        permissions=["delete"],
    )
    def merge_selected(self, request, queryset):
        if queryset.count() < 2:
            messages.warning(request, _("Select at least two tags to merge."))
            return
        kept, count = merge_tags(queryset)
        messages.success(
            request,
            _("Merged %(count)d tag(s) into “%(name)s”.")
            % {"count": count, "name": kept.name},
        )
