from content_editor.admin import ContentEditor, ContentEditorInline
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin_history import ArticleHistoryAdminMixin, CorrectionInline
from articles.models import Article, Byline, PhotoBlock, PullQuoteBlock, RichTextBlock


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 0
    fields = ["author", "role", "position"]
    autocomplete_fields = ["author"]


class PhotoBlockInline(ContentEditorInline):
    model = PhotoBlock
    autocomplete_fields = ["photo"]


@admin.register(Article)
class ArticleAdmin(ArticleHistoryAdminMixin, ContentEditor):
    list_display = [
        "headline",
        "section",
        "status",
        "published_at",
        "is_live",
        "updated_at",
    ]
    list_filter = ["status", "section", "bylines__author"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "hero", "related_articles"]
    readonly_fields = ["status", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "section", "dateline"]}),
        (_("Hero photo"), {"fields": ["hero", "hero_caption", "hero_credit"]}),
        (
            _("Publishing and metadata"),
            {
                "classes": ["tabbed"],
                "fields": [
                    "status",
                    "published_at",
                    "slug",
                    "tags",
                    "related_articles",
                    "seo_title",
                    "seo_description",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [
        BylineInline,
        ContentEditorInline.create(model=RichTextBlock),
        PhotoBlockInline,
        ContentEditorInline.create(model=PullQuoteBlock),
        CorrectionInline,
    ]

    @admin.display(boolean=True, description=_("live"))
    def is_live(self, obj):
        return obj.is_published

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
