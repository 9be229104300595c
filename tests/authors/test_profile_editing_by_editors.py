"""Editors: view-only author pages, their own edits going live at once, linking accounts, proposed photos."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from authors import services
from authors.models import Author, AuthorProfileChange
from tests.authors.profile_forms import MY_PROFILE, change_admin_url, profile_post
from tests.factories import make_author, make_photo, make_user

pytestmark = pytest.mark.django_db


def test_the_view_only_author_page_shows_the_bio_as_text_and_no_review_link(
    correspondent_client, author
):
    """A correspondent viewing an author reads the bio, not its HTML, and no 403 link."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post(short_bio="New."))
    change = author.profile_changes.get()

    response = correspondent_client.get(
        reverse("admin:authors_author_change", args=[author.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<p>Kenji Ono covers diplomacy from Tokyo.</p>" in page
    assert "&lt;p&gt;" not in page
    assert "Proposed changes wait for an editor&#x27;s approval." in page
    assert change_admin_url(change) not in page
    assert (
        "/admin/auth/user/" not in page
    )  # the account, as text: viewing it is refused


def test_the_editor_still_gets_the_link_to_review_a_waiting_change(
    correspondent_client, reviewer_client, author
):
    """On the author's change page the editor finds the waiting proposal one click away."""
    correspondent_client.post(reverse(MY_PROFILE), profile_post(short_bio="New."))
    change = author.profile_changes.get()

    response = reviewer_client.get(
        reverse("admin:authors_author_change", args=[author.pk])
    )

    assert change_admin_url(change) in response.content.decode()


def test_a_correspondent_cannot_propose_for_another_author(correspondent):
    """The service refuses a proposal for a profile that is not the user's own."""
    other = make_author()

    with pytest.raises(PermissionDenied):
        services.submit_profile(
            author=other, user=correspondent, data={"short_bio": "Hijacked"}
        )

    assert not AuthorProfileChange.objects.exists()


def test_an_editors_own_profile_edit_goes_live_at_once(
    editor_client, editor, reader_client
):
    """An editor saving "My author profile" changes the public page immediately."""
    author = make_author(user=editor, short_bio="Old")

    editor_client.post(
        reverse(MY_PROFILE), profile_post(short_bio="Desk editor, Politics & Security.")
    )

    author.refresh_from_db()
    assert author.short_bio == "Desk editor, Politics & Security."
    assert not AuthorProfileChange.objects.exists()


def test_an_editors_edit_in_the_author_admin_goes_live_at_once(editor_client, author):
    """Editors change any profile directly in the author admin."""
    url = reverse("admin:authors_author_change", args=[author.pk])
    response = editor_client.post(
        url,
        {
            "name": author.name,
            "slug": author.slug,
            "job_title": "Diplomatic Correspondent",
            "short_bio": "Edited by the desk.",
            "bio": author.bio,
            "is_active": "on",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert Author.objects.get(pk=author.pk).short_bio == "Edited by the desk."


def test_an_editor_links_an_author_to_a_staff_account(editor_client, author):
    """The account field lists staff accounts without needing to view users, and saves."""
    newcomer = make_user(username="newcomer", is_staff=True)
    make_user(username="reader-account", is_staff=False)
    url = reverse("admin:authors_author_change", args=[author.pk])

    form_page = editor_client.get(url)
    choices = form_page.context["adminform"].form.fields["user"].queryset
    response = editor_client.post(
        url,
        {
            "name": author.name,
            "slug": author.slug,
            "job_title": author.job_title,
            "short_bio": author.short_bio,
            "bio": author.bio,
            "user": newcomer.pk,
            "is_active": "on",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )

    # A plain list, offered in the page itself rather than fetched by an autocomplete.
    assert (
        f'<option value="{newcomer.pk}">newcomer</option>' in form_page.content.decode()
    )
    assert newcomer in choices
    assert not choices.filter(username="reader-account").exists()
    assert response.status_code == 302
    assert Author.objects.get(pk=author.pk).user == newcomer


def test_a_proposed_photo_shows_in_the_diff_and_goes_live_on_approval(
    correspondent_client, editor, author
):
    """The photo change names both pictures and is applied with the rest."""
    photo = make_photo(caption="Kenji Ono in Tokyo, 2024.")
    correspondent_client.post(reverse(MY_PROFILE), profile_post(photo=str(photo.pk)))
    change = AuthorProfileChange.objects.get()

    diff = {item.label: item.diff for item in services.profile_diff(change)}
    services.approve_profile_change(change=change, reviewer=editor)

    assert "Kenji Ono in Tokyo, 2024." in diff["Photo"]
    assert "(no photo)" in diff["Photo"]
    author.refresh_from_db()
    assert author.photo == photo


def test_approval_is_refused_when_the_proposed_photo_was_deleted(
    correspondent, editor, author
):
    """A proposal pointing at a deleted photo cannot go live; the editor is told why."""
    photo = make_photo()
    change = services.submit_profile(
        author=author,
        user=correspondent,
        data={**services.profile_data(author), "photo": photo.pk},
    )
    photo.delete()

    assert services.approval_problems(change) == [
        "The proposed photo has since been deleted from the photo library."
    ]
