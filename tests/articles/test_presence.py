"""Presence on the article change form, kept in Redis as in production: who else has the
story open, whether they are editing or only reading, and that the notice goes soon
after they leave."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import ArticleStatus
from articles.roles import CORRESPONDENT, EDITOR
from articles.trust import presence
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.articles.test_caching import redis_cache  # noqa: F401 (autouse: real Redis)
from tests.factories import make_draft, make_member
from tests.test_production_checks import unused_port

pytestmark = pytest.mark.django_db


def signed_in(role, username, **fields):
    user = make_member(role, username=username, **fields)
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def presence_url(article):
    return reverse("admin:articles_article_presence", args=[article.pk])


@pytest.fixture
def draft():
    return make_draft(headline="Generators for Kyiv")


def test_presence_is_kept_in_redis():
    """These tests talk to the Redis server, not to a stand-in."""
    assert cache._cache.get_client().ping()


def test_others_see_who_else_is_editing(draft):
    """Opening a story someone else has open names them, says they edit, and since when."""
    alice = signed_in(EDITOR, "alice", first_name="Alice", last_name="Arden")
    bob = signed_in(EDITOR, "bob")
    alice.get(change_url(draft))

    response = bob.get(change_url(draft))

    assertContains(response, "Alice Arden is also editing this article (opened at")


def test_someone_without_edit_rights_is_announced_as_reading(draft):
    """A correspondent who may open a submitted story but not change it is 'only reading'."""
    kenji = make_member(CORRESPONDENT, username="kenji", first_name="Kenji")
    draft.created_by = kenji
    draft.status = ArticleStatus.IN_REVIEW
    draft.save()
    reader = Client()
    reader.force_login(kenji)
    reader.get(change_url(draft))
    desk = signed_in(EDITOR, "desk")

    response = desk.post(presence_url(draft))

    assert [(p["name"], p["mode"]) for p in response.json()["others"]] == [
        ("Kenji", "reading")
    ]
    assert (
        "Kenji is only reading this article" in response.json()["others"][0]["message"]
    )


def test_an_editor_with_unsaved_changes_is_announced_as_such(draft):
    """The heartbeat of a page with typing in it tells the others there are unsaved changes."""
    alice = signed_in(EDITOR, "alice", first_name="Alice")
    bob = signed_in(EDITOR, "bob")
    alice.post(presence_url(draft), {"changes": "1"})

    response = bob.get(change_url(draft))

    assertContains(
        response, "Alice is also editing this article and has unsaved changes"
    )


def test_nobody_is_told_about_themselves_and_saving_ends_presence(draft):
    """The editor's own presence is not announced, and a final save removes it."""
    alice = signed_in(EDITOR, "alice")
    bob = signed_in(EDITOR, "bob")
    data = change_form_data(alice, draft)
    assertNotContains(alice.get(change_url(draft)), "also editing")

    post_change_form(alice, draft, data, headline="Done")

    assertNotContains(bob.get(change_url(draft)), "also editing")


def test_the_heartbeat_lists_the_others_and_answers_only_posts(draft):
    """The heartbeat keeps the caller present and returns who else is there."""
    alice = signed_in(EDITOR, "alice")
    bob = signed_in(EDITOR, "bob")
    alice.get(change_url(draft))

    response = bob.post(presence_url(draft))

    assert [p["name"] for p in response.json()["others"]] == ["alice"]
    assert bob.get(presence_url(draft)).status_code == 405
    bob_user = response.wsgi_request.user
    assert [p.name for p in presence.others_present(draft.pk, bob_user)] == ["alice"]


def test_leaving_the_page_ends_presence_at_once(draft):
    """The page's last word ("leaving") takes its person off the list without waiting."""
    alice = signed_in(EDITOR, "alice")
    bob = signed_in(EDITOR, "bob")
    alice.get(change_url(draft))

    alice.post(presence_url(draft), {"leaving": "1"})

    assert bob.post(presence_url(draft)).json()["others"] == []


def test_presence_fades_one_ttl_after_the_last_heartbeat(draft, settings, clock):
    """Someone whose page stopped beating is announced until the TTL runs out, then not."""
    alice = signed_in(EDITOR, "alice")
    bob = signed_in(EDITOR, "bob")
    opened = clock.now
    alice.get(change_url(draft))

    clock.set(opened + timedelta(seconds=settings.PRESENCE_TTL_SECONDS - 1))
    assert [p["name"] for p in bob.post(presence_url(draft)).json()["others"]] == [
        "alice"
    ]
    clock.set(opened + timedelta(seconds=settings.PRESENCE_TTL_SECONDS))
    assert bob.post(presence_url(draft)).json()["others"] == []


def test_the_page_beats_three_times_per_ttl(draft, settings):
    """The change form tells its script to beat often enough that one missed beat is no exit."""
    settings.PRESENCE_TTL_SECONDS = 45
    response = signed_in(EDITOR, "alice").get(change_url(draft))

    assertContains(response, 'data-heartbeat-seconds="15"')
    assertContains(response, f'data-url="{presence_url(draft)}"')


def test_with_redis_down_presence_goes_quiet(draft):
    """No Redis: the form opens, the heartbeat answers with nobody, nothing fails."""
    down = {
        "default": {
            "BACKEND": "newsroom.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
        }
    }
    alice = signed_in(EDITOR, "alice")
    bob = signed_in(EDITOR, "bob")
    with override_settings(CACHES=down):
        alice.get(change_url(draft))
        opened = bob.get(change_url(draft))
        beat = bob.post(presence_url(draft))

    assert opened.status_code == 200
    assertNotContains(opened, "also editing")
    assert (beat.status_code, beat.json()) == (200, {"others": []})
