from django.contrib import admin

from authors.models import Author, AuthorLink


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0
    fields = ["kind", "url", "position"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "job_title", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "photo"]
    inlines = [AuthorLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "job_title", "short_bio", "bio", "photo"]}),
        ("Account and address", {"fields": ["slug", "user", "is_active"]}),
    ]
