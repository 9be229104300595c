"""Corrections, clarifications and updates: adding them and describing them to machines."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus, Correction, CorrectionKind


class CorrectionRefused(ValueError):
    """The note cannot be added; the message says why."""


def add_correction(
    *,
    article: Article,
    kind: str,
    text: str,
    user: AbstractBaseUser | None = None,
    published_at: datetime | None = None,
) -> Correction:
    """Publish a note on a published article and mark the article as modified.

    Saving the article's `updated_at` is what tells page caches and structured data
    that the page changed.
    """
    if article.status != ArticleStatus.PUBLISHED:
        raise CorrectionRefused("Corrections are added to published articles only.")
    with transaction.atomic():
        correction = Correction(
            article=article,
            kind=kind,
            text=text.strip(),
            published_at=published_at or timezone.now(),
            created_by=user,
        )
        correction.full_clean()
        correction.save()
        article.save(update_fields=["updated_at"])
    return correction


# schema.org types for each kind: a correction is a CorrectionComment; clarifications
# and updates are plain comments that still say what they are.
_SCHEMA_TYPES = {
    CorrectionKind.CORRECTION: "CorrectionComment",
    CorrectionKind.CLARIFICATION: "Comment",
    CorrectionKind.UPDATE: "Comment",
}


def correction_json_ld(correction: Correction) -> dict:
    """One note as a schema.org object for the article's `correction` property."""
    url = correction.get_absolute_url()
    data = {
        "@type": _SCHEMA_TYPES[correction.kind],
        "name": correction.get_kind_display(),
        "text": correction.text,
        "datePublished": correction.published_at.isoformat(),
    }
    if url:
        data["url"] = f"{settings.SITE_URL}{url}"
    return data


def corrections_json_ld(article: Article) -> list[dict]:
    """Every note on the article, oldest first, ready for NewsArticle's `correction`."""
    return [correction_json_ld(c) for c in article.corrections.all()]
