"""List filters of the photo library."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from media_library.models import Photo


class AltTextFilter(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt_text"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Needs alt text")),
            ("written", _("Written")),
            ("decorative", _("Decorative")),
        ]

    def queryset(self, request, queryset):
        missing = Photo.objects.needing_alt_text()
        if self.value() == "missing":
            return queryset.filter(pk__in=missing.values("pk"))
        if self.value() == "written":
            return queryset.filter(is_decorative=False).exclude(
                pk__in=missing.values("pk")
            )
        if self.value() == "decorative":
            return queryset.filter(is_decorative=True)
        return queryset


class SourceFilter(admin.AllValuesFieldListFilter):
    """The agencies in the library; photos without one are listed as such, not as a blank link."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": _("(no source)")}
            yield choice
