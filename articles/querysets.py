"""Article statuses and the conditions built on them, each written once: what readers
may see, what is scheduled, withdrawn or trashed, and what a user works on.

`ArticleQuerySet` applies them; `published_condition(prefix)` and friends reach them
across relations for counts and annotations. Re-exported by `articles.models`.
"""

from datetime import datetime

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import roles
from text.times import format_desk_time


def _byline_model():
    # Looked up, not imported: `articles.models` builds on this module.
    return apps.get_model("articles", "Byline")


def format_publication_time(value) -> str:
    """A publication time as the desk reads it, in the site's time zone: "26 Nov 2025, 09:00"."""
    return format_desk_time(value)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


def not_trashed_condition(prefix: str = "") -> models.Q:
    """Articles outside the trash; a trashed article is on no surface but the Trash list."""
    return models.Q(**{f"{prefix}trashed_at__isnull": True})


def published_condition(prefix: str = "", now: datetime | None = None) -> models.Q:
    """The one rule for what readers may see, as a condition; `prefix` reaches it
    across a relation (e.g. "bylines__article__") for counts and annotations."""
    return models.Q(
        **{
            f"{prefix}status": ArticleStatus.PUBLISHED,
            f"{prefix}published_at__lte": now or timezone.now(),
        }
    ) & not_trashed_condition(prefix)


def scheduled_condition(prefix: str = "", now: datetime | None = None) -> models.Q:
    """Published but not yet due: the other half of `published_condition`."""
    return models.Q(
        **{
            f"{prefix}status": ArticleStatus.PUBLISHED,
            f"{prefix}published_at__gt": now or timezone.now(),
        }
    ) & not_trashed_condition(prefix)


def own_articles_condition(user) -> models.Q:
    """Articles the user created or carries a byline on."""
    return models.Q(created_by=user) | models.Q(
        pk__in=_byline_model().objects.filter(author__user=user).values("article_id")
    )


def works_on_condition(user) -> models.Q:
    """The articles whose newsroom side the user may open (`roles.works_on`), as a condition."""
    if not user.is_authenticated or not roles.has_article_permissions(user):
        return models.Q(pk__in=[])
    if roles.sees_every_article(user):
        return not_trashed_condition()
    return own_articles_condition(user) & not_trashed_condition()


def visible_condition(user) -> models.Q:
    """What the user may read anywhere (`roles.can_view_article`): live, or worked on."""
    return published_condition() | works_on_condition(user)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see now; scheduled ones stay hidden until their time."""
        return self.filter(published_condition())

    def scheduled(self):
        """Articles that will go out on their own at `published_at`, no one acting."""
        return self.filter(scheduled_condition())

    def withdrawn(self):
        """Articles that were out and were taken down: their address answers 410.

        Unpublished, or moved to the trash, while live: both count. One taken down
        before its scheduled time never went out: its address stays a plain 404, so
        withdrawing a story does not reveal that it existed.
        """
        unpublished = models.Q(status=ArticleStatus.UNPUBLISHED)
        trashed_while_live = models.Q(
            status=ArticleStatus.PUBLISHED, trashed_at__gte=models.F("published_at")
        )
        return self.filter(
            unpublished | trashed_while_live, published_at__lte=timezone.now()
        )

    def visible_to(self, user):
        """Articles the user may read anywhere: published ones plus those they work on.

        Choosers, "where used", list filters and signed-in public pages start here;
        see `articles.roles` for the two levels.
        """
        return self.filter(visible_condition(user))

    def worked_on_by(self, user):
        """Articles whose admin pages, history and previews the user may open."""
        return self.filter(works_on_condition(user))

    def by_author(self, author):
        """The author's stories, newest first, read in that order from the bylines'
        list index (Byline.listed_at): a page costs its own rows, however many
        stories the author has written."""
        return self.filter(bylines__author=author).order_by(
            models.F("bylines__listed_at").desc(nulls_last=True),
            models.F("bylines__article_id").desc(),
        )

    def trashed(self):
        return self.filter(trashed_at__isnull=False)

    def for_listing(self):
        """Everything a list or card template touches, in a fixed number of queries.

        The search text, vector and rendered body (kilobytes a story) stay behind: no
        list shows them.
        """
        return (
            self.select_related("section", "hero")
            .defer("search_text", "search_vector", "body_html")
            .prefetch_related(
                models.Prefetch(
                    "bylines", queryset=_byline_model().objects.select_related("author")
                ),
                "tags",
            )
        )
