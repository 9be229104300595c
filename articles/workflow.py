"""The editorial workflow: the only code that changes an article's status.

    draft ──submit──▶ in review ──publish / schedule──▶ published ──unpublish──▶ unpublished
      ▲ ◀──withdraw──────┤                                  │ (scheduled while its
      └──────return──────┴──────────────────────────────────┘  time is in the future)

An article is *scheduled* when its status is published and `published_at` lies in the
future; `Article.objects.published()` then keeps it hidden until that moment, so nothing
has to run at 09:00 for a 09:00 story to appear. Every transition checks the user's
permission, locks the row, and records a `WorkflowEvent` in the same transaction, with
the notifications it owes the writers or the editors (`articles.notifications`); their
emails leave only once that transaction has committed.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import notifications, roles
from articles.models import (
    Article,
    ArticleStatus,
    NotificationKind,
    PhotoBlock,
    WorkflowEvent,
    format_publication_time,
)


class WorkflowError(Exception):
    """A transition that cannot happen; `problems` lists every reason in plain words."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    permission: str | None  # None: whoever works on the article (see works_on)


SUBMIT = Action("submit", gettext_lazy("Submit for review"), None)
# The writer takes a submitted story back before an editor has acted on it.
WITHDRAW = Action("withdraw", gettext_lazy("Withdraw to draft"), None)
RETURN = Action("return", gettext_lazy("Return to writer"), "articles.return_article")
PUBLISH = Action("publish", gettext_lazy("Publish now"), "articles.publish_article")
SCHEDULE = Action("schedule", gettext_lazy("Schedule"), "articles.publish_article")
UNPUBLISH = Action("unpublish", gettext_lazy("Unpublish"), "articles.unpublish_article")
# Steps someone else needs to hear about: the editors of a submission, the writer of the rest.
NOTICES = {
    SUBMIT: NotificationKind.SUBMITTED,
    RETURN: NotificationKind.RETURNED,
    PUBLISH: NotificationKind.PUBLISHED,
    SCHEDULE: NotificationKind.SCHEDULED,
}
ACTIONS = {
    action.name: action
    for action in (SUBMIT, WITHDRAW, RETURN, PUBLISH, SCHEDULE, UNPUBLISH)
}


# Who may see and edit what (the seeing is decided in articles.roles) -------------------


def works_on(user, article: Article) -> bool:
    """Editors work on every article; a correspondent on those they created or are a byline on."""
    return user.has_perm("articles.change_article") and roles.works_on(user, article)


def can_edit(user, article: Article) -> bool:
    """Editors edit any article; a correspondent edits their own, and only while it is a draft."""
    if not works_on(user, article):
        return False
    return roles.sees_every_article(user) or article.status == ArticleStatus.DRAFT


def status_label(article: Article) -> str:
    """The status as the desk says it: "Scheduled for 26 Nov 2025, 09:00" rather than "Published"."""
    if article.is_scheduled:
        return _("Scheduled for %(when)s") % {
            "when": format_publication_time(article.published_at)
        }
    return article.get_status_display()


def in_sentence(label: str) -> str:
    """A status label inside a sentence: only its first letter is lowered, so that
    "Scheduled for 26 Nov 2025, 09:00" reads "… is now scheduled for 26 Nov 2025, 09:00"."""
    return label[:1].lower() + label[1:]


def available_actions(user, article: Article) -> list[Action]:
    """The transitions this user may try on this article now, for buttons and menus."""
    return [
        action
        for action in ACTIONS.values()
        if _source_allowed(action, article) and _permitted(user, action, article)
    ]


def _permitted(user, action: Action, article: Article) -> bool:
    if action.permission is None:
        return works_on(user, article)
    return user.has_perm(action.permission)


def _source_allowed(action: Action, article: Article) -> bool:
    status = article.status
    if action is SUBMIT:
        return status == ArticleStatus.DRAFT
    if action is WITHDRAW:
        return status == ArticleStatus.IN_REVIEW
    if action is RETURN:
        return status in (ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED) or (
            article.is_scheduled
        )
    if action in (PUBLISH, SCHEDULE):
        # A live article is already out; it is unpublished first, not rescheduled.
        return not article.is_published
    if action is UNPUBLISH:
        return status == ArticleStatus.PUBLISHED
    return False


# Publish checks ---------------------------------------------------------------------


def publish_problems(article: Article) -> list[str]:
    """Everything that keeps an article from going out, in plain words; empty when it may."""
    blocks = PhotoBlock.objects.filter(parent=article).select_related("photo")
    return problems_before_publishing(
        article,
        has_byline=article.bylines.exists(),
        body_photos=[
            (block.photo, block.credit) for block in blocks.order_by("ordering", "pk")
        ],
    )


def problems_before_publishing(
    article: Article, *, has_byline: bool, body_photos: list
) -> list[str]:
    """The publish checks on what is in hand: `body_photos` are the body's (photo, credit
    override) pairs in reading order. An importer that has just built the article asks
    this directly instead of reading back what it wrote."""
    problems = []
    if not article.headline.strip():
        problems.append(_("The headline is missing."))
    if not article.dek.strip():
        problems.append(_("The dek (the sentence under the headline) is missing."))
    if article.section_id is None:
        problems.append(_("No section is chosen."))
    if not has_byline:
        problems.append(_("There is no byline: add at least one author."))

    photos = []
    if article.hero_id is not None:
        photos.append((_("The hero photo"), article.hero, article.hero_credit))
    for number, (photo, credit) in enumerate(body_photos, start=1):
        name = _("Photo %(number)s in the body") % {"number": number}
        photos.append((name, photo, credit))
    for name, photo, credit_override in photos:
        described = f"{name} (“{str(photo)[:60]}”)"
        if not (credit_override.strip() or photo.credit.strip()):
            problems.append(
                _("%(photo)s has no credit; add one in the photo library.")
                % {"photo": described}
            )
        if photo.needs_alt_text:
            problems.append(
                _(
                    "%(photo)s has no alt text; describe it in the photo library "
                    "or mark it decorative."
                )
                % {"photo": described}
            )
    return problems


# Transitions ------------------------------------------------------------------------


# `notify=False` (imports, the demo desk) moves stories without telling anyone.


def submit_for_review(
    *, article: Article, user, note: str = "", notify: bool = True
) -> WorkflowEvent:
    """A draft goes to the editors, who are told."""
    return _transition(
        article=article, user=user, action=SUBMIT, note=note, notify=notify
    )


def withdraw(*, article: Article, user, note: str = "") -> WorkflowEvent:
    """A story in review goes back to draft at its writer's wish, to be changed and sent again."""
    return _transition(article=article, user=user, action=WITHDRAW, note=note)


def return_to_writer(
    *, article: Article, user, note: str, notify: bool = True
) -> WorkflowEvent:
    """Back to draft with a note that says what to change; a scheduled article loses its time."""
    if not note.strip():
        raise WorkflowError([_("Write a note telling the writer what to change.")])
    return _transition(
        article=article, user=user, action=RETURN, note=note, notify=notify
    )


def publish(
    *, article: Article, user, note: str = "", notify: bool = True
) -> WorkflowEvent:
    """Out now; an article that was live before keeps its first publication time (and URL)."""
    return _transition(
        article=article, user=user, action=PUBLISH, note=note, notify=notify
    )


def schedule(
    *, article: Article, user, at: datetime, note: str = "", notify: bool = True
) -> WorkflowEvent:
    """Published from `at` on; until then every public surface leaves it out."""
    return _transition(
        article=article, user=user, action=SCHEDULE, note=note, at=at, notify=notify
    )


def unpublish(*, article: Article, user, note: str = "") -> WorkflowEvent:
    """Off every public surface, live or scheduled."""
    return _transition(article=article, user=user, action=UNPUBLISH, note=note)


def perform(
    name: str, *, article: Article, user, note: str = "", at: datetime | None = None
) -> WorkflowEvent:
    """Run the transition called `name` (as in ACTIONS), for admin views and list actions."""
    if name == SCHEDULE.name:
        if at is None:
            raise WorkflowError([_("Choose the date and time to publish at.")])
        return schedule(article=article, user=user, at=at, note=note)
    if name == RETURN.name:
        return return_to_writer(article=article, user=user, note=note)
    if name == SUBMIT.name:
        return submit_for_review(article=article, user=user, note=note)
    if name == WITHDRAW.name:
        return withdraw(article=article, user=user, note=note)
    if name == PUBLISH.name:
        return publish(article=article, user=user, note=note)
    if name == UNPUBLISH.name:
        return unpublish(article=article, user=user, note=note)
    raise WorkflowError([_("There is no such step in the workflow.")])


def _transition(
    *,
    article: Article,
    user,
    action: Action,
    note: str,
    at: datetime | None = None,
    notify: bool = True,
) -> WorkflowEvent:
    now = timezone.now()
    with transaction.atomic():
        # Lock the row: two editors pressing "Publish" at once must not both succeed.
        current = Article.objects.select_for_update().get(pk=article.pk)
        if not _permitted(user, action, current):
            raise PermissionDenied(
                _("You are not allowed to use “%(action)s” on this article.")
                % {"action": action.label}
            )
        if not _source_allowed(action, current):
            raise WorkflowError(
                [
                    _("“%(action)s” is not possible while the article is %(status)s.")
                    % {
                        "action": action.label,
                        "status": in_sentence(status_label(current)),
                    }
                ]
            )
        to_status, published_at = _destination(action, current, now=now, at=at)
        if to_status == ArticleStatus.PUBLISHED:
            problems = publish_problems(current)
            if problems:
                raise WorkflowError(problems)
        from_status = current.status
        current.status = to_status
        current.published_at = published_at
        current.save(update_fields=["status", "published_at", "updated_at"])
        event = WorkflowEvent.objects.create(
            article=current,
            actor=user,
            from_status=from_status,
            to_status=to_status,
            published_at=published_at,
            note=note.strip(),
            at=now,
        )
        if notify and action in NOTICES:
            notifications.announce(event, kind=NOTICES[action])
    # The caller's instance reflects the new state too.
    article.status = current.status
    article.published_at = current.published_at
    article.updated_at = current.updated_at
    return event


def _destination(
    action: Action, article: Article, *, now: datetime, at: datetime | None
) -> tuple[str, datetime | None]:
    if action is SUBMIT:
        return ArticleStatus.IN_REVIEW, article.published_at
    if action is WITHDRAW:
        return ArticleStatus.DRAFT, article.published_at
    if action is RETURN:
        # A scheduled time never reached is dropped; a real first publication time is kept.
        kept = article.published_at
        if kept is not None and kept > now:
            kept = None
        return ArticleStatus.DRAFT, kept
    if action is PUBLISH:
        first = article.published_at
        return ArticleStatus.PUBLISHED, first if first and first <= now else now
    if action is SCHEDULE:
        if at is None or at <= now:
            raise WorkflowError(
                [_("Choose a publication time in the future to schedule the article.")]
            )
        return ArticleStatus.PUBLISHED, at
    if action is UNPUBLISH:
        return ArticleStatus.UNPUBLISHED, article.published_at
    raise WorkflowError([_("There is no such step in the workflow.")])
