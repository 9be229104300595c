"""The workflow box on the article change form, and "Submit for review" that saves first.

Every control of the box belongs to the article's own form (HTML's `form` attribute), so
one note field serves every button. "Submit for review" posts the whole form to the
change view: the edits are validated and saved as by "Save", and only then does the
story move; an invalid form moves nothing and comes back with its errors and everything
typed. The other buttons post to the transition view, which reads only the note and the
time, and move the story as it was last saved.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import format_publication_time
from text.times import DeskTimeField, DeskTimeInput

# The name and value of every "Submit for review" button of the change form.
ACTION_FIELD = "workflow_action"


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60, "form": "article_form"}),
        help_text=_("Required when returning an article to its writer."),
    )
    publish_at = DeskTimeField(
        label=_("Publish at"),
        required=False,
        widget=DeskTimeInput(attrs={"form": "article_form"}),
    )


def may_submit(user, article) -> bool:
    """Whether "Submit for review" is offered: on a new story, or a draft the user works on."""
    if article is None:
        return user.has_perm("articles.add_article")
    return workflow.SUBMIT in workflow.available_actions(user, article)


def typed_in_panel(request) -> dict:
    """The note and time as posted, so that a form refused for its errors keeps them."""
    if request.method != "POST":
        return {}
    return {name: request.POST.get(name, "") for name in TransitionForm.base_fields}


class WorkflowPanelMixin:
    """For the article admin: the status box, its buttons, and saving before submitting."""

    def workflow_history(self, obj):
        """The article's steps through the workflow, newest first, as a table."""
        events = obj.workflow_events.select_related("actor") if obj.pk else []
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
            (
                (
                    format_publication_time(event.at),
                    event.actor or _("(deleted user)"),
                    event.get_from_status_display(),
                    event.to_status_label,
                    event.note,
                )
                for event in events
            ),
        )
        if not rows:
            return _("Nothing yet: the article has not moved from draft.")
        return format_html(
            '<table class="workflow-history"><thead><tr><th>{}</th><th>{}</th>'
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("When"),
            _("Who"),
            _("Step"),
            _("Note"),
            rows,
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="articles_article_transition",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        article = kwargs.get("obj") if kwargs.get("change") else None
        context["can_submit_for_review"] = not context.get("is_popup") and may_submit(
            request.user, article
        )
        # A form sent back with errors keeps the note typed for the editors too.
        context["review_note"] = typed_in_panel(request).get("note", "")
        return super().render_change_form(request, context, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "workflow_status": workflow.status_label(article),
            "workflow_actions": workflow.available_actions(request.user, article),
            "workflow_form": TransitionForm(initial=typed_in_panel(request)),
            "workflow_history": self.workflow_history(article),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # Saved, then submitted ---------------------------------------------------------

    def response_add(self, request, obj, post_url_continue=None):
        if self._submitting(request):
            return self._submit_saved(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._submitting(request):
            return self._submit_saved(request, obj)
        return super().response_change(request, obj)

    def _submitting(self, request) -> bool:
        return (
            request.POST.get(ACTION_FIELD) == workflow.SUBMIT.name
            and IS_POPUP_VAR not in request.POST
        )

    def _submit_saved(self, request, article):
        """The form is saved; now the story moves to review, or the page says why not."""
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        form = TransitionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            event = workflow.submit_for_review(
                article=article, user=request.user, note=note
            )
        except (workflow.WorkflowError, PermissionDenied) as error:
            problems = getattr(error, "problems", None) or [str(error)]
            self._report_problems(
                request,
                article,
                problems,
                lead=_("Your edits to “%(headline)s” are saved, but it was not moved:"),
            )
            return redirect(change_url)
        self.message_user(
            request,
            _("Your edits are saved and “%(headline)s” is now %(status)s.")
            % {
                "headline": article.headline,
                "status": workflow.in_sentence(event.to_status_label),
            },
            messages.SUCCESS,
        )
        return redirect(change_url)

    # The other buttons: move the story as last saved --------------------------------

    def transition_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in workflow.ACTIONS:
            raise Http404(_("There is no such step in the workflow."))
        article = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        form = TransitionForm(request.POST)
        if not form.is_valid():
            problems = [error for errors in form.errors.values() for error in errors]
            self._report_problems(request, article, problems)
            return redirect(change_url)
        try:
            event = workflow.perform(
                action,
                article=article,
                user=request.user,
                note=form.cleaned_data["note"],
                at=form.cleaned_data["publish_at"],
            )
        except workflow.WorkflowError as error:
            self._report_problems(request, article, error.problems)
            return redirect(change_url)
        self.message_user(
            request,
            _("“%(headline)s” is now %(status)s.")
            % {
                "headline": article.headline,
                "status": workflow.in_sentence(event.to_status_label),
            },
            messages.SUCCESS,
        )
        # The page stays open, read-only where the user may no longer change it.
        return redirect(change_url)

    def _report_problems(self, request, article, problems, lead=None):
        lead = lead or _("“%(headline)s” was not moved:")
        self.message_user(
            request,
            format_html(
                "{}<ul>{}</ul>",
                lead % {"headline": article.headline},
                format_html_join(
                    "", "<li>{}</li>", ((problem,) for problem in problems)
                ),
            ),
            messages.ERROR,
        )
