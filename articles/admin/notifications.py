"""Each person's notifications: a read-only list of their own, and "Dismiss" on the dashboard.

Nobody sees anyone else's notifications, superusers included: the list, the detail page
and the dismiss button all start from the recipient's own rows, so another person's
notification answers 404 exactly like one that does not exist.
"""

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import notifications
from articles.models import Notification


class DismissForm(forms.Form):
    notification = forms.IntegerField(required=False, min_value=1)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "story", "actor", "note", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article", "actor"]
    fields = ["created_at", "kind", "story", "actor", "note", "read_at"]
    readonly_fields = fields
    actions = ["dismiss_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("No such notification."))
        return obj

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("story"), ordering="article__headline")
    def story(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)

    @admin.action(description=_("Dismiss selected notifications"), permissions=["view"])
    def dismiss_selected(self, request, queryset):
        count = queryset.filter(read_at__isnull=True).update(read_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d notification dismissed.",
                "%(count)d notifications dismissed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="articles_notification_dismiss",
            ),
            *super().get_urls(),
        ]

    def dismiss_view(self, request):
        """POST `notification=<id>` dismisses that one; without it, all of the user's."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise Http404(_("No such notification."))
        form = DismissForm(request.POST)
        if not form.is_valid():
            raise Http404(_("No such notification."))
        one = form.cleaned_data["notification"]
        changed = notifications.dismiss(request.user, one)
        # Someone else's or never there: both 404. One already dismissed is no error.
        if (
            one is not None
            and not changed
            and not self.get_queryset(request).filter(pk=one).exists()
        ):
            raise Http404(_("No such notification."))
        return redirect("admin:index")
