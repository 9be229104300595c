"""Deleting a story moves it to the trash: off every surface, 410 at its address, restorable."""

from datetime import timedelta

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleStatus, Byline, PreviewLink
from articles.trust.revisions import article_versions, record_story
from articles.trust.trash import purge_article, restore_article, trash_article
from tests.factories import add_text, make_article, make_author, make_user

pytestmark = pytest.mark.django_db

HEADLINE = "Minister visits Kyiv"
PUBLIC_PAGES = ["/", "/feed/", "/sitemap-{section}.xml", "/search/?q=Minister"]


@pytest.fixture
def live_story():
    article = make_article(
        headline=HEADLINE, authors=[make_author(name="Kenji Ono")], tags=["Japan"]
    )
    add_text(article, "<p>The minister arrived by train.</p>")
    with reversion.create_revision():
        record_story(article)
    return article


def trash_in_admin(client, article):
    return client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )


def test_deleting_in_the_admin_keeps_the_story_in_the_trash(
    editor_client, editor, live_story
):
    """The admin's delete keeps the row, bylines, body and history, marked as trashed."""
    versions = article_versions(live_story).count()
    response = trash_in_admin(editor_client, live_story)
    assert response.status_code == 302
    live_story.refresh_from_db()
    assert live_story.trashed_at is not None
    assert live_story.trashed_by == editor
    assert Byline.objects.filter(article=live_story).exists()
    assert article_versions(live_story).count() == versions


def test_the_delete_page_says_the_story_goes_to_the_trash(editor_client, live_story):
    """The confirmation page promises a trash, not a loss."""
    response = editor_client.get(
        reverse("admin:articles_article_delete", args=[live_story.pk])
    )
    assertContains(response, "Move to the trash")


def test_a_trashed_story_leaves_every_public_surface(client, editor, live_story):
    """Home, feed, sitemap and search stop naming the story at once."""
    trash_article(article=live_story, user=editor)
    assert not Article.objects.published().filter(pk=live_story.pk).exists()
    for page in PUBLIC_PAGES:
        response = client.get(page.format(section=live_story.section.slug))
        assert HEADLINE not in response.content.decode(), page


def test_a_trashed_live_story_answers_410_with_the_styled_page(
    client, editor, live_story
):
    """Its address answers 410 Gone with the withdrawn-article page, also for editors."""
    trash_article(article=live_story, user=editor)
    response = client.get(live_story.get_absolute_url())
    assertContains(response, "withdrawn", status_code=410)
    client.force_login(editor)
    assert client.get(live_story.get_absolute_url()).status_code == 410


def test_a_trashed_story_that_never_went_out_answers_404(client, editor, clock):
    """A scheduled story trashed before its time stays a 404 after that time has passed."""
    scheduled = make_article(published_at=clock.now + timedelta(hours=1))
    trash_article(article=scheduled, user=editor)
    clock.set(clock.now + timedelta(hours=2))
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_trashed_stories_leave_the_admin_and_their_preview_links(
    editor_client, editor, live_story
):
    """The change form and preview links of a trashed story answer 404."""
    link = PreviewLink.objects.create(
        article=live_story, expires_at=timezone.now() + timedelta(days=1)
    )
    trash_article(article=live_story, user=editor)
    change = reverse("admin:articles_article_change", args=[live_story.pk])
    assert editor_client.get(change).status_code == 404
    assert editor_client.get(link.get_absolute_url()).status_code == 404


def test_editors_restore_from_the_trash_list_with_history(
    editor_client, editor, live_story
):
    """The Trash list restores a story as it was: live again, history intact."""
    versions = article_versions(live_story).count()
    trash_article(article=live_story, user=editor)
    trash_list = reverse("admin:articles_trashedarticle_changelist")
    assertContains(editor_client.get(trash_list), HEADLINE)
    response = editor_client.post(
        trash_list,
        {"action": "restore_selected", "_selected_action": [live_story.pk]},
    )
    assert response.status_code == 302
    live_story.refresh_from_db()
    assert live_story.trashed_at is None
    assert live_story.status == ArticleStatus.PUBLISHED
    assert article_versions(live_story).count() == versions
    assert editor_client.get(live_story.get_absolute_url()).status_code == 200


def test_correspondents_neither_trash_nor_see_the_trash(
    correspondent_client, correspondent
):
    """The trash list is for editors; a correspondent's delete of their draft is refused."""
    draft = make_article(
        status=ArticleStatus.DRAFT, published_at=None, created_by=correspondent
    )
    trash_list = reverse("admin:articles_trashedarticle_changelist")
    assert correspondent_client.get(trash_list).status_code == 403
    assert trash_in_admin(correspondent_client, draft).status_code == 403
    draft.refresh_from_db()
    assert draft.trashed_at is None


def test_only_a_superuser_purges(editor_client, editor, live_story):
    """Editors are not offered a purge and a posted one deletes nothing; a superuser's does."""
    trash_article(article=live_story, user=editor)
    trash_list = reverse("admin:articles_trashedarticle_changelist")
    assertNotContains(editor_client.get(trash_list), "purge_selected")
    editor_client.post(
        trash_list,
        {
            "action": "purge_selected",
            "_selected_action": [live_story.pk],
            "post": "yes",
        },
    )
    assert Article.objects.filter(pk=live_story.pk).exists()
    with pytest.raises(PermissionDenied):
        purge_article(article=live_story, user=editor)

    root = make_user(username="root", is_staff=True, is_superuser=True)
    editor_client.force_login(root)
    response = editor_client.post(
        trash_list,
        {
            "action": "purge_selected",
            "_selected_action": [live_story.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=live_story.pk).exists()


def test_restoring_an_article_not_in_the_trash_changes_nothing(editor, live_story):
    """Restore is idempotent: a story outside the trash stays as it is."""
    restore_article(article=live_story, user=editor)
    live_story.refresh_from_db()
    assert live_story.trashed_at is None
