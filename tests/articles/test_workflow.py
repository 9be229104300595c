from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import workflow
from articles.models import (
    Article,
    ArticleStatus,
    WorkflowEvent,
    format_publication_time,
)
from tests.factories import add_photo_block, make_article, make_draft, make_photo

pytestmark = pytest.mark.django_db


def test_submitting_a_draft_puts_it_in_review_and_records_the_step(correspondent):
    """A correspondent's own draft goes to review; the record names who, from, to and the note."""
    article = make_draft(created_by=correspondent)

    event = workflow.submit_for_review(
        article=article, user=correspondent, note="Ready for a look."
    )

    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        correspondent,
        ArticleStatus.DRAFT,
        ArticleStatus.IN_REVIEW,
        "Ready for a look.",
    )
    assert event.at <= timezone.now()


def test_returning_an_article_puts_it_back_to_draft_with_the_note(editor):
    """An editor returns an article in review to draft; the note is kept on the record."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    event = workflow.return_to_writer(
        article=article, user=editor, note="Second source needed for the budget figure."
    )

    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert event.note == "Second source needed for the budget figure."
    assert (event.from_status, event.to_status) == (
        ArticleStatus.IN_REVIEW,
        ArticleStatus.DRAFT,
    )


def test_returning_without_a_note_is_refused(editor):
    """Returning needs a note: the writer must learn what to change."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.return_to_writer(article=article, user=editor, note="  ")

    assert "note" in error.value.problems[0]
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert not WorkflowEvent.objects.exists()


def test_publishing_now_makes_the_article_live_at_once(editor):
    """Publish now sets the status and the time to now; the article is in published()."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    event = workflow.publish(article=article, user=editor)

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == event.at
    assert list(Article.objects.published()) == [article]
    assert event.to_status_label == "Published"


def test_republishing_keeps_the_first_publication_time(editor):
    """An article unpublished and published again keeps its first time, hence its URL."""
    first = timezone.now() - timedelta(days=3)
    article = make_draft(status=ArticleStatus.UNPUBLISHED, published_at=first)

    workflow.publish(article=article, user=editor)

    article.refresh_from_db()
    assert article.published_at == first


def test_scheduling_sets_a_future_time_and_keeps_the_article_hidden(editor):
    """A scheduled article has status published, a future time, and is not yet in published()."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)
    at = timezone.now() + timedelta(hours=2)

    event = workflow.schedule(article=article, user=editor, at=at)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (ArticleStatus.PUBLISHED, at)
    assert article.is_scheduled
    assert not Article.objects.published().exists()
    assert event.to_status_label.startswith("Scheduled for ")
    assert workflow.status_label(article).startswith("Scheduled for ")


def test_scheduling_in_the_past_is_refused(editor):
    """A schedule time must lie in the future."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.schedule(
            article=article, user=editor, at=timezone.now() - timedelta(minutes=1)
        )

    assert "future" in error.value.problems[0]
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_unpublishing_takes_a_live_article_off_the_site(editor):
    """Unpublish moves a live article to unpublished and out of published()."""
    article = make_article()

    event = workflow.unpublish(article=article, user=editor, note="Legal asked.")

    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED
    assert not Article.objects.published().exists()
    assert (event.from_status, event.to_status, event.note) == (
        ArticleStatus.PUBLISHED,
        ArticleStatus.UNPUBLISHED,
        "Legal asked.",
    )


def test_returning_a_scheduled_article_drops_its_time(editor):
    """A scheduled article sent back to draft no longer waits for its time."""
    article = make_draft(
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=5),
    )

    workflow.return_to_writer(article=article, user=editor, note="Hold it.")

    article.refresh_from_db()
    assert (article.status, article.published_at) == (ArticleStatus.DRAFT, None)


def test_a_live_article_cannot_be_published_again(editor):
    """Publishing a live article is refused in plain words and records nothing."""
    article = make_article()

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.publish(article=article, user=editor)

    assert "not possible while the article is published" in error.value.problems[0]
    assert not WorkflowEvent.objects.exists()


def test_a_refusal_names_the_schedule_with_its_month_capitalised(editor):
    """Submitting a scheduled article is refused with "while the article is scheduled for 26 Nov …"."""
    at = timezone.now() + timedelta(days=1)
    article = make_article(published_at=at)

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.submit_for_review(article=article, user=editor)

    expected = f"while the article is scheduled for {format_publication_time(at)}."
    assert error.value.problems[0].endswith(expected)


def test_submitting_twice_is_refused(correspondent):
    """Only a draft can be submitted."""
    article = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)

    with pytest.raises(workflow.WorkflowError):
        workflow.submit_for_review(article=article, user=correspondent)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish", ArticleStatus.IN_REVIEW),
        ("schedule", ArticleStatus.IN_REVIEW),
        ("return", ArticleStatus.IN_REVIEW),
        ("unpublish", ArticleStatus.PUBLISHED),
    ],
)
def test_a_correspondent_cannot_take_editors_steps(correspondent, action, status):
    """Publish, schedule, return and unpublish are refused to a correspondent, even on their own article."""
    article = make_draft(
        created_by=correspondent,
        status=status,
        published_at=timezone.now() - timedelta(hours=1)
        if status == ArticleStatus.PUBLISHED
        else None,
    )
    before = (article.status, article.published_at)

    with pytest.raises(PermissionDenied):
        workflow.perform(
            action,
            article=article,
            user=correspondent,
            note="Going ahead.",
            at=timezone.now() + timedelta(hours=1),
        )

    article.refresh_from_db()
    assert (article.status, article.published_at) == before
    assert not WorkflowEvent.objects.exists()


def test_a_correspondent_cannot_submit_someone_elses_draft(correspondent):
    """Another writer's draft is not the correspondent's to move."""
    article = make_draft()

    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(article=article, user=correspondent)

    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_a_failed_transition_leaves_no_record_and_no_change(editor):
    """A refused publish changes nothing: the transaction holds status and record together."""
    article = make_draft(status=ArticleStatus.IN_REVIEW, dek="")

    with pytest.raises(workflow.WorkflowError):
        workflow.publish(article=article, user=editor)

    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert not WorkflowEvent.objects.exists()


def test_each_transition_adds_one_record_in_order(editor, correspondent):
    """A full round trip leaves one record per step, newest first."""
    article = make_draft(created_by=correspondent)
    workflow.submit_for_review(article=article, user=correspondent)
    workflow.return_to_writer(article=article, user=editor, note="Tighten the top.")
    workflow.submit_for_review(article=article, user=correspondent)
    workflow.publish(article=article, user=editor)
    workflow.unpublish(article=article, user=editor)

    steps = [
        (e.from_status, e.to_status) for e in article.workflow_events.order_by("pk")
    ]

    assert steps == [
        ("draft", "in_review"),
        ("in_review", "draft"),
        ("draft", "in_review"),
        ("in_review", "published"),
        ("published", "unpublished"),
    ]


# Publish checks ---------------------------------------------------------------------


def test_publish_checks_list_every_missing_part_at_once(editor):
    """Without headline, dek and byline, all three problems are reported together."""
    article = make_draft(status=ArticleStatus.IN_REVIEW, headline=" ", dek="")
    article.bylines.all().delete()

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.publish(article=article, user=editor)

    problems = error.value.problems
    assert len(problems) == 3
    assert any("headline is missing" in p for p in problems)
    assert any("dek" in p for p in problems)
    assert any("byline" in p for p in problems)


def test_scheduling_runs_the_same_checks(editor):
    """Scheduling an article without a dek is refused like publishing it."""
    article = make_draft(status=ArticleStatus.IN_REVIEW, dek="")

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.schedule(
            article=article, user=editor, at=timezone.now() + timedelta(hours=1)
        )

    assert error.value.problems == [
        "The dek (the sentence under the headline) is missing."
    ]


def test_a_hero_photo_without_credit_blocks_publication(editor):
    """A hero with no credit in the library and no override is reported."""
    article = make_draft(hero=make_photo(credit=""))

    problems = workflow.publish_problems(article)

    assert len(problems) == 1
    assert problems[0].startswith("The hero photo")
    assert "no credit" in problems[0]


def test_a_credit_override_satisfies_the_check(editor):
    """A per-article credit counts as the photo's credit."""
    article = make_draft(hero=make_photo(credit=""), hero_credit="Pool photo")

    assert workflow.publish_problems(article) == []


def test_an_inline_photo_without_credit_or_alt_text_is_reported(editor):
    """A body photo lacking credit and real alt text yields two problems naming it."""
    article = make_draft()
    add_photo_block(article, make_photo(credit="", alt_text="   "))

    problems = workflow.publish_problems(article)

    assert len(problems) == 2
    assert all(p.startswith("Photo 1 in the body") for p in problems)
    assert "no credit" in problems[0]
    assert "no alt text" in problems[1]


def test_every_photo_in_the_story_without_alt_text_is_named(editor):
    """Hero and body photos lacking alt text each get their own problem, by place and caption."""
    article = make_draft(
        hero=make_photo(alt_text="", caption="Harbour at dawn, Manila, May 2, 2025.")
    )
    add_photo_block(article, make_photo(alt_text="A described picture."))
    add_photo_block(article, make_photo(alt_text="", caption="Cutter on patrol."))

    problems = workflow.publish_problems(article)

    assert problems == [
        "The hero photo (“Harbour at dawn, Manila, May 2, 2025.”) has no alt text; "
        "describe it in the photo library or mark it decorative.",
        "Photo 2 in the body (“Cutter on patrol.”) has no alt text; "
        "describe it in the photo library or mark it decorative.",
    ]


def test_a_decorative_photo_needs_no_alt_text(editor):
    """A photo marked decorative passes without alt text."""
    article = make_draft()
    add_photo_block(article, make_photo(alt_text="", is_decorative=True))

    assert workflow.publish_problems(article) == []


def test_a_complete_article_has_no_problems():
    """Headline, dek, section, byline and described, credited photos: ready to go."""
    article = make_draft(hero=make_photo())
    add_photo_block(article)

    assert workflow.publish_problems(article) == []


def test_available_actions_follow_role_and_status(editor, correspondent):
    """A correspondent submits their draft and may withdraw it; an editor sees the desk's steps."""
    draft = make_draft(created_by=correspondent)

    assert [a.name for a in workflow.available_actions(correspondent, draft)] == [
        "submit"
    ]
    assert [a.name for a in workflow.available_actions(editor, draft)] == [
        "submit",
        "publish",
        "schedule",
    ]
    in_review = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)
    assert [a.name for a in workflow.available_actions(correspondent, in_review)] == [
        "withdraw"
    ]
    assert [a.name for a in workflow.available_actions(editor, in_review)] == [
        "withdraw",
        "return",
        "publish",
        "schedule",
    ]


def test_a_correspondent_withdraws_their_own_story_from_review(correspondent):
    """Back to draft, recorded like every step, with its time kept as it was."""
    article = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)

    event = workflow.withdraw(article=article, user=correspondent, note="Not yet.")

    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        correspondent,
        ArticleStatus.IN_REVIEW,
        ArticleStatus.DRAFT,
        "Not yet.",
    )


def test_an_editor_may_withdraw_a_story_too(editor):
    """Editors work on every story, so they may take one back to draft."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    workflow.perform("withdraw", article=article, user=editor)

    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_a_correspondent_cannot_withdraw_someone_elses_story(correspondent):
    """Same role check as submitting: only a story they work on."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        workflow.withdraw(article=article, user=correspondent)

    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert not WorkflowEvent.objects.exists()


@pytest.mark.parametrize(
    "status", [ArticleStatus.DRAFT, ArticleStatus.PUBLISHED, ArticleStatus.UNPUBLISHED]
)
def test_only_a_story_in_review_can_be_withdrawn(editor, status):
    """A draft is already a draft; a live or unpublished story is not withdrawn this way."""
    article = make_draft(status=status, published_at=timezone.now())

    with pytest.raises(workflow.WorkflowError) as error:
        workflow.withdraw(article=article, user=editor)

    assert "Withdraw to draft" in error.value.problems[0]
