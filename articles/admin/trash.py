"""Delete means "move to the trash"; the Trash list restores, and a superuser purges.

The article admin's delete view and its bulk action both call
`articles.trust.trash.trash_article`; nothing in the article admin deletes a row. The
Trash (`TrashedArticle`, a proxy) is a plain list with two actions: restore, for
editors, and purge, for superusers, behind Django's own confirmation page.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import TrashedArticle
from articles.trust import trash


def apply_to_each(model_admin, request, queryset, service, message) -> None:
    """Call a trash service on every selected article, then say how many."""
    count = 0
    for article in queryset:
        service(article=article, user=request.user)
        count += 1
    model_admin.message_user(
        request, message(count) % {"count": count}, messages.SUCCESS
    )


class MoveToTrashMixin:
    """For the article admin: its "Delete" moves stories to the trash."""

    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted, so there is no list of related rows to show or refuse.
        objs = list(objs)
        perms_needed = set() if trash.may_trash(request.user) else {_("article")}
        return [str(obj) for obj in objs], {}, perms_needed, []

    def delete_model(self, request, obj):
        trash.trash_article(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            trash.trash_article(article=article, user=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            del actions["delete_selected"]
        return actions

    @admin.action(
        description=_("Move selected articles to the trash"), permissions=["delete"]
    )
    def trash_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            trash.trash_article,
            lambda count: ngettext(
                "%(count)d article moved to the trash; editors can restore it there.",
                "%(count)d articles moved to the trash; editors can restore them there.",
                count,
            ),
        )


@admin.register(TrashedArticle)
class TrashAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "trashed_at", "trashed_by"]
    list_display_links = None
    list_select_related = ["section", "trashed_by"]
    search_fields = ["headline", "slug"]
    ordering = ["-trashed_at"]
    actions = ["restore_selected", "purge_selected"]

    def get_urls(self):
        # The list only: a trashed story is read and edited again after a restore.
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="{}_{}_changelist".format(*info),
            ),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).trashed()

    def has_view_permission(self, request, obj=None):
        return trash.may_trash(request.user)

    def has_module_permission(self, request):
        return trash.may_trash(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return trash.may_purge(request.user)

    def has_restore_permission(self, request):
        return trash.may_trash(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Restore selected articles"), permissions=["restore"])
    def restore_selected(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            trash.restore_article,
            lambda count: ngettext(
                "%(count)d article restored, with its history.",
                "%(count)d articles restored, with their history.",
                count,
            ),
        )

    @admin.action(
        description=_("Purge selected articles for good"), permissions=["delete"]
    )
    def purge_selected(self, request, queryset):
        # Django's confirmation page first; a confirmed POST calls delete_queryset.
        return delete_selected(self, request, queryset)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            trash.purge_article(article=article, user=request.user)
