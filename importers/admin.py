from django.contrib import admin

from importers.models import ImportedItem


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    """Read-only: rows are written by `manage.py import_wordpress` only."""

    list_display = ["source_id", "kind", "site", "note", "last_imported_at"]
    list_filter = ["kind", "site"]
    search_fields = ["source_id", "guid", "source_url", "note"]
    list_select_related = True
    raw_id_fields = ["article", "photo", "section", "author"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
