"""Tags in the admin: taggit's list, plus merging duplicates into one tag.

Matching is case-insensitive (TAGGIT_CASE_INSENSITIVE), so new duplicates differ by
more than case ("USA" and "United States"); editors merge those here.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles.models import ArticleTag


def merge_tags(tags) -> tuple[Tag, int]:
    """Move every article link to the most used of `tags` (oldest on a tie) and delete
    the others; returns the kept tag and how many tags were merged into it."""
    ordered = list(
        tags.annotate(uses=Count("articles_articletag_items")).order_by("-uses", "pk")
    )
    kept, merged = ordered[0], ordered[1:]
    with transaction.atomic():
        for tag in merged:
            # An article carrying both keeps one link; its other link goes with the tag.
            already = ArticleTag.objects.filter(tag=kept).values("content_object")
            ArticleTag.objects.filter(tag=tag).exclude(
                content_object__in=already
            ).update(tag=kept)
            tag.delete()
    return kept, len(merged)


admin.site.unregister(Tag)


@admin.register(Tag)
class NewsroomTagAdmin(TagAdmin):
    actions = ["merge_selected"]

    def get_urls(self):
        # taggit's own merge page moves only its generic links (ours are ArticleTag)
        # and asks no permission beyond staff; the action below replaces it.
        return [
            url
            for url in super().get_urls()
            if getattr(url, "name", None) != "taggit_tag_merge_tags"
        ]

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
