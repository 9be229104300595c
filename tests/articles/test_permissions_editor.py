"""What an editor may do in the admin: open, change, publish, schedule, return."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    ArticleStatus,
    format_publication_time,
)
from tests.articles.admin_change_form import (
    change_url,
    headline_after_post,
    transition_url,
)
from tests.factories import make_article, make_draft

pytestmark = pytest.mark.django_db


# Editor ------------------------------------------------------------------------------


def test_editor_opens_and_changes_any_article(editor_client, others_draft):
    """An editor edits anyone's article, in review or not."""
    others_draft.status = ArticleStatus.IN_REVIEW
    others_draft.save()

    response = headline_after_post(editor_client, others_draft, "Edited on the desk")

    assert response.status_code == 302
    others_draft.refresh_from_db()
    assert others_draft.headline == "Edited on the desk"


def test_a_draft_offers_no_view_on_site_button(editor_client):
    """A draft has no public address, so its change page has no "View on site"."""
    draft = make_draft()

    response = editor_client.get(change_url(draft))

    assert response.status_code == 200
    assert 'class="viewsitelink"' not in response.content.decode()


def test_editor_publishes_from_the_change_form(editor_client):
    """The "Publish now" button publishes and says so."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    response = editor_client.post(transition_url(article, "publish"), follow=True)

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert "is now published" in response.content.decode()


def test_editor_schedules_from_the_change_form(editor_client):
    """The "Schedule" button with a time in the newsroom's zone schedules the article."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)
    at = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)

    response = editor_client.post(
        transition_url(article, "schedule"),
        {"publish_at": at.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )

    article.refresh_from_db()
    assert (article.status, article.published_at) == (ArticleStatus.PUBLISHED, at)
    assert "Scheduled for" in response.content.decode()


def test_the_schedule_message_keeps_the_month_capitalised(editor_client):
    """The confirmation reads "is now scheduled for 26 Nov 2025, 09:00", not "26 nov"."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)
    at = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)

    response = editor_client.post(
        transition_url(article, "schedule"),
        {"publish_at": at.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )

    message = str(next(iter(response.context["messages"])))
    assert message.endswith(f"is now scheduled for {format_publication_time(at)}.")


def test_editor_returns_an_article_with_a_note(editor_client):
    """The "Return to writer" button sends the article back to draft with the note."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    editor_client.post(
        transition_url(article, "return"), {"note": "Needs a second source."}
    )

    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article.workflow_events.get().note == "Needs a second source."


def test_publish_button_lists_every_problem(editor_client):
    """A refused publish shows each problem in plain words on the form."""
    article = make_draft(status=ArticleStatus.IN_REVIEW, dek="")
    article.bylines.all().delete()

    response = editor_client.post(transition_url(article, "publish"), follow=True)

    page = response.content.decode()
    assert "was not moved" in page
    assert "The dek (the sentence under the headline) is missing." in page
    assert "There is no byline: add at least one author." in page
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_a_transition_button_answers_get_with_405(editor_client):
    """Buttons only POST; a GET moves nothing."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)

    response = editor_client.get(transition_url(article, "publish"))

    assert response.status_code == 405
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_an_unknown_step_answers_404(editor_client):
    """A made-up action name is not found."""
    article = make_draft()

    response = editor_client.post(transition_url(article, "teleport"))

    assert response.status_code == 404


def test_editor_list_action_publishes_ready_articles_and_reports_the_rest(
    editor_client,
):
    """ "Publish selected" publishes those that pass the checks and lists the others' problems."""
    ready = make_draft(status=ArticleStatus.IN_REVIEW)
    lacking = make_draft(status=ArticleStatus.IN_REVIEW, dek="", headline="No dek yet")

    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, lacking.pk]},
        follow=True,
    )

    ready.refresh_from_db()
    lacking.refresh_from_db()
    assert ready.status == ArticleStatus.PUBLISHED
    assert lacking.status == ArticleStatus.IN_REVIEW
    page = response.content.decode()
    assert "“No dek yet” was not moved" in page
    assert "done for 1 article" in page


def test_editor_list_action_unpublishes(editor_client):
    """ "Unpublish selected" takes live articles off the site."""
    article = make_article()

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:sections_section_add",
        "admin:authors_author_add",
        "admin:media_library_photo_add",
        "admin:authors_authorprofilechange_changelist",
    ],
)
def test_editor_manages_sections_authors_and_photos(editor_client, url_name):
    """Sections, authors, photos and the profile-change queue are open to editors."""
    response = editor_client.get(reverse(url_name))

    assert response.status_code == 200


def test_list_and_form_say_scheduled_for_with_the_time(editor_client):
    """A scheduled article reads "Scheduled for <time>" in the list and on its form."""
    at = timezone.now() + timedelta(days=2)
    article = make_draft(status=ArticleStatus.PUBLISHED, published_at=at)
    label = f"Scheduled for {timezone.localtime(at):%-d %b %Y, %H:%M}"

    listing = editor_client.get(reverse("admin:articles_article_changelist"))
    form = editor_client.get(change_url(article))

    assert label in listing.content.decode()
    assert label in form.content.decode()


def test_the_change_form_shows_the_workflow_record(editor_client, editor):
    """Who moved the article, when, from where to where and why, on its admin page."""
    article = make_draft(status=ArticleStatus.IN_REVIEW)
    editor_client.post(transition_url(article, "return"), {"note": "Add the date."})

    response = editor_client.get(change_url(article))

    page = response.content.decode()
    assert "In review → Draft" in page
    assert "Add the date." in page
    assert editor.username in page
