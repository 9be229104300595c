from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from media_library.models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "caption_excerpt",
        "credit",
        "photographer",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "caption_excerpt"]
    list_filter = ["source", "uploaded_at"]
    search_fields = ["caption", "credit", "photographer", "source", "alt_text"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "preview",
        "width",
        "height",
        "checksum",
        "uploaded_by",
        "uploaded_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "image",
                    "preview",
                    "caption",
                    "credit",
                    "alt_text",
                    "is_decorative",
                ]
            },
        ),
        (
            _("Source and rights"),
            {"fields": ["photographer", "source", "copyright_notice", "taken_at"]},
        ),
        (_("Cropping"), {"fields": ["focal_x", "focal_y"]}),
        (
            _("File"),
            {"fields": ["width", "height", "checksum", "uploaded_by", "uploaded_at"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="96" style="height:auto">', obj.image.url
        )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-width:480px;height:auto">', obj.image.url
        )

    @admin.display(description=_("caption"))
    def caption_excerpt(self, obj):
        return obj.caption[:90] or obj.image.name
