"""Tags without duplicates: case-insensitive matching, and editors merge the rest."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from taggit.models import Tag

from tests.factories import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"


def test_tags_differing_only_in_case_are_one_tag():
    first = make_article(tags=["Coast Guard"])
    second = make_article(tags=["coast guard"])

    assert Tag.objects.count() == 1
    assert list(first.tags.all()) == list(second.tags.all())


def test_editor_merges_tags_into_the_most_used_one(editor_client):
    both = make_article(tags=["United States", "USA"])
    only_usa = make_article(tags=["USA"])
    make_article(tags=["USA"])
    only_us = make_article(tags=["United States"])
    usa, united_states = (
        Tag.objects.get(name="USA"),
        Tag.objects.get(name="United States"),
    )

    response = editor_client.post(
        CHANGELIST,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [usa.pk, united_states.pk]},
    )

    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["USA"]
    for article in (both, only_usa, only_us):
        assert [tag.name for tag in article.tags.all()] == ["USA"]


def test_correspondents_cannot_merge_tags(correspondent_client):
    make_article(tags=["USA", "United States"])
    ids = list(Tag.objects.values_list("pk", flat=True))

    correspondent_client.post(
        CHANGELIST, {"action": "merge_selected", ACTION_CHECKBOX_NAME: ids}
    )

    assert Tag.objects.count() == 2


def test_taggits_own_merge_page_is_gone(editor_client):
    assert editor_client.get(CHANGELIST + "merge-tags/").status_code != 200
