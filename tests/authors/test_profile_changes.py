"""Correspondents edit their own bios; the public page changes only once an editor approves."""

import pytest
from django.urls import reverse

from authors.models import AuthorProfileChange, ProfileChangeStatus
from tests.authors.profile_forms import MY_PROFILE, change_admin_url, profile_post

pytestmark = pytest.mark.django_db


def test_my_profile_opens_with_the_live_values(correspondent_client, author):
    """The form starts from the approved profile."""
    response = correspondent_client.get(reverse(MY_PROFILE))

    assert response.status_code == 200
    assert response.context["form"].initial["short_bio"] == "Covers Japan's diplomacy."
    assert response.context["links"].initial == [
        {"kind": "website", "url": "https://example.org/ono"}
    ]


def test_my_profile_labels_the_link_fields_in_words(correspondent_client, author):
    """Each public link row reads "Kind of link" and "Address", capitalised like the admin."""
    response = correspondent_client.get(reverse(MY_PROFILE))

    page = response.content.decode()
    assert 'for="id_links-0-kind">Kind of link:</label>' in page
    assert 'for="id_links-0-url">Address:</label>' in page
    assert 'class="vURLField"' in page


def test_a_correspondents_edit_waits_and_the_public_page_keeps_the_approved_bio(
    correspondent_client, reader_client, author
):
    """Saving stores a pending proposal; the author row and public page stay as approved."""
    response = correspondent_client.post(
        reverse(MY_PROFILE), profile_post(), follow=True
    )

    assert "wait for an editor&#x27;s approval" in response.content.decode()
    change = AuthorProfileChange.objects.get()
    assert change.status == ProfileChangeStatus.PENDING
    assert (
        change.data["bio"]
        == "<p>Kenji Ono covers diplomacy and defence from Tokyo.</p>"
    )
    author.refresh_from_db()
    assert author.bio == "<p>Kenji Ono covers diplomacy from Tokyo.</p>"
    public = reader_client.get(author.get_absolute_url()).content.decode()
    assert "covers diplomacy from Tokyo" in public
    assert "and defence" not in public


def test_reopening_my_profile_shows_the_waiting_proposal(correspondent_client, author):
    """The correspondent keeps working on what they proposed, told that it waits."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())

    response = correspondent_client.get(reverse(MY_PROFILE))

    assert response.context["form"].initial["short_bio"] == (
        "Covers Japan's diplomacy and defence."
    )
    assert "Waiting for approval" in response.content.decode()


def test_further_edits_update_the_one_waiting_proposal(correspondent_client, author):
    """A second save replaces the first proposal rather than queueing another."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    correspondent_client.post(reverse(MY_PROFILE), profile_post(short_bio="Third try."))

    change = AuthorProfileChange.objects.get()
    assert change.data["short_bio"] == "Third try."


def test_going_back_to_the_approved_profile_withdraws_the_proposal(
    correspondent_client, author
):
    """A proposal identical to the live profile is dropped: nothing waits for review."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())

    correspondent_client.post(
        reverse(MY_PROFILE),
        profile_post(
            short_bio=author.short_bio,
            bio=author.bio,
            **{"links-1-url": ""},
        ),
    )

    assert not AuthorProfileChange.objects.exists()


def test_name_slug_and_account_cannot_be_proposed(correspondent_client, author):
    """Fields outside the form are ignored: the proposal holds only bio, short bio, photo and links."""
    correspondent_client.post(
        reverse(MY_PROFILE),
        profile_post(name="Someone Else", slug="someone-else", user="999"),
    )

    change = AuthorProfileChange.objects.get()
    assert set(change.data) == {"short_bio", "bio", "photo", "links"}
    author.refresh_from_db()
    assert (author.name, author.slug) == ("Kenji Ono", author.slug)


def test_the_bio_is_sanitised_when_proposed(correspondent_client, author):
    """Script and disallowed markup never reach the stored proposal."""
    correspondent_client.post(
        reverse(MY_PROFILE),
        profile_post(bio='<p>Hello<script>alert(1)</script> <img src="x"></p>'),
    )

    bio = AuthorProfileChange.objects.get().data["bio"]
    assert "<script" not in bio and "<img" not in bio


def test_an_invalid_link_is_refused_with_a_message(correspondent_client, author):
    """A malformed address is an error on the form, not a 500 and not a proposal."""
    response = correspondent_client.post(
        reverse(MY_PROFILE), profile_post(**{"links-0-url": "not a url"})
    )

    assert response.status_code == 200
    assert response.context["links"].errors[0]["url"]
    assert not AuthorProfileChange.objects.exists()


def test_an_account_without_an_author_profile_is_told_so(editor_client):
    """Without a linked author there is nothing to edit: a 404 page that says why."""
    response = editor_client.get(reverse(MY_PROFILE))

    assert response.status_code == 404
    assert "not linked to an author profile" in response.content.decode()


def test_the_editor_sees_a_readable_diff(correspondent_client, reviewer_client, author):
    """The review page shows removed words struck out and added words marked."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    change = AuthorProfileChange.objects.get()

    response = reviewer_client.get(change_admin_url(change))

    page = response.content.decode()
    assert "<ins>and defence</ins>" in page
    assert "<ins>Bluesky: https://bsky.app/profile/ono.example.org</ins>" in page
    assert "<dt>Full bio</dt>" in page and "<dt>Short bio</dt>" in page


def test_the_review_page_is_titled_for_the_reviewer(
    correspondent_client, reviewer_client, author
):
    """The editor's page reads "Review profile change", not "Change author profile change"."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post(short_bio="New."))

    response = reviewer_client.get(change_admin_url(author.profile_changes.get()))

    assert response.context["title"] == "Review profile change"
    assert "Change author profile change" not in response.content.decode()


def test_approving_puts_the_proposal_live(
    correspondent_client, reviewer_client, reader_client, author, editor
):
    """After approval the author row, links and public page carry the new profile."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    change = AuthorProfileChange.objects.get()

    response = reviewer_client.post(
        change_admin_url(change), {"review_note": "Thanks.", "_approve": "Approve"}
    )

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.reviewed_by) == (ProfileChangeStatus.APPROVED, editor)
    author.refresh_from_db()
    assert author.short_bio == "Covers Japan's diplomacy and defence."
    assert [link.kind for link in author.links.all()] == ["website", "bluesky"]
    assert (
        "and defence" in reader_client.get(author.get_absolute_url()).content.decode()
    )


def test_rejecting_needs_a_note(correspondent_client, reviewer_client, author):
    """A rejection without a note is refused on the form; the proposal still waits."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    change = AuthorProfileChange.objects.get()

    response = reviewer_client.post(
        change_admin_url(change), {"review_note": "", "_reject": "Reject"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["review_note"]
    change.refresh_from_db()
    assert change.status == ProfileChangeStatus.PENDING


def test_rejecting_keeps_the_live_profile_and_the_correspondent_reads_the_note(
    correspondent_client, reviewer_client, author
):
    """A rejected proposal changes nothing public; the note shows on "My author profile"."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    change = AuthorProfileChange.objects.get()

    reviewer_client.post(
        change_admin_url(change),
        {"review_note": "Keep the bio to your beat, please.", "_reject": "Reject"},
    )

    author.refresh_from_db()
    assert author.short_bio == "Covers Japan's diplomacy."
    page = correspondent_client.get(reverse(MY_PROFILE)).content.decode()
    assert "Keep the bio to your beat, please." in page
    assert "rejected" in page


def test_a_reviewed_change_cannot_be_reviewed_again(
    correspondent_client, reviewer_client, author
):
    """Once approved, the change page is read-only: a second POST is refused."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    change = AuthorProfileChange.objects.get()
    reviewer_client.post(change_admin_url(change), {"_approve": "Approve"})

    response = reviewer_client.post(
        change_admin_url(change), {"review_note": "Oops", "_reject": "Reject"}
    )

    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == ProfileChangeStatus.APPROVED


def test_a_correspondent_cannot_approve_their_own_change(correspondent_client, author):
    """Posting to the review page as a correspondent answers 403 and nothing goes live."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post())
    change = AuthorProfileChange.objects.get()

    response = correspondent_client.post(
        change_admin_url(change), {"_approve": "Approve"}
    )

    assert response.status_code == 403
    author.refresh_from_db()
    assert author.short_bio == "Covers Japan's diplomacy."
