"""Who else has an article open, in the article admin: a notice on the change form and
the heartbeat its script posts. A mixin of `ArticleHistoryAdminMixin`."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext as _

from articles.admin.stale_save import when
from articles.trust import presence


class PresenceAdminMixin:
    def _note_presence(self, request, object_id):
        try:
            pk = int(unquote(object_id))
        except (TypeError, ValueError):
            return
        # Presence is the change form's: nobody is listed on, or told about, an
        # article they may not open.
        if not self.get_queryset(request).filter(pk=pk).exists():
            return
        for person in presence.others_editing(pk, request.user):
            messages.warning(
                request,
                _("%(name)s is also editing this article (opened at %(time)s).")
                % {"name": person.name, "time": when(person.opened_at)},
            )
        presence.mark_editing(pk, request.user)

    def presence_view(self, request, object_id):
        """The change form's heartbeat: keeps the editor listed, returns the others."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        presence.mark_editing(article.pk, request.user)
        others = presence.others_editing(article.pk, request.user)
        return JsonResponse(
            {
                "others": [
                    {
                        "name": person.name,
                        "opened_at": person.opened_at.isoformat(),
                        "message": _(
                            "%(name)s is also editing this article (opened at %(time)s)."
                        )
                        % {"name": person.name, "time": when(person.opened_at)},
                    }
                    for person in others
                ]
            }
        )
