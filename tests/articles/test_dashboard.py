from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleStatus, Notification, NotificationKind
from authors.models import AuthorProfileChange
from tests.factories import make_article, make_author, make_draft

pytestmark = pytest.mark.django_db

# Session, user, permissions (2), whether the site settings row exists yet (editors may
# create it), the linked author profile, the user's notifications (one query, the newest
# few), the dashboard (counts + four panels), the profile-change queue (rows, plus a count
# when the panel is full) and the recent-actions sidebar: 15 at any desk size.
QUERY_BUDGET = 15


def fill_desk(editor, *, each: int):
    """`each` articles in every panel, some with several bylines, and as many notifications."""
    authors = [make_author() for _ in range(3)]
    now = timezone.now()
    for n in range(each):
        make_draft(created_by=editor, authors=authors, headline=f"My draft {n}")
        submitted = make_draft(
            status=ArticleStatus.IN_REVIEW, headline=f"In review {n}"
        )
        Notification.objects.create(
            recipient=editor, article=submitted, kind=NotificationKind.SUBMITTED
        )
        make_draft(
            status=ArticleStatus.PUBLISHED,
            published_at=now + timedelta(hours=n + 1),
            headline=f"Scheduled {n}",
        )
        make_article(published_at=now - timedelta(hours=n + 1), headline=f"Live {n}")
        author = make_author()
        AuthorProfileChange.objects.create(author=author, data={"short_bio": "New"})


def test_dashboard_shows_counts_and_links_for_each_panel(editor_client, editor):
    """Each panel names its count and links to the matching filtered list."""
    fill_desk(editor, each=2)

    response = editor_client.get(reverse("admin:index"))

    page = response.content.decode()
    for title in (
        "My drafts",
        "Waiting for review",
        "Scheduled",
        "Published in the last seven days",
        "Author profile changes to approve",
    ):
        assert f'{title} <span class="count">(2)</span>' in page
    assert "?stage=draft&amp;mine=1" in page
    assert "?stage=scheduled" in page
    assert "Scheduled 0" in page and "goes out" in page


def test_dashboard_query_count_does_not_grow_with_the_desk(
    editor_client, editor, django_assert_max_num_queries
):
    """Thirty articles per panel cost the same queries as one."""
    fill_desk(editor, each=30)

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = editor_client.get(reverse("admin:index"))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'My drafts <span class="count">(30)</span>' in page
    assert page.count('class="notification notification-submitted"') == 5


def test_correspondent_dashboard_counts_only_their_articles(
    correspondent_client, correspondent, correspondent_author
):
    """A correspondent's panels hold their own work, not the rest of the desk's."""
    make_draft(created_by=correspondent, headline="Mine in draft")
    make_draft(
        authors=[correspondent_author],
        status=ArticleStatus.IN_REVIEW,
        headline="Mine in review",
    )
    make_draft(status=ArticleStatus.IN_REVIEW, headline="Someone else's in review")

    response = correspondent_client.get(reverse("admin:index"))

    page = response.content.decode()
    assert "Mine in draft" in page
    assert "Mine in review" in page
    assert "Someone else's in review" not in page
    assert "Author profile changes to approve" not in page
