"""Autosave in the article admin: the endpoint the change form's script posts to
(static/articles/admin/autosave.js), the offer to restore on reopening, and the form
bound to the autosave when the writer takes that offer. A mixin of
`ArticleHistoryAdminMixin`; the service is `articles.trust.autosave`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _

from articles.admin.stale_save import VERSION_FIELD, when
from articles.trust import autosave as autosaves
from articles.trust.concurrency import last_save, user_display_name

# `?restore=autosave` on the change form puts the writer's autosave back into the form.
RESTORE_PARAMETER = "restore"
RESTORE_VALUE = "autosave"


class AutosaveAdminMixin:
    # -- the endpoint ---------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name=f"{prefix}_autosave",
            ),
            *super().get_urls(),
        ]

    def autosave_view(self, request, object_id):
        """Keep the posted change form as the user's autosave; the article is not written
        (`discard` instead drops the user's autosave and goes back to the form).

        404 for a story the user may not open (as for one that does not exist), 403 for
        one they may open but not change (a correspondent's submitted or live story).
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("discard"):
            # The offer's "Discard" button: the writer does not want those edits back.
            autosaves.drop_autosaves(article, request.user)
            messages.info(request, _("Your autosaved edits were discarded."))
            return redirect(self._url("change", article.pk))
        try:
            base_version = int(request.POST.get(VERSION_FIELD, ""))
        except ValueError:
            base_version = 0
        if base_version < 1:
            return JsonResponse(
                {
                    "error": _(
                        "Not autosaved: this form has no version number. Reload the "
                        "article (your typing is still in this page) and try again."
                    )
                },
                status=400,
            )
        current_version = article.version
        with transaction.atomic():
            # The form fills an unsaved copy of the article, as Save would before
            # writing; only the copy's fields go into the autosave's revision.
            form = self.get_form(request, article, change=True)(
                request.POST, instance=article
            )
            form.is_valid()
            autosave = autosaves.store_autosave(
                article=article,
                typed=form.instance,
                user=request.user,
                base_version=base_version,
                form_data=autosaves.form_pairs(request.POST),
            )
        if autosave is None:
            return JsonResponse(
                {"saved_at": None, "message": _("Saved to the story."), "warning": ""}
            )
        saved = last_save(article.pk)
        return JsonResponse(
            {
                "saved_at": autosave.revision.date_created.isoformat(),
                "message": _("Autosaved %(time)s; not saved to the story yet.")
                % {"time": when(autosave.revision.date_created)},
                "warning": autosaves.stale_message(
                    base_version, current_version, saved.user_name, when(saved.saved_at)
                ),
            }
        )

    # -- restoring into the form -----------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "GET"
            and object_id is not None
            and request.GET.get(RESTORE_PARAMETER) == RESTORE_VALUE
        ):
            request.autosave_restored = self._restorable_autosave(request, object_id)
            if request.autosave_restored is None:
                messages.warning(
                    request, _("There is no autosave of yours to restore.")
                )
            else:
                # A bound form is checked as it renders, and the stale-save check reads
                # the version under a row lock, which needs a transaction.
                with transaction.atomic():
                    return super().changeform_view(
                        request, object_id, form_url, extra_context
                    )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _restorable_autosave(self, request, object_id):
        try:
            pk = int(unquote(object_id))
        except (TypeError, ValueError):
            return None
        article = self.get_queryset(request).filter(pk=pk).first()
        if article is None or not self.has_change_permission(request, article):
            return None
        return autosaves.autosave_of(article, request.user)

    def _restored_data(self, request):
        autosave = getattr(request, "autosave_restored", None)
        return autosaves.as_form_data(autosave) if autosave is not None else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        data = self._restored_data(request)
        if data is None:
            return form

        def bound_to_autosave(self, *args, **kwargs):
            if not args and "data" not in kwargs:
                args = (data,)
            form.__init__(self, *args, **kwargs)

        return type(form.__name__, (form,), {"__init__": bound_to_autosave})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        data = self._restored_data(request)
        if data is not None:
            kwargs["data"] = data
        return kwargs

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            autosaves.drop_autosaves(obj, request.user)

    # -- what the change form and the history show -------------------------------

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = kwargs.get("obj")
        if change and obj is not None:
            context.update(self.autosave_context(request, obj))
        return super().render_change_form(
            request, context, add=add, change=change, **kwargs
        )

    def autosave_context(self, request, article) -> dict:
        """The script's settings, the offer to restore, or the note that it was restored."""
        if not self.has_change_permission(request, article):
            return {}
        context = {
            "autosave_url": self._url("autosave", article.pk),
            "autosave_seconds": settings.AUTOSAVE_SECONDS,
        }
        restored = getattr(request, "autosave_restored", None)
        if restored is not None:
            context["autosave_restored"] = when(restored.revision.date_created)
        elif request.method == "GET":
            offer = autosaves.restore_offer(article, request.user)
            if offer is not None:
                context["autosave_offer"] = {
                    "when": when(offer.revision.date_created),
                    "url": f"?{RESTORE_PARAMETER}={RESTORE_VALUE}",
                    "discard_url": context["autosave_url"],
                }
        return context

    def autosave_rows(self, request, article) -> list[dict]:
        """The history's folded list: every writer's autosave, restorable by its writer."""
        may_change = self.has_change_permission(request, article)
        return [
            {
                "when": when(autosave.revision.date_created),
                "by": user_display_name(autosave.revision.user),
                "headline": autosaves.typed_headline(autosave),
                "restore_url": (
                    f"{self._url('change', article.pk)}"
                    f"?{RESTORE_PARAMETER}={RESTORE_VALUE}"
                    if may_change and autosave.user_id == request.user.pk
                    else ""
                ),
            }
            for autosave in autosaves.autosaves_of_article(article)
        ]
