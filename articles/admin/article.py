from content_editor.admin import ContentEditor
from django.contrib import admin, messages
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.managers import TaggableManager

from articles import workflow
from articles.admin.choosers import (
    BylineForm,
    BylineFormSet,
    RelatedArticlesFormMixin,
    is_autocomplete,
    own_byline_initial,
    related_articles_field,
)
from articles.admin.corrections import CorrectionInline
from articles.admin.draft_preview import PANE_NAME, DraftPreviewAdminMixin
from articles.admin.filters import (
    AuthorFilter,
    MineFilter,
    StageFilter,
    UsedRelatedFilter,
)
from articles.admin.history import ArticleHistoryAdminMixin
from articles.admin.inlines import BODY_BLOCK_INLINES, EditableWhileParentIsMixin
from articles.admin.paginator import EstimatedCountPaginator
from articles.admin.search import DeskSearchMixin
from articles.admin.story_links import StoryLinkSearchMixin
from articles.admin.tags import TagSuggestionsWidget
from articles.admin.trash import MoveToTrashMixin
from articles.admin.workflow_panel import WorkflowPanelMixin
from articles.models import (
    Article,
    Byline,
)
from text.measure import length_label


class BylineInline(EditableWhileParentIsMixin, admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 0
    min_num = 0
    fields = ["author", "role", "position"]
    autocomplete_fields = ["author"]

    def get_formset(self, request, obj=None, **kwargs):
        # A new story starts with the writer's own byline, when they have a profile.
        own = own_byline_initial(request.user) if obj is None else []
        kwargs.setdefault("extra", len(own))
        formset = super().get_formset(request, obj, **kwargs)
        return type(
            formset.__name__, (formset,), {"user": request.user, "own_byline": own}
        )


# The first fieldsets (story, hero) are drawn above the bylines and body blocks.
STORY_FIELDSETS = 2


@admin.register(Article)
class ArticleAdmin(
    WorkflowPanelMixin,
    DeskSearchMixin,
    DraftPreviewAdminMixin,
    StoryLinkSearchMixin,
    MoveToTrashMixin,
    ArticleHistoryAdminMixin,
    ContentEditor,
):
    list_display = [
        "headline",
        "section",
        "stage",
        "published_at",
        "is_live",
        "updated_at",
    ]
    # Related filters offer only values found among the articles this user may open;
    # authors are found by name (a desk has thousands), dates are ranges of the index.
    list_filter = [
        StageFilter,
        MineFilter,
        AuthorFilter,
        ("section", UsedRelatedFilter),
        ("published_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["section"]
    # Rendering the rows is most of the page's time: fifty keep it quick.
    list_per_page = 50
    # Large desks: no second count of the whole table, an estimate for long lists, and no
    # date drill-down (its min/max and distinct dates read every matching row).
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "hero", "related_articles"]
    formfield_overrides = {TaggableManager: {"widget": TagSuggestionsWidget}}
    # The publication time is set by "Publish now" and "Schedule", never typed into the form.
    readonly_fields = [
        "stage",
        "published_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "section", "dateline"]}),
        (_("Hero photo"), {"fields": ["hero", "hero_caption", "hero_credit"]}),
        (
            _("Publishing and metadata"),
            {
                "fields": [
                    "stage",
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
        *BODY_BLOCK_INLINES,
        CorrectionInline,
    ]
    actions = ["publish_selected", "unpublish_selected", "trash_selected"]

    # Who sees and edits what -------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_autocomplete(request):
            # The related-articles chooser also offers published stories.
            return queryset.visible_to(request.user)
        return queryset.worked_on_by(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (RelatedArticlesFormMixin, form), {})

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "related_articles":
            return related_articles_field(request, formfield)
        return formfield

    def get_object(self, request, object_id, from_field=None):
        # Someone else's draft is not there for a correspondent: 404, not a redirect.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("No such article, or it is not yours to open."))
        return obj

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.can_edit(request.user, obj)

    def view_on_site(self, obj):
        # A draft has no public address yet: no "View on site" button rather than a
        # button that fails. Its preview links are under "History and sharing".
        return obj.get_absolute_url()

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_unpublish_permission(self, request):
        return request.user.has_perm("articles.unpublish_article")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    # Columns and read-only fields --------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def stage(self, obj):
        return workflow.status_label(obj)

    @admin.display(boolean=True, description=_("live"))
    def is_live(self, obj):
        return obj.is_published

    def render_change_form(self, request, context, *args, **kwargs):
        # The first fieldsets (story and hero) come before bylines and body, the rest after.
        context["story_fieldsets"] = STORY_FIELDSETS
        # The body's length as last saved; static/articles/admin/word_count.js keeps it current.
        original = context.get("original")
        context["body_length"] = length_label(original.search_text if original else "")
        context["preview_pane"] = PANE_NAME
        return super().render_change_form(request, context, *args, **kwargs)

    # List actions -------------------------------------------------------------------

    @admin.action(
        description=_("Publish selected articles now"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        self._apply_to_each(request, queryset, workflow.PUBLISH.name)

    @admin.action(
        description=_("Unpublish selected articles"), permissions=["unpublish"]
    )
    def unpublish_selected(self, request, queryset):
        self._apply_to_each(request, queryset, workflow.UNPUBLISH.name)

    def _apply_to_each(self, request, queryset, action):
        done = 0
        for article in queryset:
            try:
                workflow.perform(action, article=article, user=request.user)
            except workflow.WorkflowError as error:
                self._report_problems(request, article, error.problems)
            else:
                done += 1
        if done:
            label = workflow.ACTIONS[action].label
            self.message_user(
                request,
                ngettext(
                    "“%(action)s” done for %(count)d article.",
                    "“%(action)s” done for %(count)d articles.",
                    done,
                )
                % {"action": label, "count": done},
                messages.SUCCESS,
            )
