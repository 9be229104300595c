"""Issue 14, point 1: the "Preview" button shows the form as it stands, unsaved edits
included, as readers will see it, and saves nothing."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from articles.admin.draft_preview import PANE_NAME
from articles.models import Article, RichTextBlock
from tests.articles.admin_forms import article_form_data, change_form_data
from tests.factories import add_photo_block, add_text, make_article, make_section
from tests.html_checker import nu_checker_errors

pytestmark = pytest.mark.django_db

PREVIEW_NEW = reverse("admin:articles_article_preview_new")


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


@pytest.fixture
def draft(own_draft):
    add_text(own_draft, "<p>The minister arrived in Kyiv on Sunday.</p>")
    return own_draft


def test_the_preview_shows_unsaved_edits_and_saves_nothing(correspondent_client, draft):
    """A typed headline and body appear in the preview; the stored story stays as it was."""
    before = Article.objects.values().get(pk=draft.pk)
    data = change_form_data(correspondent_client, draft)
    data["headline"] = "Minister pledges generators in Kyiv"
    data["articles_richtextblock_set-0-text"] = "<p>Typed a minute ago.</p>"

    response = correspondent_client.post(preview_url(draft), data)

    assertContains(
        response, '<h1 class="headline">Minister pledges generators in Kyiv</h1>'
    )
    assertContains(response, "<p>Typed a minute ago.</p>")
    assertNotContains(response, "arrived in Kyiv on Sunday")
    assertContains(response, "Preview — not published.")
    assert Article.objects.values().get(pk=draft.pk) == before
    stored = RichTextBlock.objects.get(parent=draft)
    assert stored.text == "<p>The minister arrived in Kyiv on Sunday.</p>"
    assert not Version.objects.get_for_object(draft).exists()


def test_the_preview_is_never_cached_and_never_indexed(correspondent_client, draft):
    """Private, no-store, noindex in the headers and in the page."""
    data = change_form_data(correspondent_client, draft)

    response = correspondent_client.post(preview_url(draft), data)

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "no-cache", "max-age=0"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assertContains(response, '<meta name="robots" content="noindex, nofollow">')


def test_only_this_site_may_frame_the_preview(correspondent_client, draft):
    """The preview allows a same-origin frame (the pane); the editor itself allows none."""
    data = change_form_data(correspondent_client, draft)

    preview = correspondent_client.post(preview_url(draft), data)
    editor = correspondent_client.get(
        reverse("admin:articles_article_change", args=[draft.pk])
    )

    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert editor["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in editor["Content-Security-Policy"]


def test_the_editor_offers_the_preview_button_and_pane(correspondent_client, draft):
    """The button posts to the preview view, in a new tab unless the script opens the pane."""
    response = correspondent_client.get(
        reverse("admin:articles_article_change", args=[draft.pk])
    )

    assertContains(response, f'formaction="{preview_url(draft)}"')
    assertContains(response, 'formtarget="_blank"')
    assertContains(response, f'<iframe name="{PANE_NAME}"')
    assertContains(response, "articles/admin/preview.js")


def test_a_form_that_would_not_save_lists_its_problems(correspondent_client, draft):
    """No headline: the page says what is wrong, and nothing is saved."""
    data = change_form_data(correspondent_client, draft)
    data["headline"] = ""

    response = correspondent_client.post(preview_url(draft), data)

    assert response.status_code == 200
    assertContains(response, "The story was not previewed")
    assertContains(response, "<strong>Headline</strong>: This field is required.")
    assertContains(response, "everything you typed is still in the form")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    draft.refresh_from_db()
    assert draft.headline == "Own draft"


def test_rich_text_is_sanitised_before_it_is_shown(correspondent_client, draft):
    """A script typed into the body never reaches the preview."""
    data = change_form_data(correspondent_client, draft)
    data["articles_richtextblock_set-0-text"] = (
        "<p>Safe words.</p><script>alert(1)</script><img src=x onerror=alert(1)>"
    )

    response = correspondent_client.post(preview_url(draft), data)

    assertContains(response, "<p>Safe words.</p>")
    assertNotContains(response, "alert(1)")


def test_a_deleted_block_and_a_new_tag_show_as_they_would_after_saving(
    correspondent_client, draft
):
    """Blocks marked for deletion are left out; typed tags are listed."""
    data = change_form_data(correspondent_client, draft)
    data["articles_richtextblock_set-0-DELETE"] = "on"
    data["tags"] = "coast guard, Manila"

    response = correspondent_client.post(preview_url(draft), data)

    assertNotContains(response, "arrived in Kyiv on Sunday")
    assertContains(response, 'href="/tags/coast-guard/"')
    assertContains(response, ">Manila</a>")


def test_a_newer_saved_version_does_not_stop_a_preview(correspondent_client, draft):
    """The stale-save check guards saves, not previews."""
    data = change_form_data(correspondent_client, draft)
    Article.objects.filter(pk=draft.pk).update(version=draft.version + 1)
    data["headline"] = "Still previewed"

    response = correspondent_client.post(preview_url(draft), data)

    assertContains(response, "Still previewed")


def test_a_new_story_is_previewed_before_its_first_save(
    correspondent_client, correspondent_author
):
    """The add form previews too, with the writer's own byline, and creates no article."""
    section = make_section(name="Asia-Pacific", slug="asia-pacific")
    data = article_form_data(
        correspondent_client, reverse("admin:articles_article_add")
    )
    data.update(
        headline="Coast guards meet in Manila",
        slug="coast-guards-meet-in-manila",
        dek="Patrols in the South China Sea.",
        section=section.pk,
    )

    response = correspondent_client.post(PREVIEW_NEW, data)

    assertContains(response, '<h1 class="headline">Coast guards meet in Manila</h1>')
    assertContains(response, "Kenji Ono")
    assertContains(response, "Asia-Pacific")
    assert not Article.objects.exists()


def test_an_editor_previews_a_change_to_a_live_story_that_readers_do_not_see(
    editor_client, client
):
    """The preview shows the edit; the public page keeps the published headline."""
    live = make_article(headline="Published headline")
    data = change_form_data(editor_client, live)
    data["headline"] = "A sharper headline"

    response = editor_client.post(preview_url(live), data)

    assertContains(response, "A sharper headline")
    client.logout()
    assertContains(client.get(live.get_absolute_url()), "Published headline")


def test_someone_elses_story_and_a_missing_one_answer_the_same_404(
    correspondent_client, others_draft
):
    """Not yours and not there cannot be told apart."""
    missing = reverse("admin:articles_article_preview", args=[others_draft.pk + 1000])

    theirs = correspondent_client.post(preview_url(others_draft), {"headline": "x"})
    nothing = correspondent_client.post(missing, {"headline": "x"})

    assert theirs.status_code == nothing.status_code == 404
    assert theirs.content == nothing.content


def test_the_preview_answers_posts_only(correspondent_client, draft):
    """Opening the address directly shows nothing: 405."""
    assert correspondent_client.get(preview_url(draft)).status_code == 405


def test_the_preview_is_valid_html(correspondent_client, draft, tmp_path):
    """The W3C checker finds nothing in a preview with a photo, a byline and new tags."""
    add_photo_block(draft, ordering=1)
    data = change_form_data(correspondent_client, draft)
    data["tags"] = "coast guard, Manila"

    page = correspondent_client.post(preview_url(draft), data).content

    assert nu_checker_errors({"draft-preview": page}, tmp_path) == {"draft-preview": []}
