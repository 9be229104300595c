"""Who hears about a workflow step, on the dashboard and by email.

A story's *writers* are the people on its bylines who have an account, and whoever
created it: a correspondent who filed it without a byline still hears what became of
it, and a co-author hears too. They are told when it is returned to them (with the
editor's note), published or scheduled. The *editors* (everyone in the Editor group)
are told when a story is submitted for review. Nobody is told of their own step, and
inactive accounts are left out.

The rows are written in the workflow's transaction, so a step that fails tells no one.
Emails leave only after that transaction commits, and a mail server that is down or
refuses a message is logged: the step has happened and stays done.
"""

import logging
import smtplib
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import (
    Notification,
    NotificationKind,
    WorkflowEvent,
    format_publication_time,
)
from articles.roles import EDITOR

logger = logging.getLogger(__name__)

DASHBOARD_SIZE = 5


def recipients(event: WorkflowEvent, kind: str):
    """The active users to tell about `event`, never the person who took the step."""
    users = get_user_model().objects.filter(is_active=True)
    if kind == NotificationKind.SUBMITTED:
        users = users.filter(groups__name=EDITOR)
    else:
        article = event.article
        users = users.filter(
            Q(pk=article.created_by_id) | Q(author__bylines__article=article)
        )
    if event.actor_id is not None:
        users = users.exclude(pk=event.actor_id)
    return users.distinct().order_by("pk")


def announce(event: WorkflowEvent, *, kind: str) -> list[Notification]:
    """Record a notification for each recipient of `event`; email them after the commit."""
    notes = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            article=event.article,
            kind=kind,
            note=event.note,
            actor=event.actor,
            published_at=event.published_at,
            created_at=event.at,
        )
        for user in recipients(event, kind)
    )
    if notes:
        ids = [note.pk for note in notes]
        transaction.on_commit(lambda: send_emails(ids), robust=True)
    return notes


def unread(user, *, now: datetime | None = None) -> list[Notification]:
    """The newest notifications `user` has not dismissed, from the last two weeks, in one query."""
    since = (now or timezone.now()) - Notification.SHOWN_FOR
    return list(
        Notification.objects.filter(
            recipient=user,
            read_at__isnull=True,
            created_at__gt=since,
            article__trashed_at__isnull=True,
        )
        .select_related("article", "actor")
        .order_by("-created_at", "-pk")[:DASHBOARD_SIZE]
    )


def dismiss(user, notification_id: int | None = None) -> int:
    """Mark one of `user`'s notifications read, or all of them; returns how many changed."""
    mine = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        mine = mine.filter(pk=notification_id)
    return mine.update(read_at=timezone.now())


# Email ---------------------------------------------------------------------------------


def person(user) -> str:
    if user is None:
        return _("someone (deleted account)")
    return user.get_full_name() or user.get_username()


def headline_of(notification: Notification) -> str:
    return notification.article.headline or _("(no headline)")


def subject(notification: Notification) -> str:
    """One line saying what happened to which story."""
    headline = headline_of(notification)
    if notification.kind == NotificationKind.SUBMITTED:
        return _("Submitted for review: %(headline)s") % {"headline": headline}
    if notification.kind == NotificationKind.RETURNED:
        return _("Returned to you: %(headline)s") % {"headline": headline}
    if notification.kind == NotificationKind.SCHEDULED:
        return _("Scheduled for %(when)s: %(headline)s") % {
            "when": format_publication_time(notification.published_at),
            "headline": headline,
        }
    return _("Published: %(headline)s") % {"headline": headline}


def message(notification: Notification) -> EmailMessage:
    path = reverse("admin:articles_article_change", args=[notification.article_id])
    body = render_to_string(
        "articles/notification_email.txt",
        {
            "notification": notification,
            "kinds": NotificationKind,
            "recipient": person(notification.recipient),
            "actor": person(notification.actor),
            "headline": headline_of(notification),
            "when": format_publication_time(notification.published_at)
            if notification.published_at
            else "",
            "url": f"{settings.SITE_URL}{path}",
        },
    )
    return EmailMessage(
        subject=subject(notification),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )


def send_emails(ids: list[int]) -> int:
    """Send one email per notification whose recipient has an address; returns how many left.

    Each message is sent on its own: a refused address does not stop the others, and
    nothing here raises, because the step it reports has already happened.
    """
    notes = (
        Notification.objects.filter(pk__in=ids)
        .exclude(recipient__email="")
        .select_related("recipient", "actor", "article")
        .order_by("pk")
    )
    sent = 0
    try:
        with get_connection() as connection:
            for notification in notes:
                try:
                    sent += connection.send_messages([message(notification)]) or 0
                except (smtplib.SMTPException, OSError):
                    logger.exception(
                        "Could not email notification %s to %s",
                        notification.pk,
                        notification.recipient.email,
                    )
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not reach the mail server for notifications %s", ids)
    return sent
