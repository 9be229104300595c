from django.contrib import admin, messages
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from sections.forms import PartnerForm
from sections.models import Partner, PartnerKey, Section, SiteSettings, SocialLink


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
    form = PartnerForm
    # Editors paste addresses without a scheme; assume the secure one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = ["name", "url", "logo", "position"]


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


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    """Keys for the content API. A key is shown once, when it is issued; afterwards
    only its first characters are known, and it can be revoked but never shown again."""

    list_display = [
        "partner",
        "label",
        "prefix",
        "created_at",
        "last_used_at",
        "is_live",
    ]
    list_filter = ["partner"]
    list_select_related = ["partner"]
    search_fields = ["partner__name", "label", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["partner", "label"]
        return ["partner", "label", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # A key belongs to one partner for life; issue a new one instead of moving it.
        return ["partner", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if not change:
            request._new_api_key = obj.set_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the new key on this one page: it is not put in a message, a session
        or a URL, so once the page is closed the key exists only with the partner."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("New API key issued"),
            "key": obj,
            "raw_key": request._new_api_key,
        }
        response = TemplateResponse(
            request, "admin/sections/partnerkey/issued.html", context
        )
        add_never_cache_headers(response)
        return response

    @admin.display(boolean=True, description=_("live"))
    def is_live(self, obj):
        return obj.is_active

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        messages.success(request, f"Revoked {count} key(s).")
