"""Notification emails cross a real SMTP conversation with a server started in the test (aiosmtpd)."""

import email
import logging
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from articles import workflow
from articles.models import ArticleStatus, Notification
from articles.roles import CORRESPONDENT, EDITOR
from tests.articles.admin_change_form import transition_url
from tests.factories import make_author, make_draft, make_member

pytestmark = pytest.mark.django_db


class Mailbox:
    """An SMTP handler that keeps what it accepts and refuses the addresses in `refused`."""

    def __init__(self):
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "desk@newsroom.example"


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    use_smtp(settings, controller.port)
    yield box
    controller.stop()


@pytest.fixture
def desk():
    return make_member(EDITOR, username="desk", first_name="Dana", last_name="Desk")


@pytest.fixture
def writers():
    kenji = make_member(CORRESPONDENT, username="kenji", email="kenji@example.org")
    aiko = make_member(CORRESPONDENT, username="aiko", email="aiko@example.org")
    return kenji, aiko


def story(writers, **fields):
    kenji, aiko = writers
    return make_draft(
        created_by=kenji,
        authors=[make_author(user=kenji), make_author(user=aiko)],
        headline="Japan pledges generators to Ukraine",
        **fields,
    )


def test_a_returned_story_is_emailed_to_its_writers_with_the_editors_note(
    mailbox, desk, writers, django_capture_on_commit_callbacks
):
    """Each writer gets one message: the story in the subject, the note and a link in the body."""
    article = story(writers, status=ArticleStatus.IN_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_writer(
            article=article,
            user=desk,
            note="Name the source for the ¥7.95 trillion budget figure.",
        )

    assert sorted(rcpt for rcpts, _ in mailbox.received for rcpt in rcpts) == [
        "aiko@example.org",
        "kenji@example.org",
    ]
    for _, message in mailbox.received:
        assert (
            message["Subject"] == "Returned to you: Japan pledges generators to Ukraine"
        )
        assert message["From"] == "desk@newsroom.example"
        body = message.get_content()
        assert (
            "Dana Desk returned “Japan pledges generators to Ukraine” to you." in body
        )
        assert "The editor's note:" in body
        assert "Name the source for the ¥7.95 trillion budget figure." in body
        assert f"/admin/articles/article/{article.pk}/change/" in body


def test_a_submission_is_emailed_to_every_editor(
    mailbox, writers, django_capture_on_commit_callbacks
):
    """Editors with an address hear of a submission; the writer does not hear of their own."""
    make_member(EDITOR, username="desk", email="desk@example.org")
    make_member(EDITOR, username="night", email="night@example.org")
    article = story(writers)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(article=article, user=writers[0], note="Ready.")

    recipients = sorted(rcpt for rcpts, _ in mailbox.received for rcpt in rcpts)
    assert recipients == ["desk@example.org", "night@example.org"]
    subjects = {message["Subject"] for _, message in mailbox.received}
    assert subjects == {"Submitted for review: Japan pledges generators to Ukraine"}


def test_a_refused_address_does_not_stop_the_others_or_the_step(
    mailbox, desk, writers, django_capture_on_commit_callbacks, caplog
):
    """The server refuses one writer: the other is still emailed, the story is live, it is logged."""
    mailbox.refused.add("aiko@example.org")
    article = story(writers, status=ArticleStatus.IN_REVIEW)

    with (
        caplog.at_level(logging.ERROR, logger="articles.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.publish(article=article, user=desk)

    assert [rcpts for rcpts, _ in mailbox.received] == [["kenji@example.org"]]
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert "aiko@example.org" in caplog.text


def test_a_mail_server_that_is_down_never_breaks_the_button(
    settings, client, desk, writers, django_capture_on_commit_callbacks, caplog
):
    """Nothing listens on the SMTP port: the editor's "Return" still works and says so."""
    use_smtp(settings, free_port())
    article = story(writers, status=ArticleStatus.IN_REVIEW)
    client.force_login(desk)

    with (
        caplog.at_level(logging.ERROR, logger="articles.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            transition_url(article, "return"), {"note": "Add the date."}
        )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert Notification.objects.filter(article=article).count() == 2
    assert "Could not reach the mail server" in caplog.text
