"""Issue 14, point 2: correspondents fix the photos they uploaded; editors any photo;
a photo without alt text is flagged in the library."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from media_library.access import may_change_photo
from media_library.models import Photo
from tests.factories import make_photo
from tests.media_library.test_admin import CHANGELIST, change_data, change_url

pytestmark = pytest.mark.django_db

NEW_DESCRIPTION = {
    "caption": "Coast guard cutters leave Manila Bay, Manila, May 2, 2025.",
    "credit": "©Kyodo",
    "alt_text": "Two white ships with red stripes leaving a harbour.",
    "copyright_notice": "© Kyodo News",
    "focal_x": 0.3,
    "focal_y": 0.6,
}


def test_a_correspondent_changes_the_description_and_focal_point_of_their_photo(
    correspondent_client, correspondent
):
    """Caption, credit, alt text, rights and focal point of their own upload are saved."""
    photo = make_photo(uploaded_by=correspondent, alt_text="")

    response = correspondent_client.post(
        change_url(photo), change_data(photo, **NEW_DESCRIPTION)
    )

    assertRedirects(response, CHANGELIST)
    photo.refresh_from_db()
    assert photo.alt_text == NEW_DESCRIPTION["alt_text"]
    assert photo.copyright_notice == "© Kyodo News"
    assert (photo.focal_x, photo.focal_y) == (0.3, 0.6)


def test_a_correspondent_cannot_change_a_photo_someone_else_uploaded(
    correspondent_client, other_correspondent
):
    """Another's photo is refused with 403 and stays as it was."""
    photo = make_photo(uploaded_by=other_correspondent)
    before = (photo.caption, photo.alt_text, photo.focal_x)

    response = correspondent_client.post(
        change_url(photo), change_data(photo, **NEW_DESCRIPTION)
    )

    assert response.status_code == 403
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.focal_x) == before


def test_another_uploaders_photo_is_read_only_without_the_focal_point_marker(
    correspondent_client, other_correspondent
):
    """The page shows the picture and its details, but no field and no marker to click."""
    photo = make_photo(uploaded_by=other_correspondent, focal_x=0.25)

    response = correspondent_client.get(change_url(photo))

    assert response.status_code == 200
    assertContains(response, 'class="photo-picture"')
    assertNotContains(response, "focal-point-picker")
    assertNotContains(response, "focal-point-marker")
    assertNotContains(response, 'name="alt_text"')
    assertNotContains(response, "Click the picture")
    assertContains(
        response, "Only whoever uploaded this photo, or an editor, may change it."
    )


def test_the_correspondents_own_photo_offers_fields_and_the_marker(
    correspondent_client, correspondent
):
    """Their own upload opens as a form with the focal-point picker."""
    photo = make_photo(uploaded_by=correspondent)

    response = correspondent_client.get(change_url(photo))

    assertContains(response, 'name="alt_text"')
    assertContains(response, "focal-point-marker")


def test_an_editor_changes_a_photo_a_correspondent_uploaded(
    editor_client, correspondent
):
    """Editors fix any photo in the library."""
    photo = make_photo(uploaded_by=correspondent)

    response = editor_client.post(
        change_url(photo), change_data(photo, **NEW_DESCRIPTION)
    )

    assertRedirects(response, CHANGELIST)
    photo.refresh_from_db()
    assert photo.caption == NEW_DESCRIPTION["caption"]


def test_who_may_change_which_photo(editor, correspondent, other_correspondent):
    """Editors: every photo; correspondents: their own uploads, not anonymous imports."""
    own = make_photo(uploaded_by=correspondent)
    others = make_photo(uploaded_by=other_correspondent)
    imported = make_photo(uploaded_by=None)

    assert [may_change_photo(editor, p) for p in (own, others, imported)] == [
        True,
        True,
        True,
    ]
    assert [may_change_photo(correspondent, p) for p in (own, others, imported)] == [
        True,
        False,
        False,
    ]


def test_photos_needing_alt_text_are_the_undescribed_and_not_decorative():
    """Empty or blank alt text needs one; written or decorative does not."""
    empty = make_photo(alt_text="")
    blank = make_photo(alt_text="   ")
    make_photo(alt_text="A harbour at dawn.")
    make_photo(alt_text="", is_decorative=True)

    assert set(Photo.objects.needing_alt_text()) == {empty, blank}
    assert empty.needs_alt_text and blank.needs_alt_text


def test_the_library_flags_and_filters_photos_needing_alt_text(editor_client):
    """The list shows "Needs alt text" beside such a photo, and its filter lists only them."""
    missing = make_photo(alt_text="")
    make_photo(alt_text="A harbour at dawn.")

    whole_list = editor_client.get(CHANGELIST)
    filtered = editor_client.get(CHANGELIST, {"alt_text": "missing"})

    assertContains(whole_list, '<strong class="needs-alt-text">Needs alt text</strong>')
    assertContains(whole_list, "Written")
    assert list(filtered.context["cl"].result_list) == [missing]


def test_the_written_and_decorative_filters_list_the_others(editor_client):
    """ "Written" and "Decorative" split the rest of the library."""
    make_photo(alt_text="")
    written = make_photo(alt_text="A harbour at dawn.")
    decorative = make_photo(alt_text="", is_decorative=True)

    assert list(
        editor_client.get(CHANGELIST, {"alt_text": "written"}).context["cl"].result_list
    ) == [written]
    assert list(
        editor_client.get(CHANGELIST, {"alt_text": "decorative"})
        .context["cl"]
        .result_list
    ) == [decorative]
