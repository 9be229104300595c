"""The desk's dashboard on the admin index, in a fixed number of queries whatever the desk's size.

The template tag `editorial_dashboard` only hands the request's user to `build_dashboard`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles import notifications
from articles.models import (
    Article,
    ArticleStatus,
    own_articles_condition,
    published_condition,
    scheduled_condition,
)
from authors.models import AuthorProfileChange, ProfileChangeStatus

PANEL_SIZE = 5
RECENT = timedelta(days=7)


@dataclass
class Panel:
    key: str
    title: str
    count: int
    url: str
    articles: list = field(default_factory=list)


@dataclass
class Dashboard:
    panels: list[Panel]
    # What happened to the user's stories (or, for editors, what was submitted), newest first.
    notifications: list = field(default_factory=list)
    profile_changes: list = field(default_factory=list)
    profile_changes_count: int = 0
    profile_changes_url: str = ""
    my_profile_change: AuthorProfileChange | None = None


def _changelist(**params) -> str:
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(params)}"


def build_dashboard(user) -> Dashboard | None:
    """The panels `user` may see, or None for someone who may not see articles."""
    if not user.has_perm("articles.view_article"):
        return None
    now = timezone.now()
    visible = Article.objects.worked_on_by(user)
    filters = {
        "drafts": Q(status=ArticleStatus.DRAFT) & own_articles_condition(user),
        "in_review": Q(status=ArticleStatus.IN_REVIEW),
        "scheduled": scheduled_condition(),
        "recent": published_condition() & Q(published_at__gt=now - RECENT),
    }
    # Only rows in some panel are read (through the status and time indexes), not the desk.
    in_a_panel = Q()
    for condition in filters.values():
        in_a_panel |= condition
    counts = visible.filter(in_a_panel).aggregate(
        **{key: Count("pk", filter=condition) for key, condition in filters.items()}
    )
    listing = visible.select_related("section")
    # key, title, changelist filter, order of the rows shown
    layout = [
        ("drafts", _("My drafts"), {"stage": "draft", "mine": "1"}, "-updated_at"),
        ("in_review", _("Waiting for review"), {"stage": "in_review"}, "updated_at"),
        ("scheduled", _("Scheduled"), {"stage": "scheduled"}, "published_at"),
        (
            "recent",
            _("Published in the last seven days"),
            {"stage": "live"},
            # The listing index's order (NULLS LAST): read from it, not sorted.
            F("published_at").desc(nulls_last=True),
        ),
    ]
    panels = [
        Panel(
            key,
            title,
            counts[key],
            _changelist(**params),
            list(listing.filter(filters[key]).order_by(order)[:PANEL_SIZE]),
        )
        for key, title, params, order in layout
    ]
    dashboard = Dashboard(
        panels=panels, notifications=notifications.unread(user, now=now)
    )
    if user.has_perm("authors.approve_author_changes"):
        pending = AuthorProfileChange.objects.filter(
            status=ProfileChangeStatus.PENDING
        ).select_related("author")
        # A separate count only when the panel is full (at most two queries).
        rows = list(pending.order_by("proposed_at")[:PANEL_SIZE])
        dashboard.profile_changes = rows
        dashboard.profile_changes_count = (
            len(rows) if len(rows) < PANEL_SIZE else pending.count()
        )
        dashboard.profile_changes_url = (
            reverse("admin:authors_authorprofilechange_changelist")
            + "?"
            + urlencode({"status__exact": ProfileChangeStatus.PENDING})
        )
    else:
        dashboard.my_profile_change = (
            AuthorProfileChange.objects.filter(author__user=user)
            .order_by("-proposed_at", "-pk")
            .first()
        )
    return dashboard
