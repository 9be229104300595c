"""Stale-save refusal in the article admin: the form carries the version it started
from, and a save from an older one is refused with what changed since."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.models import Article
from articles.trust.compare import (
    compare_stories,
    story_from_article,
    story_from_revision,
)
from articles.trust.concurrency import last_save
from articles.trust.revisions import revision_for_version_number
from text.times import format_desk_time

VERSION_FIELD = "expected_version"
TEMPLATE_DIR = "admin/articles/article/history"


def when(moment) -> str:
    return format_desk_time(moment) if moment else ""


class ArticleVersionFormMixin(forms.Form):
    """A hidden copy of the version the editor started from, checked under a row lock."""

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[VERSION_FIELD].initial = self.instance.version

    # Off for previews: they save nothing, so a newer saved version does not stop them.
    check_version = True

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or not self.check_version:
            return cleaned_data
        expected = cleaned_data.get(VERSION_FIELD)
        # Held until the admin's transaction ends: a concurrent save of the same
        # article waits here and then sees the new version.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if expected is None:
            raise ValidationError(
                _("This form has no version number; reload the article and try again."),
                code="no_version",
            )
        if current is not None and current != expected:
            self.stale_from = expected
            # Everything typed stays in the form; a second save after merging by hand
            # starts from the version now saved.
            data = self.data.copy()
            data[self.add_prefix(VERSION_FIELD)] = str(current)
            self.data = data
            raise ValidationError(
                stale_notice(self.instance.pk, expected), code="stale"
            )
        return cleaned_data


def stale_notice(article_pk: int, expected: int) -> str:
    """The refusal message, with what changed since the editor opened the article."""
    saved = last_save(article_pk)
    article = Article.objects.get(pk=article_pk)
    base = revision_for_version_number(article, expected)
    newest = revision_for_version_number(article, saved.version)
    changes = None
    if base is not None:
        newer = (
            story_from_revision(newest, article_pk)
            if newest is not None
            else story_from_article(article)
        )
        changes = compare_stories(story_from_revision(base, article_pk), newer)
    return mark_safe(
        render_to_string(
            f"{TEMPLATE_DIR}/stale_notice.html",
            {
                "saved": saved,
                "saved_at": when(saved.saved_at),
                "changes": changes,
                "article": article,
            },
        )
    )
