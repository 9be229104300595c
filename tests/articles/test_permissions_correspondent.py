"""What a correspondent may do in the admin, including direct POSTs to forbidden URLs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    Article,
    ArticleStatus,
    WorkflowEvent,
)
from authors.models import Author
from tests.articles.admin_change_form import (
    change_url,
    headline_after_post,
    transition_url,
)
from tests.factories import make_author, make_draft, make_section

pytestmark = pytest.mark.django_db


# Correspondent ----------------------------------------------------------------------


def test_correspondent_list_shows_own_and_bylined_articles_only(
    correspondent_client, correspondent, correspondent_author, others_draft
):
    """The article list holds what they created or carry a byline on, never others' drafts."""
    created = make_draft(created_by=correspondent, headline="Created by me")
    bylined = make_draft(authors=[correspondent_author], headline="Bylined to me")

    response = correspondent_client.get(reverse("admin:articles_article_changelist"))

    shown = set(response.context["cl"].queryset)
    assert shown == {created, bylined}


def test_correspondent_cannot_open_another_correspondents_draft(
    correspondent_client, others_draft
):
    """Opening someone else's draft answers 404."""
    response = correspondent_client.get(change_url(others_draft))

    assert response.status_code == 404


def test_correspondent_post_to_another_correspondents_draft_changes_nothing(
    correspondent_client, others_draft
):
    """A direct POST to someone else's draft answers 404 and leaves it as it was."""
    response = headline_after_post(correspondent_client, others_draft)

    assert response.status_code == 404
    others_draft.refresh_from_db()
    assert others_draft.headline == "Someone else's draft"


def test_correspondent_edits_their_own_draft(correspondent_client, own_draft):
    """Their own draft saves."""
    response = headline_after_post(correspondent_client, own_draft, "Sharper headline")

    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.headline == "Sharper headline"


def test_correspondent_edits_a_draft_they_are_bylined_on(
    correspondent_client, correspondent_author
):
    """A byline is as good as authorship for editing a draft."""
    article = make_draft(authors=[correspondent_author])

    response = headline_after_post(correspondent_client, article, "Co-written")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Co-written"


@pytest.mark.parametrize(
    "status",
    [ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED, ArticleStatus.UNPUBLISHED],
)
def test_correspondent_sees_but_cannot_change_own_article_after_draft(
    correspondent_client, correspondent, status
):
    """Past draft, their own article is read-only: the page opens, a POST is refused with 403."""
    article = make_draft(
        created_by=correspondent,
        status=status,
        published_at=timezone.now() - timedelta(hours=1),
        headline="Submitted",
    )

    page = correspondent_client.get(change_url(article))
    response = correspondent_client.post(
        change_url(article), {"headline": "Rewritten", "section": article.section_id}
    )

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Submitted"


def test_correspondent_cannot_edit_body_blocks_of_a_submitted_article(
    correspondent_client, correspondent
):
    """The inlines (bylines, body blocks) are read-only with the article."""
    article = make_draft(created_by=correspondent, status=ArticleStatus.IN_REVIEW)

    response = correspondent_client.get(change_url(article))

    for inline in response.context["inline_admin_formsets"]:
        assert not inline.has_add_permission
        assert not inline.has_change_permission
        assert not inline.has_delete_permission


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "return"])
def test_correspondent_post_to_editors_buttons_is_refused(
    correspondent_client, correspondent, action
):
    """Direct POSTs to publish, schedule, unpublish or return their own article answer 403."""
    status = ArticleStatus.PUBLISHED if action == "unpublish" else ArticleStatus.DRAFT
    article = make_draft(
        created_by=correspondent,
        status=status,
        published_at=timezone.now() - timedelta(hours=1)
        if action == "unpublish"
        else None,
    )
    future = timezone.localtime() + timedelta(days=1)

    response = correspondent_client.post(
        transition_url(article, action),
        {"note": "Going ahead", "publish_at": future.strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == status
    assert not WorkflowEvent.objects.exists()


def test_correspondent_cannot_submit_another_correspondents_draft(
    correspondent_client, others_draft
):
    """The submit button of someone else's draft answers 404."""
    response = correspondent_client.post(transition_url(others_draft, "submit"))

    assert response.status_code == 404
    others_draft.refresh_from_db()
    assert others_draft.status == ArticleStatus.DRAFT


def test_correspondent_submits_their_own_draft(correspondent_client, own_draft):
    """Their own draft goes to review and they land on the read-only page again."""
    response = correspondent_client.post(
        transition_url(own_draft, "submit"), {"note": "Over to you."}
    )

    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == ArticleStatus.IN_REVIEW


def test_correspondent_has_no_publish_list_action(correspondent_client, own_draft):
    """The "publish selected" action is not offered, and posting it anyway changes nothing."""
    changelist = reverse("admin:articles_article_changelist")

    page = correspondent_client.get(changelist)
    correspondent_client.post(
        changelist, {"action": "publish_selected", "_selected_action": [own_draft.pk]}
    )

    action_form = page.context["action_form"]  # None when no action is offered at all
    offered = dict(action_form.fields["action"].choices) if action_form else {}
    assert "publish_selected" not in offered
    own_draft.refresh_from_db()
    assert own_draft.status == ArticleStatus.DRAFT


def test_correspondent_new_article_is_their_draft(correspondent_client, correspondent):
    """A new article starts as a draft created by them, whatever status or time is posted."""
    section = make_section()

    response = correspondent_client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Fresh story",
            "slug": "fresh-story",
            "section": section.pk,
            "status": "published",
            "published_at": "2020-01-01 09:00",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            **{
                f"articles_{name}_set-{key}": "0"
                for name in (
                    "richtextblock",
                    "photoblock",
                    "pullquoteblock",
                    "embedblock",
                )
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="fresh-story")
    assert (article.status, article.published_at, article.created_by) == (
        ArticleStatus.DRAFT,
        None,
        correspondent,
    )


def test_correspondent_cannot_delete_articles(correspondent_client, own_draft):
    """Deleting is the editors' call, even for their own draft."""
    url = reverse("admin:articles_article_delete", args=[own_draft.pk])

    response = correspondent_client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert Article.objects.filter(pk=own_draft.pk).exists()


def test_correspondent_cannot_change_another_authors_profile(correspondent_client):
    """The author admin is view-only for them: a POST answers 403 and changes nothing."""
    author = make_author(name="Someone Else", bio="<p>Original.</p>")

    response = correspondent_client.post(
        reverse("admin:authors_author_change", args=[author.pk]),
        {"name": "Someone Else", "slug": author.slug, "bio": "<p>Vandalised.</p>"},
    )

    assert response.status_code == 403
    author.refresh_from_db()
    assert author.bio == "<p>Original.</p>"


def test_correspondent_cannot_change_their_own_author_row_directly(
    correspondent_client, correspondent_author
):
    """Their own profile changes only through "My author profile", never the author admin."""
    response = correspondent_client.post(
        reverse("admin:authors_author_change", args=[correspondent_author.pk]),
        {"name": "Renamed", "slug": "renamed", "bio": "<p>Unreviewed.</p>"},
    )

    assert response.status_code == 403
    assert Author.objects.get(pk=correspondent_author.pk).name == "Kenji Ono"


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:sections_section_add",
        "admin:authors_author_add",
        "admin:authors_authorprofilechange_changelist",
    ],
)
def test_correspondent_cannot_reach_editors_pages(correspondent_client, url_name):
    """Sections, new authors and the profile-change queue are closed to correspondents."""
    response = correspondent_client.get(reverse(url_name))

    assert response.status_code == 403


@pytest.mark.parametrize(
    "url_name",
    ["admin:media_library_photo_changelist", "admin:media_library_photo_add"],
)
def test_correspondent_sees_the_photo_library_and_can_upload(
    correspondent_client, url_name
):
    """The photo library and its upload form are open to correspondents."""
    response = correspondent_client.get(reverse(url_name))

    assert response.status_code == 200
