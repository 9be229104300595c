"""Issue 14, point 3: "Submit for review" saves and submits in one action; writers withdraw."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from articles.models import Article, ArticleStatus, WorkflowEvent
from tests.articles.admin_change_form import change_url, form_data, transition_url
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.factories import make_draft, make_section

pytestmark = pytest.mark.django_db


def test_submit_saves_the_typed_edits_and_moves_the_draft_to_review(
    correspondent_client, correspondent
):
    """One POST: the new headline is saved, the story is in review, the note is recorded."""
    draft = make_draft(created_by=correspondent, headline="Old headline")
    data = change_form_data(correspondent_client, draft)

    response = post_change_form(
        correspondent_client,
        draft,
        data,
        headline="Generators for Kyiv before the winter",
        workflow_action="submit",
        note="Ready when you are.",
    )

    assert response.status_code == 302
    assert response.url == change_url(draft)
    draft.refresh_from_db()
    assert draft.headline == "Generators for Kyiv before the winter"
    assert draft.status == ArticleStatus.IN_REVIEW
    event = WorkflowEvent.objects.get(article=draft)
    assert (event.actor, event.to_status, event.note) == (
        correspondent,
        ArticleStatus.IN_REVIEW,
        "Ready when you are.",
    )
    page = correspondent_client.get(response.url)
    assertContains(page, "Your edits are saved and")
    assertContains(page, "is now in review")


def test_an_invalid_form_moves_nothing_and_keeps_what_was_typed(
    correspondent_client, correspondent
):
    """A missing headline: the form comes back with the error and the typed dek; still a draft."""
    draft = make_draft(created_by=correspondent, headline="Old headline")
    data = change_form_data(correspondent_client, draft)

    response = post_change_form(
        correspondent_client,
        draft,
        data,
        headline="",
        dek="A dek typed just now.",
        workflow_action="submit",
        note="A note typed for the editors.",
    )

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "A dek typed just now.")
    assertContains(response, "A note typed for the editors.")
    draft.refresh_from_db()
    assert (draft.status, draft.headline) == (ArticleStatus.DRAFT, "Old headline")
    assert not WorkflowEvent.objects.exists()


def test_a_new_story_is_created_and_submitted_in_one_post(
    correspondent_client, correspondent
):
    """From the empty add form straight to review, with the note to the editors."""
    add_url = reverse("admin:articles_article_add")
    data = form_data(correspondent_client.get(add_url))
    section = make_section(name="Politics & Security")
    data.update(
        headline="Japan pledges generators to Ukraine",
        slug="japan-pledges-generators",
        dek="The foreign minister announced the aid in Kyiv.",
        section=section.pk,
        workflow_action="submit",
        note="First filing.",
    )

    response = correspondent_client.post(add_url, data)

    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == change_url(article)
    assert (article.status, article.created_by) == (
        ArticleStatus.IN_REVIEW,
        correspondent,
    )
    assert article.workflow_events.get().note == "First filing."


def test_the_change_form_offers_submit_beside_the_save_buttons(
    correspondent_client, correspondent
):
    """A draft's form carries "Submit for review" in the status box and in the save row."""
    draft = make_draft(created_by=correspondent)

    response = correspondent_client.get(change_url(draft))

    page = response.content.decode()
    assert page.count('name="workflow_action" value="submit"') == 2
    assert 'form="article_form" name="workflow_action" value="submit"' in page


def test_a_story_in_review_offers_no_submit_button(correspondent_client, correspondent):
    """Once submitted, the correspondent's page offers "Withdraw to draft" instead."""
    story = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)

    response = correspondent_client.get(change_url(story))

    assertContains(response, 'value="submit"', count=0)
    assertContains(response, "Withdraw to draft")


def test_submitting_a_story_already_in_review_saves_nothing_for_a_correspondent(
    correspondent_client, correspondent
):
    """A correspondent may not change a submitted story, so the POST is refused whole."""
    story = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)

    response = correspondent_client.post(
        change_url(story), {"headline": "Sneaked in", "workflow_action": "submit"}
    )

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline != "Sneaked in"
    assert not WorkflowEvent.objects.exists()


def test_an_editor_saving_a_story_in_review_with_submit_is_told_it_did_not_move(
    editor_client,
):
    """The edits are kept; the message says the story was not moved, and why."""
    story = make_draft(status=ArticleStatus.IN_REVIEW, headline="Old")
    data = form_data(editor_client.get(change_url(story)))
    data.update(headline="Sharper headline", workflow_action="submit")

    response = editor_client.post(change_url(story), data, follow=True)

    story.refresh_from_db()
    assert story.headline == "Sharper headline"
    assertContains(response, "are saved, but it was not moved")
    assertContains(response, "is not possible while the article is in review")


def test_a_correspondent_withdraws_their_submitted_story(
    correspondent_client, correspondent
):
    """Back to draft, recorded with who and the note, and theirs to edit again."""
    story = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)

    response = correspondent_client.post(
        transition_url(story, "withdraw"), {"note": "One more quote coming."}
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == ArticleStatus.DRAFT
    event = story.workflow_events.get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        correspondent,
        ArticleStatus.IN_REVIEW,
        ArticleStatus.DRAFT,
        "One more quote coming.",
    )
    page = correspondent_client.get(change_url(story))
    assertContains(page, "is now draft")
    assertContains(page, 'name="_save"')


def test_a_correspondent_cannot_withdraw_someone_elses_story(correspondent_client):
    """Not theirs: 404, exactly as if it did not exist, and nothing moves."""
    story = make_draft(status=ArticleStatus.IN_REVIEW)

    response = correspondent_client.post(transition_url(story, "withdraw"))

    assert response.status_code == 404
    story.refresh_from_db()
    assert story.status == ArticleStatus.IN_REVIEW


def test_withdrawing_a_draft_is_refused_with_a_reason(editor_client):
    """Withdraw is only for stories in review; a draft stays as it is."""
    story = make_draft()

    response = editor_client.post(transition_url(story, "withdraw"), follow=True)

    assertContains(response, "“Withdraw to draft” is not possible while the article")
    story.refresh_from_db()
    assert story.status == ArticleStatus.DRAFT
