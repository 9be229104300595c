"""The article list's filters: the desk's stages, "mine", and related filters whose choices
cost the same on a desk of a hundred or a million stories."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleStatus, own_articles_condition


class UsedRelatedFilter(admin.RelatedOnlyFieldListFilter):
    """Offers the related objects (sections, authors) that some article the user may open uses.

    Django's RelatedOnlyFieldListFilter collects them with a DISTINCT over every article
    the user may open (seconds on a million stories); here each candidate is asked
    instead whether such an article exists: one index probe per section or author.
    """

    def field_choices(self, field, request, model_admin):
        articles = model_admin.get_queryset(request).filter(
            **{self.field_path: OuterRef("pk")}
        )
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(Exists(articles.order_by().values("pk"))),
            ordering=ordering,
        )


class StageFilter(admin.SimpleListFilter):
    """Status as the desk thinks of it, with scheduled and live told apart."""

    title = _("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("in_review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            ("unpublished", _("Unpublished")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=ArticleStatus.DRAFT)
            case "in_review":
                return queryset.filter(status=ArticleStatus.IN_REVIEW)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "unpublished":
                return queryset.filter(status=ArticleStatus.UNPUBLISHED)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = _("whose")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("Mine (created or bylined)"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(own_articles_condition(request.user))
        return queryset
