import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from media_library.models import Photo
from tests.factories import (
    add_photo_block,
    make_article,
    make_author,
    make_photo,
    photo_upload,
)
from tests.media_library.helpers import described_jpeg, stored_files

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:media_library_photo_changelist")
UPLOAD_URL = reverse("admin:media_library_photo_upload")


def change_url(photo):
    return reverse("admin:media_library_photo_change", args=[photo.pk])


def delete_url(photo):
    return reverse("admin:media_library_photo_delete", args=[photo.pk])


def change_data(photo, **overrides):
    data = {
        "caption": photo.caption,
        "credit": photo.credit,
        "alt_text": photo.alt_text,
        "photographer": "",
        "source": "",
        "copyright_notice": "",
        "focal_x": photo.focal_x,
        "focal_y": photo.focal_y,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not False}


def test_same_file_twice_points_at_the_existing_photo(editor_client, settings):
    """The second upload of a file creates nothing and links to the photo already there."""
    content = described_jpeg()
    first = editor_client.post(UPLOAD_URL, {"files": [photo_upload("a.jpg", content)]})
    existing = Photo.objects.get()
    files_before = stored_files(settings)

    second = editor_client.post(UPLOAD_URL, {"files": [photo_upload("b.jpg", content)]})

    assert first.status_code == 302
    assert Photo.objects.count() == 1
    assertContains(second, "“b.jpg” is already in the library")
    assertContains(second, f'href="{change_url(existing)}"')
    assert stored_files(settings) == files_before


def test_single_add_form_recognises_a_duplicate(editor_client):
    """The one-photo form refuses the same file too, naming the existing photo."""
    photo = make_photo()
    photo.image.open()
    content = photo.image.read()

    response = editor_client.post(
        reverse("admin:media_library_photo_add"),
        {"image": photo_upload("again.jpg", content), "alt_text": "x"},
    )

    assertContains(response, "is already in the library as")
    assert Photo.objects.count() == 1


def test_changelist_shows_thumbnails_from_renditions(editor_client):
    """The photo desk's list shows a small rendition, not the original file."""
    photo = make_photo()

    response = editor_client.get(CHANGELIST)

    small = photo.picture(max_width=480).src
    assertContains(
        response, f'<img src="{small}" alt="" width="96" class="photo-thumbnail">'
    )


@pytest.mark.parametrize(
    "field", ["caption", "credit", "photographer", "source"], ids=str
)
def test_search_finds_photos_by_each_desk_field(editor_client, field):
    """Searching caption, credit, photographer or source finds the photo."""
    wanted = make_photo(**{field: "Zaporizhzhia"})
    other = make_photo()

    response = editor_client.get(CHANGELIST, {"q": "zaporizhzhia"})

    assert list(response.context["cl"].result_list) == [wanted]
    assert other not in response.context["cl"].result_list


def test_list_filters_by_source(editor_client):
    """The source filter lists only that agency's photos."""
    reuters = make_photo(source="REUTERS")
    make_photo(source="Kyodo")

    response = editor_client.get(CHANGELIST, {"source": "REUTERS"})

    assert list(response.context["cl"].result_list) == [reuters]


def test_change_page_has_the_focal_point_picker(editor_client):
    """The picture is shown with the current focal point for clicking."""
    photo = make_photo(focal_x=0.25, focal_y=0.75)

    response = editor_client.get(change_url(photo))

    assertContains(
        response, 'class="focal-point-picker" data-focal-x="0.25" data-focal-y="0.75"'
    )
    assertContains(response, "media_library/focal_point.js")


def test_moving_the_focal_point_in_the_admin_remakes_the_crops(editor_client):
    """Saving a new focal point stores crops made from it."""
    photo = make_photo()
    old_key = photo.renditions["key"]

    response = editor_client.post(change_url(photo), change_data(photo, focal_x=0.1))

    assertRedirects(response, CHANGELIST)
    photo.refresh_from_db()
    assert photo.focal_x == 0.1
    assert photo.renditions["key"] != old_key


def test_alt_text_is_required_unless_decorative(editor_client):
    """Clearing the alt text is refused with a message saying what to do."""
    photo = make_photo()

    response = editor_client.post(change_url(photo), change_data(photo, alt_text=""))

    assertContains(response, "Describe what the picture shows")
    photo.refresh_from_db()
    assert photo.alt_text


def test_decorative_photo_may_have_no_alt_text(editor_client):
    """Marked decorative, a photo is saved without alt text."""
    photo = make_photo()

    editor_client.post(
        change_url(photo), change_data(photo, alt_text="", is_decorative="on")
    )

    photo.refresh_from_db()
    assert photo.is_decorative and photo.alt_text == ""


def test_where_used_lists_every_article_and_author(editor_client):
    """Hero use, body use and an author portrait are all listed with links."""
    photo = make_photo()
    hero = make_article(headline="Kamikawa in Kyiv", hero=photo)
    body = make_article(headline="Patriot exports")
    add_photo_block(body, photo)
    make_author(name="Diplomatic Correspondent", photo=photo)

    response = editor_client.get(change_url(photo))

    assertContains(response, "Kamikawa in Kyiv</a> — hero photo")
    assertContains(response, "Patriot exports</a> — in the body")
    assertContains(response, "Diplomatic Correspondent</a> — author photo")
    assertContains(response, reverse("admin:articles_article_change", args=[hero.pk]))


def test_deleting_a_used_photo_is_refused_naming_the_articles(editor_client):
    """The delete page sends the editor back with the articles that use the photo."""
    photo = make_photo()
    make_article(headline="Kamikawa in Kyiv", hero=photo)

    response = editor_client.post(delete_url(photo), {"post": "yes"}, follow=True)

    assertContains(response, "is used and cannot be deleted")
    assertContains(response, "Kamikawa in Kyiv")
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_bulk_delete_refuses_when_any_selected_photo_is_used(editor_client):
    """The list's delete action deletes nothing if one photo is in use, and says where."""
    used, unused = make_photo(), make_photo()
    article = make_article(headline="Defence budget record")
    add_photo_block(article, used)

    response = editor_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [used.pk, unused.pk],
            "post": "yes",
        },
        follow=True,
    )

    assertContains(response, "Defence budget record")
    assert Photo.objects.count() == 2


def test_unused_photo_can_be_deleted(
    editor_client, settings, django_capture_on_commit_callbacks
):
    """A photo no article uses is deleted along with its files."""
    photo = make_photo()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(delete_url(photo), {"post": "yes"})

    assertRedirects(response, CHANGELIST)
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_bulk_delete_of_unused_photos_works(editor_client):
    """The list action still deletes photos nobody uses."""
    photos = [make_photo(), make_photo()]

    editor_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [p.pk for p in photos],
            "post": "yes",
        },
    )

    assert not Photo.objects.exists()


def test_upload_button_is_on_the_list(editor_client):
    """The list links to the multiple upload."""
    assertContains(editor_client.get(CHANGELIST), f'href="{UPLOAD_URL}"')


def test_keywords_show_as_suggestions(editor_client):
    """Embedded keywords are shown read-only on the change page."""
    photo = make_photo(keywords=["Ukraine", "Japan"])

    response = editor_client.get(change_url(photo))

    assertContains(response, "Ukraine, Japan")
    assertNotContains(response, 'name="keywords"')
