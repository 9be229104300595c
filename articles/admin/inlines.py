"""Inline rows of the article form: the body's blocks, and the rule every inline follows."""

from content_editor.admin import ContentEditorInline
from django.db import models

from articles import workflow
from articles.models import EmbedBlock, PhotoBlock, PullQuoteBlock, RichTextBlock


class EditableWhileParentIsMixin:
    """Inline rows follow the article: read-only whenever the article is read-only for this user."""

    def _parent_editable(self, request, obj) -> bool:
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(
            request, obj
        )


class RichTextBlockInline(EditableWhileParentIsMixin, ContentEditorInline):
    model = RichTextBlock


class PhotoBlockInline(EditableWhileParentIsMixin, ContentEditorInline):
    model = PhotoBlock
    autocomplete_fields = ["photo"]


class PullQuoteBlockInline(EditableWhileParentIsMixin, ContentEditorInline):
    model = PullQuoteBlock


class EmbedBlockInline(EditableWhileParentIsMixin, ContentEditorInline):
    model = EmbedBlock
    # Editors paste addresses from the browser; one typed without a scheme is https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


BODY_BLOCK_INLINES = [
    RichTextBlockInline,
    PhotoBlockInline,
    PullQuoteBlockInline,
    EmbedBlockInline,
]
