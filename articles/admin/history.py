"""Edit safety in the article admin: history, revert, stale-save refusal, presence,
preview links and corrections. The parts live beside this module (`stale_save`,
`presence`, `previews`, `corrections`); this mixin wires them into the change form and
adds the history pages.

Everything here is a mixin so that it combines with the article admin:

    class ArticleAdmin(ArticleHistoryAdminMixin, ContentEditor):
        inlines = [..., CorrectionInline]

The mixin comes first in the MRO: it wraps `changeform_view` in a revision, adds the
hidden version field to the form, checks it under a row lock, and replaces the admin's
history page with the revision list. django-reversion's `VersionAdmin` is not used;
its revert-through-the-change-form does not restore content-editor blocks, bylines
and tags together, which `articles.trust.history.revert_article` does.
"""

import json

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Revision

from articles.admin.autosave import AutosaveAdminMixin
from articles.admin.presence import PresenceAdminMixin
from articles.admin.previews import PreviewLinksAdminMixin
from articles.admin.stale_save import (
    TEMPLATE_DIR,
    VERSION_FIELD,
    ArticleVersionFormMixin,
    when,
)
from articles.models import Article, Correction
from articles.site.listings import paginate
from articles.trust import presence
from articles.trust.compare import (
    compare_stories,
    story_from_article,
    story_from_revision,
)
from articles.trust.concurrency import (
    StaleEditError,
    claim_next_version,
    user_display_name,
)
from articles.trust.history import RevertRefused, revert_article
from articles.trust.revisions import (
    article_versions,
    record_story,
    revision_version_number,
)

TOOLS_FIELD = "history_and_sharing"


def _change_message_text(message) -> str:
    """The admin's change message in the JSON form LogEntry (and Revision) read back."""
    return message if isinstance(message, str) else json.dumps(message)


class ArticleHistoryAdminMixin(
    PresenceAdminMixin, AutosaveAdminMixin, PreviewLinksAdminMixin
):
    """Revisions, revert, stale-save refusal, presence, autosave and preview links.

    Intended MRO: ``class ArticleAdmin(ArticleHistoryAdminMixin, ContentEditor)``, with
    ``CorrectionInline`` in its ``inlines``.
    """

    object_history_template = f"{TEMPLATE_DIR}/revision_list.html"

    # -- the change form ----------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": list(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and VERSION_FIELD not in fieldsets[0][1]["fields"]:
            fieldsets[0][1]["fields"].append(VERSION_FIELD)
            fieldsets.append(
                (_("History and sharing"), {"fields": [TOOLS_FIELD]}),
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, TOOLS_FIELD] if obj is not None else readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        fields = kwargs.pop("fields", None) or flatten_fieldsets(
            self.get_fieldsets(request, obj)
        )
        kwargs["fields"] = [name for name in fields if name != VERSION_FIELD]
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (ArticleVersionFormMixin, form), {})

    @admin.display(description=gettext_lazy("history and sharing"))
    def history_and_sharing(self, obj):
        active = obj.preview_links.active().count()
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            self._url("history", obj.pk),
            _("Revisions: view, compare, restore"),
            self._url("previews", obj.pk),
            _("Preview links (%(count)s active)") % {"count": active},
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            if object_id is not None:
                self._note_presence(request, object_id)
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with reversion.create_revision():
                reversion.set_user(request.user)
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
        except StaleEditError:
            # A race the form's locked check could not see (a database without row
            # locks): render again, and that check now explains the refusal.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = claim_next_version(
                article_pk=obj.pk,
                expected_version=form.cleaned_data[VERSION_FIELD],
            )
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                if correction.created_by_id is None:
                    correction.created_by = request.user
                correction.save()
            for correction in formset.deleted_objects:
                correction.delete()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            record_story(form.instance)

    def log_addition(self, request, obj, message):
        if reversion.is_active():
            reversion.set_comment(_change_message_text(message))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if reversion.is_active():
            reversion.set_comment(_change_message_text(message))
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            presence.stop_editing(obj.pk, request.user)
        return super().response_change(request, obj)

    # -- extra pages --------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"

        def wrap(view):
            return self.admin_site.admin_view(view)

        extra = [
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name=f"{prefix}_compare",
            ),
            path(
                "<path:object_id>/history/<int:revision_id>/",
                wrap(self.revision_view),
                name=f"{prefix}_revision",
            ),
            path(
                "<path:object_id>/history/<int:revision_id>/revert/",
                wrap(self.revert_view),
                name=f"{prefix}_revert",
            ),
            path(
                "<path:object_id>/previews/",
                wrap(self.previews_view),
                name=f"{prefix}_previews",
            ),
            path(
                "<path:object_id>/previews/<int:link_id>/revoke/",
                wrap(self.revoke_preview_view),
                name=f"{prefix}_revoke_preview",
            ),
            path(
                "<path:object_id>/presence/",
                wrap(self.presence_view),
                name=f"{prefix}_presence",
            ),
        ]
        return extra + super().get_urls()

    def _article_or_404(self, request, object_id) -> Article:
        """The article if this user may open it, exactly as the change form decides
        (the admin's queryset, see `articles.roles`); else 404, as for a missing one."""
        try:
            pk = int(unquote(object_id))
        except (TypeError, ValueError) as error:
            raise Http404("No such article.") from error
        article = get_object_or_404(
            self.get_queryset(request).select_related("section"), pk=pk
        )
        if not self.has_view_or_change_permission(request, article):
            raise Http404("No such article.")
        return article

    def _revision_or_404(self, article: Article, revision_id) -> Revision:
        version = article_versions(article).filter(revision_id=revision_id).first()
        if version is None:
            raise Http404("No such revision of this article.")
        return version.revision

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "object": article,
            "title": title,
            "has_change_permission": self.has_change_permission(request, article),
            **extra,
        }

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
            args=args,
        )

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        page = paginate(request, article_versions(article), 50)
        rows = [
            {
                "revision": version.revision,
                "number": revision_version_number(version),
                "by": user_display_name(version.revision.user),
                "comment": version.revision.get_comment(),
                "when": when(version.revision.date_created),
            }
            for version in page
        ]
        context = self._context(
            request,
            article,
            _("History of “%(article)s”") % {"article": article},
            rows=rows,
            page=page,
            compare_url=self._url("compare", article.pk),
            autosaves=self.autosave_rows(request, article),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def revision_view(self, request, object_id, revision_id):
        article = self._article_or_404(request, object_id)
        revision = self._revision_or_404(article, revision_id)
        context = self._context(
            request,
            article,
            _("Revision of %(when)s") % {"when": when(revision.date_created)},
            revision=revision,
            saved_by=user_display_name(revision.user),
            story=story_from_revision(revision, article.pk),
            history_url=self._url("history", article.pk),
            revert_url=self._url("revert", article.pk, revision.pk),
            previews_url=self._url("previews", article.pk),
        )
        return TemplateResponse(
            request, f"{TEMPLATE_DIR}/revision_detail.html", context
        )

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        try:
            old_id = int(request.GET.get("a", ""))
        except ValueError as error:
            raise Http404("Choose a revision to compare.") from error
        old = self._revision_or_404(article, old_id)
        new_id = request.GET.get("b", "current")
        new = None
        if new_id != "current":
            try:
                new = self._revision_or_404(article, int(new_id))
            except ValueError as error:
                raise Http404("Choose a revision to compare.") from error
        if new is not None and new.date_created < old.date_created:
            old, new = new, old
        old_story = story_from_revision(old, article.pk)
        new_story = (
            story_from_revision(new, article.pk) if new else story_from_article(article)
        )
        context = self._context(
            request,
            article,
            _("Compare revisions of “%(article)s”") % {"article": article},
            old=old,
            new=new,
            old_when=when(old.date_created),
            new_when=when(new.date_created) if new else "",
            changes=compare_stories(old_story, new_story),
            history_url=self._url("history", article.pk),
        )
        return TemplateResponse(request, f"{TEMPLATE_DIR}/compare.html", context)

    def revert_view(self, request, object_id, revision_id):
        article = self._article_or_404(request, object_id)
        revision = self._revision_or_404(article, revision_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            try:
                expected = int(request.POST.get(VERSION_FIELD, ""))
            except ValueError:
                expected = None
            try:
                revert_article(
                    article=article,
                    revision=revision,
                    user=request.user,
                    expected_version=expected,
                )
            except RevertRefused as error:
                messages.error(request, str(error))
                return HttpResponseRedirect(self._url("history", article.pk))
            except StaleEditError as error:
                messages.error(
                    request,
                    _(
                        "Not restored: %(name)s saved this article at %(time)s, after "
                        "you opened this page. Compare again before restoring."
                    )
                    % {
                        "name": error.last_save.user_name,
                        "time": when(error.last_save.saved_at),
                    },
                )
                return HttpResponseRedirect(self._url("history", article.pk))
            messages.success(
                request,
                _("The revision of %(when)s was restored as a new revision.")
                % {"when": when(revision.date_created)},
            )
            return HttpResponseRedirect(self._url("change", article.pk))
        context = self._context(
            request,
            article,
            _("Restore the revision of %(when)s?")
            % {"when": when(revision.date_created)},
            revision=revision,
            changes=compare_stories(
                story_from_article(article), story_from_revision(revision, article.pk)
            ),
            expected_version=article.version,
            history_url=self._url("history", article.pk),
        )
        return TemplateResponse(request, f"{TEMPLATE_DIR}/revert_confirm.html", context)
