"""The article list's filters: the desk's stages, "mine", authors found by name, and
related filters whose choices cost the same on a desk of a hundred or a million stories."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from articles import roles
from articles.models import ArticleStatus, Byline, own_articles_condition
from articles.site.search import clean_query
from authors.models import Author

# Authors offered for a name typed into the author filter; a longer name narrows them.
AUTHOR_MATCHES = 10


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


class AuthorFilter(admin.ListFilter):
    """Stories by one author (`?author=<id>`), the author found by typing part of a name.

    A desk has thousands of authors: rather than list them all, the filter shows a
    search field (a plain GET form, no script needed) and, for the name typed
    (`?author_name=`), the first few authors who carry a byline on a story the user
    may open, each a link that applies the filter.
    """

    title = _("author")
    template = "admin/articles/article/author_filter.html"
    parameter_name = "author"
    name_parameter = "author_name"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.request = request
        self.model_admin = model_admin
        self.raw_id = params.pop(self.parameter_name, [""])[-1]
        self.name = clean_query(params.pop(self.name_parameter, [""])[-1])
        self.author_id = int(self.raw_id) if self.raw_id.isdigit() else None
        if self.raw_id or self.name:
            self.used_parameters = {
                self.parameter_name: self.raw_id,
                self.name_parameter: self.name,
            }

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_name, self.name_parameter]

    def queryset(self, request, queryset):
        if not self.raw_id:
            return queryset
        bylines = Byline.objects.filter(author_id=self.author_id or 0)
        return queryset.filter(pk__in=bylines.values("article_id"))

    def _openable(self):
        """Authors with a byline on a story the user may open (for an editor: any byline,
        one index probe; the trash is theirs too)."""
        if roles.sees_every_article(self.request.user):
            bylines = Byline.objects.filter(author=OuterRef("pk"))
            return Author.objects.filter(Exists(bylines))
        articles = self.model_admin.get_queryset(self.request).filter(
            bylines__author=OuterRef("pk")
        )
        return Author.objects.filter(Exists(articles.order_by().values("pk")))

    def chosen(self):
        """The author filtered by, or None (also for an id that names no such author)."""
        if self.author_id is None:
            return None
        return self._openable().filter(pk=self.author_id).first()

    def matches(self) -> list:
        """Up to AUTHOR_MATCHES + 1 authors for the typed name (one more: "narrow it")."""
        if not self.name:
            return []
        found = self._openable().filter(name__icontains=self.name).order_by("name")
        return list(found[: AUTHOR_MATCHES + 1])

    def choices(self, changelist):
        chosen = self.chosen()
        matches = self.matches()
        yield {
            "all_url": changelist.get_query_string(
                remove=[self.parameter_name, self.name_parameter]
            ),
            "selected": self.raw_id == "",
            "chosen": chosen,
            "unknown": bool(self.raw_id) and chosen is None,
            "name": self.name,
            "matches": [
                (
                    author,
                    changelist.get_query_string(
                        {self.parameter_name: author.pk}, [self.name_parameter]
                    ),
                )
                for author in matches[:AUTHOR_MATCHES]
            ],
            "more": len(matches) > AUTHOR_MATCHES,
            "kept": [
                (key, value)
                for key, value in changelist.params.items()
                if key not in self.expected_parameters()
            ],
            "parameter": self.name_parameter,
        }
