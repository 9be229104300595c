"""Issue 14, point 6: who is told about which workflow step, on the dashboard and by email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles import notifications, workflow
from articles.models import ArticleStatus, Notification, NotificationKind
from articles.roles import CORRESPONDENT, EDITOR
from tests.factories import make_author, make_draft, make_member, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return make_member(CORRESPONDENT, username="kenji", email="kenji@example.org")


@pytest.fixture
def desk():
    return make_member(EDITOR, username="desk", email="desk@example.org")


def story_by(writer, **fields):
    """A story the writer created and carries the byline of."""
    author = getattr(writer, "author", None) or make_author(name="Kenji", user=writer)
    return make_draft(created_by=writer, authors=[author], **fields)


def told(kind=None):
    rows = Notification.objects.order_by("recipient__username")
    if kind is not None:
        rows = rows.filter(kind=kind)
    return [(n.recipient.username, n.kind, n.note) for n in rows]


def test_returning_tells_the_writer_with_the_editors_note(writer, desk):
    """The correspondent gets one notification carrying the note; the editor none."""
    article = story_by(writer, status=ArticleStatus.IN_REVIEW)

    workflow.return_to_writer(
        article=article, user=desk, note="Second source for the budget figure."
    )

    assert told() == [
        ("kenji", NotificationKind.RETURNED, "Second source for the budget figure.")
    ]
    assert Notification.objects.get().actor == desk


def test_byline_writers_and_the_creator_are_all_told_once(desk):
    """Co-authors with accounts and the creator hear; a byline without an account is skipped."""
    creator = make_member(CORRESPONDENT, username="creator")
    coauthor = make_member(CORRESPONDENT, username="coauthor")
    article = make_draft(
        created_by=creator,
        authors=[
            make_author(user=creator),
            make_author(user=coauthor),
            make_author(name="Agency copy"),
        ],
        status=ArticleStatus.IN_REVIEW,
    )

    workflow.publish(article=article, user=desk)

    assert told() == [
        ("coauthor", NotificationKind.PUBLISHED, ""),
        ("creator", NotificationKind.PUBLISHED, ""),
    ]


def test_scheduling_tells_the_writer_the_time(writer, desk):
    """The notification keeps the publication time it was scheduled for."""
    article = story_by(writer, status=ArticleStatus.IN_REVIEW)
    at = timezone.now() + timedelta(days=1)

    workflow.schedule(article=article, user=desk, at=at)

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (
        writer,
        NotificationKind.SCHEDULED,
    )
    assert notification.published_at == at


def test_submitting_tells_every_active_editor_and_nobody_else(writer, desk):
    """Editors hear of a submission; inactive editors and other correspondents do not."""
    make_member(EDITOR, username="night-desk")
    make_member(EDITOR, username="retired", is_active=False)
    make_member(CORRESPONDENT, username="colleague")
    article = story_by(writer)

    workflow.submit_for_review(article=article, user=writer, note="Over to you.")

    assert told() == [
        ("desk", NotificationKind.SUBMITTED, "Over to you."),
        ("night-desk", NotificationKind.SUBMITTED, "Over to you."),
    ]


def test_nobody_is_told_of_their_own_step(desk):
    """An editor who writes and publishes their own story gets nothing."""
    article = make_draft(created_by=desk, status=ArticleStatus.IN_REVIEW)

    workflow.publish(article=article, user=desk)

    assert told() == []


@pytest.mark.parametrize("step", ["withdraw", "unpublish"])
def test_withdrawing_and_unpublishing_tell_no_one(writer, desk, step):
    """Only submissions, returns, publications and schedules are announced."""
    status = ArticleStatus.IN_REVIEW if step == "withdraw" else ArticleStatus.PUBLISHED
    article = story_by(writer, status=status, published_at=timezone.now())

    workflow.perform(step, article=article, user=desk)

    assert told() == []


def test_a_refused_step_tells_no_one(writer, desk):
    """Publishing without a dek fails, and no notification is left behind."""
    article = story_by(writer, status=ArticleStatus.IN_REVIEW, dek="")

    with pytest.raises(workflow.WorkflowError):
        workflow.publish(article=article, user=desk)

    assert told() == []


def test_imports_move_stories_without_telling_anyone(writer, desk):
    """`notify=False` is for bulk moves such as an import."""
    article = story_by(writer)

    workflow.submit_for_review(article=article, user=writer, notify=False)
    workflow.publish(article=article, user=desk, notify=False)

    assert told() == []


def test_the_email_leaves_only_after_the_step_commits(
    writer, desk, django_capture_on_commit_callbacks
):
    """Nothing is sent inside the transaction; one email per recipient after it commits."""
    article = story_by(writer, status=ArticleStatus.IN_REVIEW)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.return_to_writer(article=article, user=desk, note="Check the date.")
    assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["kenji@example.org"]]
    assert mail.outbox[0].subject == f"Returned to you: {article.headline}"
    assert "Check the date." in mail.outbox[0].body


def test_a_recipient_without_an_address_gets_no_email_but_sees_it(
    desk, django_capture_on_commit_callbacks
):
    """No email address: the dashboard still shows it, and no email is attempted."""
    writer = make_member(CORRESPONDENT, username="no-mail", email="")
    article = story_by(writer, status=ArticleStatus.IN_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article=article, user=desk)

    assert mail.outbox == []
    assert [n.article for n in notifications.unread(writer)] == [article]


# The dashboard ----------------------------------------------------------------------


def notices_on(page: str) -> str:
    """The notifications box of a dashboard page."""
    start = page.index('class="desk-notifications"')
    return page[start : page.index("</section>", start)]


def test_the_writer_sees_the_return_at_the_top_of_the_dashboard(client, writer, desk):
    """Above the panels: what happened, to which story, by whom, with the editor's note."""
    article = story_by(
        writer, status=ArticleStatus.IN_REVIEW, headline="Generators for Kyiv"
    )
    workflow.return_to_writer(article=article, user=desk, note="Name the minister.")
    client.force_login(writer)

    page = client.get(reverse("admin:index")).content.decode()

    notice = page.index('class="desk-notifications"')
    assert notice < page.index('class="desk-dashboard"')
    assert "Returned to its writer:" in page
    assert "Generators for Kyiv" in page[notice:]
    assert "Editor's note:" in page and "Name the minister." in page


def test_dismissing_hides_one_notification_and_keeps_the_others(client, writer, desk):
    """After "Dismiss", that notification is gone from the dashboard; the rest stay."""
    first = story_by(writer, status=ArticleStatus.IN_REVIEW, headline="First story")
    second = story_by(writer, status=ArticleStatus.IN_REVIEW, headline="Second story")
    workflow.publish(article=first, user=desk)
    workflow.publish(article=second, user=desk)
    client.force_login(writer)
    dismissed = Notification.objects.get(article=first)

    response = client.post(
        reverse("admin:articles_notification_dismiss"),
        {"notification": dismissed.pk},
        follow=True,
    )

    shown = notices_on(response.content.decode())
    assert "Second story" in shown
    assert "First story" not in shown
    dismissed.refresh_from_db()
    assert dismissed.is_read


def test_dismiss_all_clears_the_users_own_and_nobody_elses(client, writer, desk):
    """Without an id, every one of the user's notifications is dismissed, no one else's."""
    story_for_desk = story_by(writer)
    workflow.submit_for_review(article=story_for_desk, user=writer)
    workflow.publish(article=story_for_desk, user=desk)
    client.force_login(writer)

    client.post(reverse("admin:articles_notification_dismiss"))

    assert notifications.unread(writer) == []
    assert len(notifications.unread(desk)) == 1


def test_dismissing_someone_elses_notification_answers_404(client, writer, desk):
    """Another person's notification looks exactly like one that does not exist."""
    workflow.submit_for_review(article=story_by(writer), user=writer)
    theirs = Notification.objects.get(recipient=desk)
    client.force_login(writer)
    url = reverse("admin:articles_notification_dismiss")

    assert client.post(url, {"notification": theirs.pk}).status_code == 404
    assert client.post(url, {"notification": 987654}).status_code == 404
    assert client.post(url, {"notification": "nonsense"}).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_old_notifications_leave_the_dashboard_after_two_weeks(writer, desk):
    """Unread ones are shown for a bounded time, then only in the full list."""
    article = story_by(writer, status=ArticleStatus.IN_REVIEW)
    workflow.publish(article=article, user=desk)
    later = timezone.now() + Notification.SHOWN_FOR + timedelta(minutes=1)

    assert notifications.unread(writer, now=later) == []
    assert Notification.objects.filter(recipient=writer).count() == 1


def test_the_dashboard_shows_the_newest_five(writer, desk):
    """Many notifications: the dashboard lists the newest few, newest first."""
    articles = [story_by(writer, status=ArticleStatus.IN_REVIEW) for _ in range(7)]
    for article in articles:
        workflow.publish(article=article, user=desk)

    shown = notifications.unread(writer)

    assert [n.article for n in shown] == articles[::-1][: notifications.DASHBOARD_SIZE]


# The admin list ---------------------------------------------------------------------


def test_the_notification_list_holds_only_the_users_own(client, writer, desk):
    """Even a superuser sees only notifications addressed to them."""
    root = make_user(username="root", is_staff=True, is_superuser=True)
    article = story_by(writer, headline="Kenji's story")
    workflow.submit_for_review(article=article, user=writer)
    url = reverse("admin:articles_notification_changelist")

    client.force_login(desk)
    assertContains(client.get(url), "Kenji&#x27;s story")
    client.force_login(root)
    assertNotContains(client.get(url), "Kenji&#x27;s story")
    theirs = Notification.objects.get(recipient=desk)
    detail = reverse("admin:articles_notification_change", args=[theirs.pk])
    assert client.get(detail).status_code == 404
