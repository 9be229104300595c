"""The photo pop-up of the article form offers the photo already in the library for a
duplicate upload, and the focal point is offered only where it can be changed (issue
14, point 15)."""

import json

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from media_library.models import Photo
from tests.factories import make_photo, photo_upload

pytestmark = pytest.mark.django_db

POP_UP = reverse("admin:media_library_photo_add") + "?_to_field=id&_popup=1"


def use_url(photo, query="?_popup=1&_to_field=id"):
    return reverse("admin:media_library_photo_use", args=[photo.pk]) + query


def upload_again(client, photo, url=POP_UP):
    photo.image.open()
    content = photo.image.read()
    data = {"image": photo_upload("again.jpg", content), "alt_text": "x"}
    if "_popup" in url:
        data.update({"_popup": "1", "_to_field": "id"})
    return client.post(url, data)


def test_a_duplicate_in_the_pop_up_offers_the_photo_already_there(editor_client):
    """The refusal comes with that photo and a button that chooses it."""
    existing = make_photo(caption="The minister in Kyiv, January 7, 2024.")

    response = upload_again(editor_client, existing)

    assert response.status_code == 200
    assertContains(response, "This photo is already in the library")
    assertContains(response, "The minister in Kyiv, January 7, 2024.")
    assertContains(
        response,
        f'id="use-duplicate" href="{use_url(existing).replace("&", "&amp;")}">'
        "Use the photo already in the library</a>",
    )
    assert Photo.objects.count() == 1


def test_outside_the_pop_up_the_duplicate_offer_opens_the_photo(editor_client):
    """On the plain add page there is no form to fill: the button opens the photo."""
    existing = make_photo()

    response = upload_again(
        editor_client, existing, url=reverse("admin:media_library_photo_add")
    )

    change = reverse("admin:media_library_photo_change", args=[existing.pk])
    assertContains(response, f'id="use-duplicate" href="{change}"')
    assertNotContains(response, "Use the photo already in the library")


def test_using_the_existing_photo_hands_it_to_the_article_form(correspondent_client):
    """The pop-up answers as after an upload: the opener's box gets that photo."""
    existing = make_photo(caption="The minister in Kyiv, January 7, 2024.")

    response = correspondent_client.get(use_url(existing))

    assert response.status_code == 200
    assert response.templates[0].name == "admin/popup_response.html"
    assert json.loads(response.context["popup_response_data"]) == {
        "value": str(existing.pk),
        "obj": str(existing),
    }


def test_using_a_photo_outside_a_pop_up_opens_its_page(editor_client):
    existing = make_photo()

    response = editor_client.get(use_url(existing, query=""))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:media_library_photo_change", args=[existing.pk]
    )


def test_using_a_missing_photo_or_a_forbidden_field_answers_404(editor_client):
    """A deleted photo, an id that is not a number, a field not offered: 404, not 500."""
    existing = make_photo()

    assert (
        editor_client.get(use_url(existing, "?_popup=1&_to_field=caption")).status_code
        == 404
    )
    assert (
        editor_client.get("/admin/media_library/photo/999999/use/?_popup=1").status_code
        == 404
    )
    assert (
        editor_client.get("/admin/media_library/photo/x/use/?_popup=1").status_code
        == 404
    )


def test_a_new_photo_has_its_focal_point_at_the_centre(editor_client):
    """The picker opens with the marker's point at the centre of the picture."""
    photo = make_photo()

    response = editor_client.get(
        reverse("admin:media_library_photo_change", args=[photo.pk])
    )

    assertContains(response, 'data-focal-x="0.5" data-focal-y="0.5"')
