"""Preview links in the article admin: list, create and revoke, through the services in
`articles.trust.previews`. A mixin of `ArticleHistoryAdminMixin`, whose helpers
(`_article_or_404`, `_revision_or_404`, `_context`, `_url`) it uses."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin.stale_save import TEMPLATE_DIR, when
from articles.models import PreviewLink
from articles.trust.concurrency import user_display_name
from articles.trust.previews import (
    PreviewRefused,
    create_preview_link,
    revoke_preview_link,
)
from text.times import format_desk_time, zone_label


class PreviewLinkForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        min_value=1,
        max_value=90,
        initial=PreviewLink.DEFAULT_DAYS,
    )
    note = forms.CharField(
        label=gettext_lazy("Shared with"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("A name or a role, e.g. “legal review”."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The days become a time: say which one, in the newsroom's zone.
        ends = timezone.now() + timedelta(days=PreviewLink.DEFAULT_DAYS)
        self.fields["days"].help_text = _(
            "Counted from now: a link made now for %(days)d days stops working on "
            "%(when)s, %(zone)s."
        ) % {
            "days": PreviewLink.DEFAULT_DAYS,
            "when": format_desk_time(ends),
            "zone": zone_label(ends),
        }


class PreviewLinksAdminMixin:
    def _may_share(self, request, article) -> bool:
        return self.has_change_permission(request, article) and request.user.has_perm(
            "articles.add_previewlink"
        )

    def previews_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        may_share = self._may_share(request, article)
        form = PreviewLinkForm(
            request.POST or None, initial={"revision": request.GET.get("revision")}
        )
        if request.method == "POST":
            if not may_share:
                raise PermissionDenied
            if form.is_valid():
                link = self._create_preview(request, article, form)
                if link is not None:
                    return HttpResponseRedirect(self._url("previews", article.pk))
        revision_id = form["revision"].value()
        links = article.preview_links.select_related("created_by", "revision")
        context = self._context(
            request,
            article,
            _("Preview links for “%(article)s”") % {"article": article},
            form=form,
            may_share=may_share,
            for_revision=revision_id,
            links=[
                {
                    "link": link,
                    "url": request.build_absolute_uri(link.get_absolute_url()),
                    "expires": when(link.expires_at),
                    "created": when(link.created_at),
                    "created_by": user_display_name(link.created_by)
                    if link.created_by
                    else "",
                    "revoked": when(link.revoked_at),
                    "revision_when": when(link.revision.date_created)
                    if link.revision
                    else "",
                    "revoke_url": self._url("revoke_preview", article.pk, link.pk),
                }
                for link in links
            ],
            history_url=self._url("history", article.pk),
        )
        return TemplateResponse(request, f"{TEMPLATE_DIR}/previews.html", context)

    def _create_preview(self, request, article, form) -> PreviewLink | None:
        revision = None
        if form.cleaned_data["revision"]:
            revision = self._revision_or_404(article, form.cleaned_data["revision"])
        try:
            link = create_preview_link(
                article=article,
                user=request.user,
                revision=revision,
                note=form.cleaned_data["note"],
                days=form.cleaned_data["days"],
            )
        except PreviewRefused as refusal:
            messages.error(request, str(refusal))
            return None
        messages.success(
            request,
            format_html(
                _("Preview link created: {} (expires {})."),
                request.build_absolute_uri(link.get_absolute_url()),
                when(link.expires_at),
            ),
        )
        return link

    def revoke_preview_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self._may_share(request, article):
            raise PermissionDenied
        revoke_preview_link(link=get_object_or_404(article.preview_links, pk=link_id))
        messages.success(
            request, _("The preview link was revoked; it now answers 404.")
        )
        return HttpResponseRedirect(self._url("previews", article.pk))
