"""Suggestions from the tags in use while a tag box is typed into (issue 14, point 10)."""

import pytest
from taggit.models import Tag

from articles.admin.tags import SUGGESTIONS, tag_suggestions
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

URL = "/admin/taggit/tag/suggestions/"


def names(response) -> list[str]:
    return [result["name"] for result in response.json()["results"]]


def test_a_prefix_finds_the_tag_whatever_its_case(editor_client):
    """ "coa" offers "Coast Guard", and not a tag that merely contains the letters."""
    make_article(tags=["Coast Guard", "Japan", "Cocoa prices"])

    response = editor_client.get(URL, {"q": "coa"})

    assert response.status_code == 200
    assert names(response) == ["Coast Guard"]


def test_names_starting_with_the_text_come_before_later_words():
    """ "guard" finds "Guardian" first, then "Coast Guard" by its second word."""
    make_article(tags=["Coast Guard", "Guardian angels", "Japan"])

    assert tag_suggestions("guard") == ["Guardian angels", "Coast Guard"]


def test_a_misspelling_finds_the_tag_spelt_alike():
    """On PostgreSQL, "coastgard" still finds "Coast Guard" by trigram similarity."""
    make_article(tags=["Coast Guard", "Japan"])

    assert tag_suggestions("coastgard") == ["Coast Guard"]


def test_answers_are_bounded_however_many_tags_match(editor_client):
    """A short prefix shared by hundreds of tags answers with ten names."""
    Tag.objects.bulk_create(
        Tag(name=f"Coalition {n:03d}", slug=f"coalition-{n:03d}") for n in range(300)
    )

    response = editor_client.get(URL, {"q": "co"})

    assert names(response) == [f"Coalition {n:03d}" for n in range(SUGGESTIONS)]


def test_empty_and_overlong_input_answer_without_error(editor_client):
    """Nothing typed offers nothing; a pasted paragraph is cut, not refused."""
    make_article(tags=["Coast Guard"])

    assert names(editor_client.get(URL, {"q": "   "})) == []
    assert editor_client.get(URL, {"q": "coast " * 5000}).status_code == 200
    assert names(editor_client.get(URL)) == []


def test_correspondents_get_suggestions_for_their_stories(correspondent_client):
    """Whoever writes stories may ask: correspondents tag their drafts too."""
    make_article(tags=["Coast Guard"])

    assert names(correspondent_client.get(URL, {"q": "coast"})) == ["Coast Guard"]


def test_staff_who_write_no_stories_are_refused(client):
    """A staff account without the article permissions gets 403, not the tag list."""
    make_article(tags=["Coast Guard"])
    client.force_login(make_user(username="clerk", is_staff=True))

    assert client.get(URL, {"q": "coast"}).status_code == 403


def test_signed_out_visitors_are_sent_to_the_login_page(client):
    """The endpoint is the admin's: no names leave it without a staff login."""
    make_article(tags=["Coast Guard"])

    response = client.get(URL, {"q": "coast"})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_only_get_is_answered(editor_client):
    """A POST changes nothing and is refused as a method."""
    assert editor_client.post(URL, {"q": "coast"}).status_code == 405


def test_the_article_form_points_its_tag_box_at_the_suggestions(editor_client):
    """The tag box names the endpoint and loads the script; it stays a text box."""
    response = editor_client.get("/admin/articles/article/add/")

    html = response.content.decode()
    assert f'data-tag-suggestions="{URL}"' in html
    assert 'name="tags"' in html and 'type="text"' in html
    assert "articles/admin/tag_suggestions.js" in html
