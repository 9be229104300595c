"""The desk's dashboard on the admin index, in a fixed number of queries whatever the desk's size."""

from dataclasses import dataclass, field
from datetime import timedelta

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import ArticleStatus, published_condition
from authors.models import AuthorProfileChange, ProfileChangeStatus

register = template.Library()

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
    profile_changes: list = field(default_factory=list)
    profile_changes_count: int = 0
    profile_changes_url: str = ""
    my_profile_change: AuthorProfileChange | None = None


def _changelist(**params) -> str:
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(params)}"


@register.simple_tag(takes_context=True)
def editorial_dashboard(context) -> Dashboard | None:
    request = context["request"]
    user = request.user
    if not user.has_perm("articles.view_article"):
        return None
    now = timezone.now()
    visible = workflow.articles_for(user)
    filters = {
        "drafts": Q(status=ArticleStatus.DRAFT) & workflow.own_articles(user),
        "in_review": Q(status=ArticleStatus.IN_REVIEW),
        "scheduled": Q(status=ArticleStatus.PUBLISHED, published_at__gt=now),
        "recent": published_condition() & Q(published_at__gt=now - RECENT),
    }
    counts = visible.aggregate(
        **{key: Count("pk", filter=condition) for key, condition in filters.items()}
    )
    listing = visible.select_related("section")
    panels = [
        Panel(
            "drafts",
            _("My drafts"),
            counts["drafts"],
            _changelist(stage="draft", mine="1"),
            list(
                listing.filter(filters["drafts"]).order_by("-updated_at")[:PANEL_SIZE]
            ),
        ),
        Panel(
            "in_review",
            _("Waiting for review"),
            counts["in_review"],
            _changelist(stage="in_review"),
            list(
                listing.filter(filters["in_review"]).order_by("updated_at")[:PANEL_SIZE]
            ),
        ),
        Panel(
            "scheduled",
            _("Scheduled"),
            counts["scheduled"],
            _changelist(stage="scheduled"),
            list(
                listing.filter(filters["scheduled"]).order_by("published_at")[
                    :PANEL_SIZE
                ]
            ),
        ),
        Panel(
            "recent",
            _("Published in the last seven days"),
            counts["recent"],
            _changelist(stage="live"),
            list(
                listing.filter(filters["recent"]).order_by("-published_at")[:PANEL_SIZE]
            ),
        ),
    ]
    dashboard = Dashboard(panels=panels)
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
