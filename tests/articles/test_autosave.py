"""Autosave of the article change form: kept beside the story as a revision marked
autosave, never written into it, out of the history's way, and offered back when the
writer reopens the story."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Revision

from articles.models import Article, ArticleStatus, Autosave
from articles.roles import EDITOR
from articles.trust.concurrency import last_save, save_article_edit
from articles.trust.revisions import article_versions
from tests.articles.admin_forms import (
    change_form_data,
    form_data_of,
    post_change_form,
)
from tests.factories import add_text, make_article, make_draft, make_member

pytestmark = pytest.mark.django_db

BODY = "articles_richtextblock_set-0-text"


def signed_in(role, username, **fields):
    user = make_member(role, username=username, **fields)
    client = Client()
    client.force_login(user)
    return client


def admin_url(name, article):
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


def autosave(client, article, data, **typed):
    return client.post(admin_url("autosave", article), {**data, **typed})


@pytest.fixture
def draft():
    """A draft with a first revision on record, as after its first admin save."""
    article = make_draft(headline="Japan pledges generators")
    add_text(article, "<p>The minister took shelter.</p>")
    save_article_edit(article=article, expected_version=1, user=None)
    return article


@pytest.fixture
def desk():
    return signed_in(EDITOR, "desk", first_name="Dana", last_name="Desk")


def test_an_autosave_keeps_the_typing_and_leaves_the_draft_untouched(draft, desk):
    """The typed headline is kept as an autosave revision; the story row is not written."""
    before = Article.objects.values("headline", "version", "updated_at").get(
        pk=draft.pk
    )
    data = change_form_data(desk, draft)

    response = autosave(desk, draft, data, headline="Japan pledges more generators")

    assert response.status_code == 200
    assert response.json()["message"].startswith("Autosaved")
    assert response.json()["warning"] == ""
    saved = Autosave.objects.get(article=draft)
    assert saved.revision.comment == "Autosave"
    assert saved.base_version == 2
    assert ["headline", "Japan pledges more generators"] in saved.form_data
    assert not any(name == "csrfmiddlewaretoken" for name, _ in saved.form_data)
    stored = saved.revision.version_set.get()._object_version.object
    assert stored.headline == "Japan pledges more generators"
    assert (
        Article.objects.values("headline", "version", "updated_at").get(pk=draft.pk)
        == before
    )


def test_an_autosave_of_a_live_story_never_reaches_readers(desk, client):
    """An editor's typing on a published story stays out of the live row and the page."""
    live = make_article(headline="Live headline")
    data = change_form_data(desk, live)

    response = autosave(desk, live, data, headline="Half-typed headline")

    assert response.status_code == 200
    live.refresh_from_db()
    assert (live.headline, live.version, live.status) == (
        "Live headline",
        1,
        ArticleStatus.PUBLISHED,
    )
    page = client.get(live.get_absolute_url())
    assertContains(page, "Live headline")
    assertNotContains(page, "Half-typed")


def test_a_correspondent_autosaves_only_what_they_may_edit(
    correspondent_client, own_draft, others_draft
):
    """Own draft: kept. Own submitted story: 403. A colleague's draft: 404, as if absent."""
    data = change_form_data(correspondent_client, own_draft)
    submitted = make_draft(
        created_by=own_draft.created_by, status=ArticleStatus.IN_REVIEW
    )
    missing = Article(pk=own_draft.pk + others_draft.pk + 1000)

    assert autosave(correspondent_client, own_draft, data).status_code == 200
    assert autosave(correspondent_client, submitted, data).status_code == 403
    hidden = autosave(correspondent_client, others_draft, data)
    absent = autosave(correspondent_client, missing, data)
    assert (hidden.status_code, absent.status_code) == (404, 404)
    assert hidden.content == absent.content
    assert Autosave.objects.filter(article=others_draft).count() == 0


def test_an_autosave_without_a_version_is_refused_with_a_message(draft, desk):
    """No version, or a bad one: 400 with a sentence saying what to do, nothing kept."""
    data = change_form_data(desk, draft)
    for bad in ["", "seven", "0"]:
        response = autosave(desk, draft, data, expected_version=bad)
        assert response.status_code == 400
        assert "Reload the article" in response.json()["error"]
    assert desk.get(admin_url("autosave", draft)).status_code == 405
    assert not Autosave.objects.exists()


def test_a_newer_autosave_replaces_the_writers_older_one(draft, desk):
    """One autosave per writer and story: the older revision goes with its row."""
    data = change_form_data(desk, draft)
    autosave(desk, draft, data, headline="First try")
    first = Autosave.objects.get().revision_id

    autosave(desk, draft, data, headline="Second try")

    assert ["headline", "Second try"] in Autosave.objects.get().form_data
    assert not Revision.objects.filter(pk=first).exists()


def test_an_autosave_from_an_older_version_warns_and_moves_no_counter(draft, desk):
    """Someone saved since the form opened: the autosave is kept and the writer is told."""
    data = change_form_data(desk, draft)
    other = signed_in(EDITOR, "other", first_name="Olga")
    post_change_form(other, draft, change_form_data(other, draft), headline="Olga's")

    response = autosave(desk, draft, data, headline="Dana's")

    assert "Olga saved this article at" in response.json()["warning"]
    assert Autosave.objects.get().base_version == 2
    draft.refresh_from_db()
    assert (draft.headline, draft.version) == ("Olga's", 3)


def test_autosaves_stay_out_of_the_history_and_the_stale_check(draft, desk):
    """History lists saved revisions; autosaves are folded apart and cannot be reverted."""
    data = change_form_data(desk, draft)
    autosave(desk, draft, data, headline="Typed, not saved")
    revision = Autosave.objects.get().revision

    history = desk.get(admin_url("history", draft))

    assert [v.revision.comment for v in article_versions(draft)] == ["Edited."]
    assert last_save(draft.pk).version == 2
    page = history.content.decode()
    table = page[page.index('id="revision-list"') : page.index("</table>")]
    assert "Typed, not saved" not in table
    assert '<details class="autosave-list" id="autosave-list">' in page
    assertContains(history, "One autosave of unsaved edits")
    assertContains(history, "Typed, not saved")
    for name in ("revision", "revert"):
        url = reverse(f"admin:articles_article_{name}", args=[draft.pk, revision.pk])
        assert desk.get(url).status_code == 404


def test_reopening_offers_a_newer_autosave_to_its_writer_only(draft, desk):
    """The writer is offered their autosave; a colleague opening the story is not."""
    autosave(desk, draft, change_form_data(desk, draft), headline="Typed")

    reopened = desk.get(admin_url("change", draft))
    colleague = signed_in(EDITOR, "colleague").get(admin_url("change", draft))

    assertContains(reopened, "Restore my autosaved edits")
    assertContains(reopened, 'href="?restore=autosave"')
    assertNotContains(colleague, "Restore my autosaved edits")


def test_restoring_puts_the_typing_back_into_the_form_without_saving(draft, desk):
    """One click brings back the typed headline and body; the story changes only on Save."""
    data = change_form_data(desk, draft)
    autosave(
        desk,
        draft,
        data,
        headline="Japan pledges more generators",
        **{BODY: "<p>The minister took shelter twice.</p>"},
    )

    restored = desk.get(admin_url("change", draft), {"restore": "autosave"})

    assertContains(restored, 'value="Japan pledges more generators"')
    assertContains(restored, "The minister took shelter twice.")
    assertContains(restored, "are back in the form")
    assertContains(restored, 'data-restored="true"')
    draft.refresh_from_db()
    assert draft.headline == "Japan pledges generators"

    saved = post_change_form(desk, draft, form_data_of(restored))

    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Japan pledges more generators"
    assert "twice" in draft.articles_richtextblock_set.get().text
    assert not Autosave.objects.exists()
    assertNotContains(desk.get(admin_url("change", draft)), "Restore my autosaved")


def test_no_offer_once_the_story_was_saved_after_the_autosave(draft, desk):
    """A save after the autosave (by anyone) makes the autosave old news: no offer."""
    autosave(desk, draft, change_form_data(desk, draft), headline="Typed")
    other = signed_in(EDITOR, "other")
    post_change_form(other, draft, change_form_data(other, draft), headline="Saved")

    assertNotContains(desk.get(admin_url("change", draft)), "Restore my autosaved")


def test_an_autosave_sent_before_the_writers_own_save_is_dropped(draft, desk):
    """An autosave arriving after the writer's Save of the same form is not kept."""
    data = change_form_data(desk, draft)
    post_change_form(desk, draft, data, headline="Saved headline")

    response = autosave(desk, draft, data, headline="Saved headline")

    assert response.status_code == 200
    assert not Autosave.objects.exists()


def test_restoring_with_nothing_to_restore_says_so(draft, desk):
    """`?restore=autosave` without an autosave opens the form as saved, with a note."""
    response = desk.get(admin_url("change", draft), {"restore": "autosave"})

    assert response.status_code == 200
    assertContains(response, "There is no autosave of yours to restore.")
    assertContains(response, 'value="Japan pledges generators"')


def test_the_add_page_has_no_autosave_but_loads_the_script(desk):
    """A story is autosaved from its first save on; the add page still warns on leaving."""
    response = desk.get(reverse("admin:articles_article_add"))

    assertContains(response, "articles/admin/autosave.js")
    assertNotContains(response, 'id="autosave-status"')


def test_the_writer_can_discard_the_offer(draft, desk):
    """ "Discard them" drops the autosave and returns to the form, which offers nothing."""
    data = change_form_data(desk, draft)
    autosave(desk, draft, data, headline="Typed")

    response = desk.post(admin_url("autosave", draft), {**data, "discard": "1"})

    assert response.status_code == 302
    assert response["Location"] == admin_url("change", draft)
    assert not Autosave.objects.exists()
    reopened = desk.get(admin_url("change", draft))
    assertContains(reopened, "Your autosaved edits were discarded.")
    assertNotContains(reopened, "Restore my autosaved")
    draft.refresh_from_db()
    assert draft.headline == "Japan pledges generators"


def test_restoring_typing_from_an_older_version_shows_what_changed_since(draft, desk):
    """Someone saved after the writer opened the form: the restored form says so, and
    its Save is refused rather than overwriting their version."""
    data = change_form_data(desk, draft)
    other = signed_in(EDITOR, "other", first_name="Olga")
    post_change_form(other, draft, change_form_data(other, draft), headline="Olga's")
    autosave(desk, draft, data, headline="Dana's")

    restored = desk.get(admin_url("change", draft), {"restore": "autosave"})

    assertContains(restored, 'value="Dana&#x27;s"')
    assertContains(restored, "Not saved: Olga saved this article at")
    refused = post_change_form(desk, draft, data, headline="Dana's")
    assert refused.status_code == 200
    draft.refresh_from_db()
    assert draft.headline == "Olga's"
