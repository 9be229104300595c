from django.contrib import admin
from django.db import models

from sections.models import Partner, Section, SiteSettings, SocialLink


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    # Editors paste addresses without a scheme; assume the secure one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = ["network", "label", "url", "position"]


class PartnerInline(admin.TabularInline):
    model = Partner
    # Editors paste addresses without a scheme; assume the secure one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = ["name", "url", "position"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One page for the chrome; the section navigation follows the sections' positions."""

    list_display = ["__str__", "tagline"]
    fields = ["tagline", "footer_note"]
    inlines = [SocialLinkInline, PartnerInline]

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        # Asked several times per admin page (sidebar, app list); look it up once.
        if not hasattr(request, "_site_settings_exist"):
            request._site_settings_exist = SiteSettings.objects.filter(
                pk=SiteSettings.SINGLETON_PK
            ).exists()
        return not request._site_settings_exist

    def has_delete_permission(self, request, obj=None):
        return False
