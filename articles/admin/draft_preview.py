"""Preview of the article form as it stands, unsaved edits included.

The change and add forms post their current state here (the "Preview" button). The
admin form and its inlines are bound and validated exactly as a save would, but nothing
is written: the story is built from unsaved objects and drawn with the readers' article
template under a "Preview — not published" banner. A form that would not save gets a
page listing what is wrong; what was typed stays in the editor, which the preview never
replaces (it opens in the pane beside the form or in a new tab).

Not to be confused with preview links (`articles.admin.previews`), which share the
saved story with someone outside the newsroom.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.forms import all_valid
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.models import Article, Byline, Correction, RichTextBlock
from articles.site.listings import related_articles
from articles.site.rendered_body import blocks_for_readers
from articles.trust.previews import keep_private
from text import html_to_text
from text.measure import reading_minutes, word_count

# The pane beside the form; static/articles/admin/preview.js opens it.
PANE_NAME = "article-preview"


class Listed:
    """Stands in for a related manager in templates: `.all` gives the objects in hand."""

    def __init__(self, items: list):
        self.items = items

    def all(self) -> list:
        return self.items


class UnsavedStory:
    """The article as typed, for the readers' template: its own fields from the bound
    form, and bylines, tags and corrections from the inlines instead of the database
    (an unsaved article has no rows to read them from)."""

    def __init__(self, article: Article, *, bylines, tags, corrections):
        self._article = article
        self.bylines = Listed(bylines)
        self.tags = Listed(tags)
        self.corrections = Listed(corrections)

    def __getattr__(self, name):
        return getattr(self._article, name)


@dataclass
class Problems:
    """What keeps the form from saving, as (where, message) pairs."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add_form(self, form, where: str = "") -> None:
        for name, errors in form.errors.items():
            if name == "__all__":
                label = where
            else:
                field_label = form.fields[name].label if name in form.fields else name
                label = f"{where} · {field_label}" if where else str(field_label)
            self.items.extend((label, str(error)) for error in errors)

    def add_formset(self, formset, title: str) -> None:
        for error in formset.non_form_errors():
            self.items.append((title, str(error)))
        for number, form in enumerate(formset.forms, start=1):
            self.add_form(form, f"{title} {number}")


def kept_instances(formset) -> list:
    """The unsaved objects a save would keep: rows not marked for deletion and not left empty."""
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    return [
        form.instance
        for form in formset.forms
        if id(form) not in deleted and (form.instance.pk or form.has_changed())
    ]


def preview_tags(names: list[str]) -> list[Tag]:
    """The typed tags: existing ones as stored, new ones as they would be made."""
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    tags = []
    for name in names:
        tag = existing.get(name) or Tag(name=name)
        if not tag.slug:
            tag.slug = tag.slugify(name)
        if tag.slug:
            tags.append(tag)
    return tags


def build_story(form, formsets) -> tuple[UnsavedStory, str]:
    """The unsaved story and its body's HTML, from a valid bound form and inlines."""
    article = form.instance
    by_model = {formset.model: kept_instances(formset) for formset in formsets}
    blocks = []
    for model in (m for m in by_model if hasattr(m, "template_name")):
        blocks += [block for block in by_model[model] if block.region == "body"]
    blocks.sort(key=lambda block: block.ordering)
    for block in blocks:
        if isinstance(block, RichTextBlock):
            block.sanitise()
    bylines = sorted(by_model.get(Byline, []), key=lambda byline: byline.position or 0)
    if Correction in by_model:
        corrections = by_model[Correction]
    else:
        corrections = list(article.corrections.all()) if article.pk else []
    story = UnsavedStory(
        article,
        bylines=bylines,
        tags=preview_tags(form.cleaned_data.get("tags") or []),
        corrections=corrections,
    )
    return story, blocks_for_readers(blocks)


def frame_for_this_site(response: HttpResponse) -> HttpResponse:
    """Only this site may show the preview in a frame (the pane beside the editor)."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return keep_private(response)


class DraftPreviewAdminMixin:
    """The "Preview" button's view, for `ArticleAdmin` (with `ArticleHistoryAdminMixin`)."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.draft_preview_view)
        return [
            path("preview/", view, name="articles_article_preview_new"),
            path("<path:object_id>/preview/", view, name="articles_article_preview"),
            *super().get_urls(),
        ]

    def draft_preview_view(self, request: HttpRequest, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = None
        if object_id is not None:
            # Not theirs or not there: 404 alike (articles.roles).
            article = self._article_or_404(request, object_id)
            if not self.has_change_permission(request, article):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        change = article is not None
        form_class = self.get_form(request, article, change=change)
        # A preview is no save: a newer version saved meanwhile does not stop it.
        form_class = type(form_class.__name__, (form_class,), {"check_version": False})
        form = form_class(request.POST, request.FILES, instance=article)
        formsets, _inlines = self._create_formsets(request, form.instance, change)
        if not (form.is_valid() and all_valid(formsets)):
            return self._preview_problems(request, article, form, formsets)
        story, body = build_story(form, formsets)
        related = related_articles(form.instance) if change else []
        text = html_to_text(body)
        response = TemplateResponse(
            request,
            "articles/article_detail.html",
            {
                "article": story,
                "body_html": mark_safe(body),  # sanitised blocks, escaping templates
                "reading_minutes": reading_minutes(word_count(text)),
                "related": related,
                "preview": True,
                "current_section_slug": (story.section.parent or story.section).slug,
            },
        )
        return frame_for_this_site(response)

    def _preview_problems(self, request, article, form, formsets):
        problems = Problems()
        problems.add_form(form)
        for formset in formsets:
            problems.add_formset(formset, str(formset.model._meta.verbose_name))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Not previewed: the form has problems"),
            "is_popup": True,  # no admin header: the page is shown in the pane
            "opts": self.model._meta,
            "original": article,
            "problems": problems.items,
        }
        response = TemplateResponse(
            request, "admin/articles/article/preview_problems.html", context
        )
        return frame_for_this_site(response)
