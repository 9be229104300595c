"""The editor corrects a proposed bio before approving it, and reads its diff by
paragraph (issue 14, point 15)."""

import pytest
from django.urls import reverse

from authors.models import AuthorProfileChange, ProfileChangeStatus
from tests.authors.profile_forms import MY_PROFILE, change_admin_url, profile_post

pytestmark = pytest.mark.django_db

TWO_PARAGRAPHS = (
    "<p>Kenji Ono covers diplomacy from Tokyo.</p><p>Before that he was in Seoul.</p>"
)


def propose(client, **fields):
    client.post(reverse(MY_PROFILE), profile_post(**fields))
    return AuthorProfileChange.objects.get(status=ProfileChangeStatus.PENDING)


def test_the_review_page_offers_the_proposed_bios_to_correct(
    correspondent_client, reviewer_client, author
):
    """Both bios come prefilled with the proposal, in boxes the editor can change."""
    change = propose(correspondent_client)

    response = reviewer_client.get(change_admin_url(change))

    form = response.context["adminform"].form
    assert form["short_bio"].value() == "Covers Japan's diplomacy and defence."
    assert form["bio"].value() == (
        "<p>Kenji Ono covers diplomacy and defence from Tokyo.</p>"
    )
    assert 'name="short_bio"' in response.content.decode()


def test_the_editors_corrections_are_what_goes_live(
    correspondent_client, reviewer_client, reader_client, author
):
    """Approving publishes the edited bios, sanitised, and the change keeps that version."""
    change = propose(correspondent_client)

    response = reviewer_client.post(
        change_admin_url(change),
        {
            "short_bio": "  Covers Japan's diplomacy and defence policy. ",
            "bio": "<p>Kenji Ono covers defence from Tokyo.</p><script>x()</script>",
            "review_note": "Tightened the bio.",
            "_approve": "Approve",
        },
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.short_bio == "Covers Japan's diplomacy and defence policy."
    assert author.bio == "<p>Kenji Ono covers defence from Tokyo.</p>"
    change.refresh_from_db()
    assert change.status == ProfileChangeStatus.APPROVED
    assert change.data["bio"] == author.bio
    # The rest of the proposal (its links) goes live as proposed.
    assert [link.kind for link in author.links.all()] == ["website", "bluesky"]
    page = reader_client.get(author.get_absolute_url()).content.decode()
    assert "covers defence from Tokyo" in page


def test_a_short_bio_over_the_limit_is_refused_on_the_form(
    correspondent_client, reviewer_client, author
):
    """An edit that would not fit is refused with a message; the proposal still waits."""
    change = propose(correspondent_client)

    response = reviewer_client.post(
        change_admin_url(change),
        {"short_bio": "x" * 601, "bio": "", "_approve": "Approve"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["short_bio"]
    change.refresh_from_db()
    assert change.status == ProfileChangeStatus.PENDING


def test_rejecting_ignores_the_boxes(correspondent_client, reviewer_client, author):
    """A rejection changes nothing public, whatever the boxes hold."""
    change = propose(correspondent_client)

    reviewer_client.post(
        change_admin_url(change),
        {
            "short_bio": "Rewritten.",
            "bio": "",
            "review_note": "Keep to your beat.",
            "_reject": "Reject",
        },
    )

    author.refresh_from_db()
    assert author.short_bio == "Covers Japan's diplomacy."
    change.refresh_from_db()
    assert change.data["short_bio"] == "Covers Japan's diplomacy and defence."


def test_a_reviewed_change_shows_no_boxes(
    correspondent_client, reviewer_client, author
):
    """Once approved, the page is read-only: the diff, without boxes to edit."""
    change = propose(correspondent_client)
    reviewer_client.post(change_admin_url(change), {"_approve": "Approve"})

    response = reviewer_client.get(change_admin_url(change))

    assert response.status_code == 200
    assert 'name="short_bio"' not in response.content.decode()


def test_the_diff_keeps_paragraph_breaks(correspondent_client, reviewer_client, author):
    """A paragraph added to the bio shows as its own paragraph, not run into the last."""
    change = propose(correspondent_client, bio=TWO_PARAGRAPHS)

    page = reviewer_client.get(change_admin_url(change)).content.decode()

    assert (
        "Kenji Ono covers diplomacy from Tokyo.<br><br>"
        "<ins>Before that he was in Seoul.</ins>"
    ) in page


def test_joining_two_paragraphs_reads_as_formatting_only(
    correspondent_client, reviewer_client, author
):
    """Only the breaks changed: the same words, marked as a formatting change."""
    author.bio = TWO_PARAGRAPHS
    author.save()
    change = propose(
        correspondent_client,
        bio="<p>Kenji Ono covers diplomacy from Tokyo. Before that he was in Seoul.</p>",
    )

    page = reviewer_client.get(change_admin_url(change)).content.decode()

    assert "(formatting only)" in page
