"""Nobody reads what is not theirs: side doors, choosers, "where used", filters and public pages."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleStatus, PreviewLink
from articles.roles import can_view_article
from articles.trust.revisions import article_versions, record_story
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.factories import (
    add_photo_block,
    make_article,
    make_author,
    make_draft,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_draft(other_correspondent):
    """Another correspondent's draft, with a revision and a live preview link."""
    article = make_draft(
        headline="Colleague's secret draft",
        created_by=other_correspondent,
        authors=[make_author(name="Colleague", user=other_correspondent)],
    )
    with reversion.create_revision():
        record_story(article)
    PreviewLink.objects.create(
        article=article, expires_at=timezone.now() + timedelta(days=1)
    )
    return article


def admin_url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


@pytest.mark.parametrize("page", ["history", "previews"])
def test_side_pages_of_a_colleagues_draft_answer_404(
    correspondent_client, colleague_draft, page
):
    """History and preview-link pages of someone else's draft answer 404, like its change form."""
    response = correspondent_client.get(admin_url(page, colleague_draft.pk))
    assert response.status_code == 404
    assertNotContains(response, "Colleague's secret draft", status_code=404)


def test_a_revision_of_a_colleagues_draft_answers_404(
    correspondent_client, colleague_draft
):
    """A revision page of someone else's draft answers 404."""
    revision = article_versions(colleague_draft).first().revision
    response = correspondent_client.get(
        admin_url("revision", colleague_draft.pk, revision.pk)
    )
    assert response.status_code == 404


def test_comparing_a_colleagues_revisions_answers_404(
    correspondent_client, colleague_draft
):
    """Compare on someone else's draft answers 404."""
    revision = article_versions(colleague_draft).first().revision
    response = correspondent_client.get(
        admin_url("compare", colleague_draft.pk), {"a": revision.pk, "b": "current"}
    )
    assert response.status_code == 404


def test_presence_on_a_colleagues_draft_answers_404(
    correspondent_client, colleague_draft
):
    """The presence heartbeat neither lists nor answers for someone else's draft."""
    response = correspondent_client.post(admin_url("presence", colleague_draft.pk))
    assert response.status_code == 404


def test_view_on_site_hides_a_scheduled_address(client):
    """The admin's "view on site" redirect answers 404 for a story not out yet."""
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    content_type = ContentType.objects.get_for_model(Article)
    response = client.get(f"/admin/r/{content_type.pk}/{scheduled.pk}/")
    assert response.status_code == 404


def test_a_hidden_related_article_id_is_refused(
    correspondent_client, correspondent, colleague_draft
):
    """Posting a colleague's draft into "related articles" is refused with a form error."""
    own = make_draft(created_by=correspondent)
    data = change_form_data(correspondent_client, own)
    response = post_change_form(
        correspondent_client, own, data, related_articles=[colleague_draft.pk]
    )
    assert response.status_code == 200
    assert "related_articles" in response.context["adminform"].form.errors
    assert not own.related_articles.exists()


def test_an_editors_hidden_pick_survives_a_correspondents_save(
    correspondent_client, correspondent, colleague_draft
):
    """A related article the correspondent cannot see is neither shown nor dropped by their save."""
    own = make_draft(created_by=correspondent)
    own.related_articles.add(colleague_draft)
    data = change_form_data(correspondent_client, own)
    assert "Colleague's secret draft" not in str(data)
    response = post_change_form(correspondent_client, own, data)
    assert response.status_code == 302
    assert list(own.related_articles.all()) == [colleague_draft]


def test_related_articles_chooser_offers_published_and_own_only(
    correspondent_client, correspondent, colleague_draft
):
    """The related-articles autocomplete lists live stories and the user's own, no colleague drafts."""
    own = make_draft(headline="My own draft", created_by=correspondent)
    live = make_article(headline="A live story")
    response = correspondent_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "related_articles",
        },
    )
    offered = {row["id"] for row in response.json()["results"]}
    assert {str(own.pk), str(live.pk)} <= offered
    assert str(colleague_draft.pk) not in offered


def test_where_used_names_only_stories_the_viewer_may_see(
    correspondent_client, colleague_draft
):
    """A photo's "where used" box counts a colleague's draft without naming it."""
    photo = make_photo()
    add_photo_block(colleague_draft, photo)
    response = correspondent_client.get(
        reverse("admin:media_library_photo_change", args=[photo.pk])
    )
    assertNotContains(response, "Colleague's secret draft")
    assertContains(response, "1 article you cannot open")


def test_where_used_names_every_story_for_an_editor(editor_client, colleague_draft):
    """Editors see every story a photo is used in."""
    photo = make_photo()
    add_photo_block(colleague_draft, photo)
    response = editor_client.get(
        reverse("admin:media_library_photo_change", args=[photo.pk])
    )
    assertContains(response, "Colleague&#x27;s secret draft")


def test_list_filters_offer_only_values_of_visible_articles(
    correspondent_client, correspondent, colleague_draft
):
    """The article list's section and author filters name nothing from colleagues' drafts."""
    colleague_draft.section = make_section(name="Hidden desk")
    colleague_draft.save()
    for name in ("Visible Writer", "Second Writer"):
        make_draft(
            created_by=correspondent,
            authors=[make_author(name=name)],
            section=make_section(name=f"Desk of {name}"),
        )
    response = correspondent_client.get(admin_url("changelist"))
    assertContains(response, "Visible Writer")
    assertContains(response, "Desk of Second Writer")
    assertNotContains(response, "Hidden desk")
    assertNotContains(response, "Colleague")


def scheduled_and_withdrawn(owner_author):
    now = timezone.now()
    scheduled = make_article(
        headline="Scheduled scoop",
        published_at=now + timedelta(days=1),
        authors=[owner_author],
    )
    withdrawn = make_article(
        headline="Withdrawn story",
        status=ArticleStatus.UNPUBLISHED,
        published_at=now - timedelta(days=1),
        authors=[owner_author],
    )
    return scheduled, withdrawn


def test_public_pages_hide_colleagues_scheduled_and_withdrawn_stories(
    correspondent_client, other_correspondent
):
    """A correspondent sees what readers see of a colleague's story: 404 before its time, 410 after."""
    colleague = make_author(name="Colleague", user=other_correspondent)
    scheduled, withdrawn = scheduled_and_withdrawn(colleague)
    assert correspondent_client.get(scheduled.get_absolute_url()).status_code == 404
    assert correspondent_client.get(withdrawn.get_absolute_url()).status_code == 410


def test_writers_and_editors_see_their_scheduled_and_withdrawn_stories(
    client, other_correspondent, editor
):
    """The story's own writer and editors open its page before its time and after withdrawal."""
    colleague = make_author(name="Colleague", user=other_correspondent)
    scheduled, withdrawn = scheduled_and_withdrawn(colleague)
    for user in (other_correspondent, editor):
        client.force_login(user)
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert client.get(withdrawn.get_absolute_url()).status_code == 200
        assert can_view_article(user, scheduled)
