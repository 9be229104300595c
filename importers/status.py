"""WordPress statuses mapped onto our workflow, through the workflow's own functions.

    publish → published at its WordPress date (scheduled if that date is still ahead)
    future  → scheduled for its date (published at it when the date has passed)
    pending → in review          draft → draft          private → draft (not public)

Publishing runs the same checks as the Publish button (dek, byline, photo credits and
alt text); an article that fails them is left in review, and the report says why.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleStatus

PUBLIC = ("publish", "future")
NOT_PUBLIC = ("draft", "pending", "private")
IMPORTED_STATUSES = PUBLIC + NOT_PUBLIC
NOTE = "Imported from WordPress."
HELD_NOTE = "Imported from WordPress; not published yet."
UNDATED = "its date is missing or invalid, so it was not published"
PRIVATE = "private in WordPress: kept as a draft, not public"


def parse_wp_date(value: str) -> datetime | None:
    """ "2024-01-07 09:30:00" as a time; None for WordPress's "0000-00-00 …" or anything invalid."""
    try:
        parsed = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return parsed if parsed.year > 1 else None


def publication_time(post_date_gmt: str, post_date: str) -> datetime | None:
    """The post's time: GMT when the export has it, else its local time in our time zone."""
    gmt = parse_wp_date(post_date_gmt)
    if gmt is not None:
        return gmt.replace(tzinfo=UTC)
    local = parse_wp_date(post_date)
    return timezone.make_aware(local) if local is not None else None


def apply_status(
    *, article: Article, wp_status: str, when: datetime | None, user
) -> list[str]:
    """Move the article to the state its WordPress status means; returns what kept it back."""
    if wp_status in PUBLIC:
        return publish_at(article=article, when=when, user=user)
    if wp_status == "pending":
        if article.status == ArticleStatus.DRAFT:
            workflow.submit_for_review(
                article=article, user=user, note=NOTE, notify=False
            )
        return []
    if article.status == ArticleStatus.PUBLISHED:
        workflow.unpublish(article=article, user=user, note="Not public in WordPress.")
    if wp_status == "private":
        return [PRIVATE]
    return []


def publish_at(*, article: Article, when: datetime | None, user) -> list[str]:
    if article.is_published:
        return []
    if when is None:
        to_review(article, user)
        return [UNDATED]
    if article.published_at != when and article.status != ArticleStatus.PUBLISHED:
        # The first publication time is WordPress's, so the article keeps its date (and
        # the dated address built from it); publish() keeps a past time as it finds it.
        Article.objects.filter(pk=article.pk).update(published_at=when)
        article.published_at = when
    try:
        if when > timezone.now():
            if article.is_scheduled:
                return []
            workflow.schedule(
                article=article, user=user, at=when, note=NOTE, notify=False
            )
        else:
            workflow.publish(article=article, user=user, note=NOTE, notify=False)
    except workflow.WorkflowError as error:
        to_review(article, user)
        return [f"not published: {' '.join(error.problems)}"]
    return []


def to_review(article: Article, user) -> None:
    if article.status == ArticleStatus.DRAFT:
        workflow.submit_for_review(
            article=article, user=user, note=HELD_NOTE, notify=False
        )


def new_article_status(
    *, wp_status: str, when: datetime | None, problems: Callable[[], list[str]]
) -> tuple[str, str | None, list[str]]:
    """Where apply_status takes a new draft, worked out without running the steps.

    Returns the status it ends in, the note of the workflow step that takes it there
    (None when it stays a draft) and what kept it back. A published article keeps `when`
    as its time: in the past that is publish()'s time, in the future schedule()'s.
    `problems` are the workflow's publish checks on the article as built.
    """
    if wp_status in PUBLIC:
        if when is None:
            return ArticleStatus.IN_REVIEW, HELD_NOTE, [UNDATED]
        found = problems()
        if found:
            return (
                ArticleStatus.IN_REVIEW,
                HELD_NOTE,
                [f"not published: {' '.join(found)}"],
            )
        return ArticleStatus.PUBLISHED, NOTE, []
    if wp_status == "pending":
        return ArticleStatus.IN_REVIEW, NOTE, []
    return ArticleStatus.DRAFT, None, [PRIVATE] if wp_status == "private" else []
