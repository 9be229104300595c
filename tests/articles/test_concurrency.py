import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from pytest_django.asserts import assertContains

from articles.models import Article, ArticleStatus
from articles.roles import EDITOR
from articles.trust.concurrency import StaleEditError, save_article_edit
from articles.trust.revisions import article_versions
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.factories import add_text, make_article, make_user


def make_editor(username, **fields):
    user = make_user(username=username, is_staff=True, **fields)
    if not user.is_superuser:
        user.groups.add(Group.objects.get(name=EDITOR))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(db):
    """A draft whose first version is on record, as after its first admin save."""
    article = make_article(headline="Original headline", status=ArticleStatus.DRAFT)
    add_text(article, "<p>The reporter's paragraph.</p>")
    save_article_edit(article=article, expected_version=1, user=None)
    return article


@pytest.mark.django_db
def test_a_stale_admin_save_is_refused_naming_who_saved_and_when(draft):
    """The second editor's save is refused with the first editor's name and the time."""
    alice = make_editor("alice", first_name="Alice", last_name="Arden")
    bob = make_editor("bob")
    alice_form = change_form_data(alice, draft)
    bob_form = change_form_data(bob, draft)
    post_change_form(alice, draft, alice_form, headline="Alice's headline")

    response = post_change_form(bob, draft, bob_form, headline="Bob's headline")

    assert response.status_code == 200
    assertContains(response, "Not saved: Alice Arden saved this article at")
    draft.refresh_from_db()
    assert draft.headline == "Alice's headline"
    assert draft.version == 3


@pytest.mark.django_db
def test_a_refused_form_keeps_everything_typed_and_shows_what_changed(draft):
    """The refused form still holds the typed headline and body, beside the other diff."""
    alice = make_editor("alice")
    bob = make_editor("bob")
    alice_form = change_form_data(alice, draft)
    bob_form = change_form_data(bob, draft)
    post_change_form(alice, draft, alice_form, headline="Alice's headline")

    response = post_change_form(
        bob,
        draft,
        bob_form,
        headline="Bob's headline",
        **{"articles_richtextblock_set-0-text": "<p>Bob's new paragraph.</p>"},
    )

    assertContains(response, 'value="Bob&#x27;s headline"')
    assertContains(response, "Bob&#x27;s new paragraph.")
    assertContains(response, "What alice changed")
    assertContains(response, "<del>Original</del><ins>Alice&#x27;s</ins>")


@pytest.mark.django_db
def test_after_a_refusal_the_merged_version_saves(draft):
    """Saving the refused form again, after reviewing, succeeds on top of the other edit."""
    alice = make_editor("alice")
    bob = make_editor("bob")
    alice_form = change_form_data(alice, draft)
    bob_form = change_form_data(bob, draft)
    post_change_form(alice, draft, alice_form, headline="Alice's headline")
    refused = post_change_form(bob, draft, bob_form, headline="Merged headline")
    resubmitted = {**bob_form, "headline": "Merged headline"}
    resubmitted["expected_version"] = (
        refused.context_data["adminform"].form["expected_version"].value()
    )

    response = post_change_form(bob, draft, resubmitted)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.headline, draft.version) == ("Merged headline", 4)
    assert [v.field_dict["headline"] for v in article_versions(draft)] == [
        "Merged headline",
        "Alice's headline",
        "Original headline",
    ]


@pytest.mark.django_db
def test_a_form_without_a_version_is_refused_not_saved(draft):
    """A post that lost its hidden version field is refused with a clear message."""
    editor = make_editor("alice")
    data = change_form_data(editor, draft)
    del data["expected_version"]

    response = post_change_form(editor, draft, data, headline="Changed")

    assertContains(response, "This form has no version number")
    draft.refresh_from_db()
    assert draft.headline == "Original headline"


@pytest.mark.django_db
def test_the_service_refuses_a_stale_expected_version(draft):
    """save_article_edit refuses an edit made from an older version and names the saver."""
    save_article_edit(article=draft, expected_version=2, user=make_user(username="ann"))
    stale = Article.objects.get(pk=draft.pk)
    stale.headline = "Stale"

    with pytest.raises(StaleEditError) as refused:
        save_article_edit(article=stale, expected_version=2, user=None)

    assert refused.value.last_save.user_name == "ann"
    assert Article.objects.get(pk=draft.pk).headline == "Original headline"


def run_together(*jobs):
    """Start the jobs at the same moment in their own threads (own connections)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # collected and inspected by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_service_saves_one_wins_one_is_refused(draft):
    """Of two simultaneous edits from the same version, exactly one is kept."""

    def edit(headline):
        def job():
            article = Article.objects.get(pk=draft.pk)
            article.headline = headline
            return save_article_edit(article=article, expected_version=2, user=None)

        return job

    results = run_together(edit("First"), edit("Second"))

    refused = [r for r in results if isinstance(r, StaleEditError)]
    kept = [r for r in results if isinstance(r, Article)]
    assert len(refused) == 1 and len(kept) == 1
    draft.refresh_from_db()
    assert (draft.headline, draft.version) == (kept[0].headline, 3)
    assert article_versions(draft).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_admin_saves_keep_the_fresh_one_and_refuse_the_stale(draft):
    """Two editors posting at once: one redirect (saved), one refusal; no silent overwrite."""
    # Transactional tests empty the tables, role groups included: superusers here.
    alice = make_editor("alice", is_superuser=True)
    bob = make_editor("bob", is_superuser=True)
    alice_form = change_form_data(alice, draft)
    bob_form = change_form_data(bob, draft)

    results = run_together(
        lambda: post_change_form(alice, draft, alice_form, headline="By Alice"),
        lambda: post_change_form(bob, draft, bob_form, headline="By Bob"),
    )

    codes = sorted(r.status_code for r in results)
    assert codes == [200, 302]
    winner = "By Alice" if results[0].status_code == 302 else "By Bob"
    loser = results[0] if results[0].status_code == 200 else results[1]
    assertContains(loser, "Not saved:")
    draft.refresh_from_db()
    assert (draft.headline, draft.version) == (winner, 3)
