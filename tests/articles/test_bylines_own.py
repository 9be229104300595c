"""Correspondents add or remove only their own byline; editors assign anyone."""

import pytest

from articles.models import Byline
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.factories import make_author, make_draft

pytestmark = pytest.mark.django_db

ERROR = "You can add or remove only your own byline"


def add_byline(data: dict, author, index: int) -> dict:
    """The change form's data with one more byline row for `author`."""
    prefix = "bylines"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    assert index == total
    return {
        **data,
        f"{prefix}-TOTAL_FORMS": str(total + 1),
        f"{prefix}-{index}-author": str(author.pk),
        f"{prefix}-{index}-role": "",
        f"{prefix}-{index}-position": str(index),
    }


def test_a_correspondent_cannot_put_a_colleagues_name_on_their_story(
    correspondent_client, correspondent, correspondent_author
):
    """Adding someone else's byline is refused with a clear error and nothing is saved."""
    story = make_draft(created_by=correspondent, authors=[correspondent_author])
    colleague = make_author(name="Someone Else")
    data = add_byline(change_form_data(correspondent_client, story), colleague, 1)
    response = post_change_form(correspondent_client, story, data)
    assert response.status_code == 200
    assert ERROR in response.content.decode()
    assert not Byline.objects.filter(article=story, author=colleague).exists()


def test_a_correspondent_cannot_remove_a_colleagues_byline(
    correspondent_client, correspondent, correspondent_author
):
    """Deleting another writer's byline row is refused."""
    colleague = make_author(name="Co-author")
    story = make_draft(
        created_by=correspondent, authors=[correspondent_author, colleague]
    )
    data = change_form_data(correspondent_client, story)
    row = next(
        key.removesuffix("-author")
        for key, value in data.items()
        if key.endswith("-author") and value == str(colleague.pk)
    )
    data[f"{row}-DELETE"] = "on"
    response = post_change_form(correspondent_client, story, data)
    assert response.status_code == 200
    assert ERROR in response.content.decode()
    assert Byline.objects.filter(article=story, author=colleague).exists()


def test_a_correspondent_adds_their_own_byline(
    correspondent_client, correspondent, correspondent_author
):
    """A correspondent may put their own name on their story."""
    story = make_draft(created_by=correspondent, authors=[make_author()])
    story.bylines.all().delete()
    data = add_byline(
        change_form_data(correspondent_client, story), correspondent_author, 0
    )
    response = post_change_form(correspondent_client, story, data)
    assert response.status_code == 302
    assert list(story.authors.all()) == [correspondent_author]


def test_an_editor_assigns_any_writer(editor_client):
    """Editors put any author's byline on a story."""
    story = make_draft(authors=[make_author()])
    colleague = make_author(name="Any Writer")
    data = add_byline(change_form_data(editor_client, story), colleague, 1)
    response = post_change_form(editor_client, story, data)
    assert response.status_code == 302
    assert story.authors.filter(pk=colleague.pk).exists()
