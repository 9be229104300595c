"""Who else has an article open, in the article admin: a notice on the change form and
the heartbeat its script posts (static/articles/admin/presence.js). A mixin of
`ArticleHistoryAdminMixin`."""

from django.contrib.admin.utils import unquote
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext as _

from articles.admin.stale_save import when
from articles.trust import presence


def describe(person: presence.Presence) -> str:
    """One line of the notice: who, whether they are editing or only reading, since when."""
    values = {"name": person.name, "time": when(person.opened_at)}
    if person.mode == presence.READING:
        return _("%(name)s is only reading this article (opened at %(time)s).") % values
    if person.has_changes:
        return (
            _(
                "%(name)s is also editing this article and has unsaved changes "
                "(opened at %(time)s)."
            )
            % values
        )
    return _("%(name)s is also editing this article (opened at %(time)s).") % values


def notices(others: list[presence.Presence]) -> list[dict]:
    return [
        {"name": person.name, "mode": person.mode, "message": describe(person)}
        for person in others
    ]


class PresenceAdminMixin:
    def _note_presence(self, request, object_id) -> None:
        """Mark the user present on the article they open; keep the others for the notice."""
        try:
            pk = int(unquote(object_id))
        except (TypeError, ValueError):
            return
        # Presence is the change form's: nobody is listed on, or told about, an
        # article they may not open.
        article = self.get_queryset(request).filter(pk=pk).first()
        if article is None:
            return
        request.presence_notices = notices(presence.others_present(pk, request.user))
        editing = self.has_change_permission(request, article)
        presence.mark_present(pk, request.user, editing=editing)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = kwargs.get("obj")
        if change and obj is not None:
            # The notice as the page opens; its script keeps it current.
            context["presence_notices"] = getattr(request, "presence_notices", [])
            context["presence_url"] = self._url("presence", obj.pk)
            context["presence_heartbeat_seconds"] = presence.heartbeat_seconds()
        return super().render_change_form(
            request, context, add=add, change=change, **kwargs
        )

    def presence_view(self, request, object_id):
        """The change form's heartbeat: keeps the user listed (or, when they leave the
        page, removes them) and returns who else has the article open."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if request.POST.get("leaving"):
            presence.stop_editing(article.pk, request.user)
            return JsonResponse({"others": []})
        presence.mark_present(
            article.pk,
            request.user,
            editing=self.has_change_permission(request, article),
            has_changes=bool(request.POST.get("changes")),
        )
        others = presence.others_present(article.pk, request.user)
        return JsonResponse({"others": notices(others)})
