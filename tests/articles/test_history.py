import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains
from reversion.models import Version

from articles.models import ArticleStatus, Byline, Correction, RichTextBlock
from articles.trust.concurrency import save_article_edit
from articles.trust.history import revert_article
from articles.trust.revisions import article_versions
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    """A draft with two paragraphs, a photo, two bylines and two tags."""
    article = make_article(
        headline="Minister visits Kyiv",
        status=ArticleStatus.DRAFT,
        authors=[make_author(name="Kenji Ono"), make_author(name="Aiko Mori")],
        tags=["Japan", "Ukraine"],
    )
    add_text(article, "<p>First paragraph as filed.</p>", ordering=0)
    add_photo_block(article, ordering=1)
    add_text(article, "<p>Second paragraph.</p>", ordering=2)
    return article


def save_in_admin(client, article, **changes):
    data = change_form_data(client, article)
    data.update(changes)
    response = post_change_form(client, article, data)
    assert response.status_code == 302, response.context_data["errors"]
    article.refresh_from_db()
    return data


def test_an_admin_save_records_the_whole_story(editor_client, story):
    """One save stores the article, its blocks, its bylines and its tag links together."""
    save_in_admin(editor_client, story, headline="Minister visits Kyiv again")

    version = article_versions(story).get()
    models = {
        v.content_type.model for v in Version.objects.filter(revision=version.revision)
    }
    assert models == {
        "article",
        "richtextblock",
        "photoblock",
        "byline",
        "articletag",
    }
    assert version.revision.user.username == "editor"
    assert version.field_dict["headline"] == "Minister visits Kyiv again"


def test_every_save_is_a_new_revision(editor_client, story):
    """Two saves leave two revisions, newest first, with the version counter in each."""
    save_in_admin(editor_client, story, headline="One")
    save_in_admin(editor_client, story, headline="Two")

    versions = list(article_versions(story))
    assert [v.field_dict["headline"] for v in versions] == ["Two", "One"]
    assert [v.field_dict["version"] for v in versions] == [3, 2]


def test_history_page_lists_revisions_with_who_and_what(editor_client, story):
    """The admin history page lists each revision with its author and change message."""
    save_in_admin(editor_client, story, headline="Minister visits Kyiv again")

    response = editor_client.get(
        reverse("admin:articles_article_history", args=[story.pk])
    )

    assertContains(response, "editor")
    assertContains(response, "Changed Headline")
    assertContains(response, "Compare with current")
    assertContains(response, "Restore")


@pytest.mark.parametrize("page", ["abc", "0", "99999"])
def test_history_page_answers_404_for_a_page_that_does_not_exist(
    editor_client, story, page
):
    """The history list pages like the public lists: a bad page number is a 404."""
    url = reverse("admin:articles_article_history", args=[story.pk])

    assert editor_client.get(f"{url}?page={page}").status_code == 404


def test_compare_marks_removed_and_added_words_in_fields_body_bylines_and_tags(
    editor_client, story
):
    """The comparison strikes out what went and underlines what came, part by part."""
    save_in_admin(editor_client, story)
    first = article_versions(story).get().revision
    block = RichTextBlock.objects.get(parent=story, ordering=0)
    block.text = "<p>First paragraph as corrected.</p>"
    block.save()
    story.bylines.get(author__name="Aiko Mori").delete()
    story.tags.set(["Japan", "Patriot missiles"])
    story.headline = "Minister visits Kyiv under air-raid alert"
    save_article_edit(article=story, expected_version=story.version, user=None)
    second = article_versions(story).first().revision

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[story.pk]),
        {"a": second.pk, "b": first.pk},  # order does not matter
    )

    content = response.content.decode()
    assert "<ins>under air-raid alert</ins>" in content.replace("<ins> ", "<ins>")
    assert "<del>filed.</del><ins>corrected.</ins>" in content
    assert "<del>Aiko Mori, Staff Writer</del>" in content
    assert "<ins>Patriot missiles</ins>" in content
    assert "<del>Ukraine</del>" in content


def test_compare_names_the_two_revisions_without_a_doubled_full_stop(
    editor_client, story
):
    """The line naming the revisions reads "… 22:54 · All revisions", with no stray full stop."""
    save_in_admin(editor_client, story)
    story.headline = "Minister visits Kyiv under air-raid alert"
    save_article_edit(article=story, expected_version=story.version, user=None)
    newer, older = (version.revision for version in article_versions(story)[:2])

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[story.pk]),
        {"a": older.pk, "b": newer.pk},
    )

    span = re.search(
        r'<p class="compare-span">(.*?)</p>', response.content.decode(), re.S
    )
    text = " ".join(strip_tags(span.group(1)).split())
    assert text.startswith("From the revision of ")
    assert ".." not in text


def test_compare_refuses_a_revision_of_another_article(editor_client, story):
    """A revision that does not belong to the article answers 404."""
    other = make_article()
    save_article_edit(article=other, expected_version=1, user=None)
    revision = article_versions(other).get().revision

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[story.pk]),
        {"a": revision.pk, "b": "current"},
    )

    assert response.status_code == 404


def test_revision_page_shows_the_story_as_it_was(editor_client, story):
    """A revision opens read-only with its headline, body, bylines and tags."""
    save_in_admin(editor_client, story)
    revision = article_versions(story).get().revision
    story.headline = "Later headline"
    save_article_edit(article=story, expected_version=story.version, user=None)

    response = editor_client.get(
        reverse("admin:articles_article_revision", args=[story.pk, revision.pk])
    )

    assertContains(
        response, '<th scope="row">Headline</th><td>Minister visits Kyiv</td>'
    )
    assertContains(response, "First paragraph as filed.")
    assertContains(response, "Kenji Ono, Staff Writer; Aiko Mori, Staff Writer")
    assertContains(response, "Japan, Ukraine")


def break_the_story(story):
    """Rewrite a paragraph, drop the photo, add a block, swap bylines and tags."""
    first = RichTextBlock.objects.get(parent=story, ordering=0)
    first.text = "<p>A rewritten first paragraph.</p>"
    first.save()
    story.articles_photoblock_set.all().delete()
    add_text(story, "<p>A paragraph added later.</p>", ordering=3)
    story.bylines.all().delete()
    Byline.objects.create(article=story, author=make_author(name="Someone Else"))
    story.tags.set(["Russia"])
    story.headline = "A different headline"
    save_article_edit(article=story, expected_version=story.version, user=None)


def test_revert_restores_body_blocks_bylines_and_tags(editor_client, story):
    """Restoring an earlier revision brings back its fields, blocks, bylines and tags."""
    save_in_admin(editor_client, story)
    original = article_versions(story).get().revision
    photo_id = story.articles_photoblock_set.get().photo_id
    break_the_story(story)

    response = editor_client.post(
        reverse("admin:articles_article_revert", args=[story.pk, original.pk]),
        {"expected_version": story.version},
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Minister visits Kyiv"
    body = [
        (b.ordering, getattr(b, "text", None))
        for model in (RichTextBlock,)
        for b in model.objects.filter(parent=story).order_by("ordering")
    ]
    assert body == [
        (0, "<p>First paragraph as filed.</p>"),
        (2, "<p>Second paragraph.</p>"),
    ]
    assert list(story.articles_photoblock_set.values_list("photo_id", flat=True)) == [
        photo_id
    ]
    assert [b.author.name for b in story.bylines.all()] == ["Kenji Ono", "Aiko Mori"]
    assert sorted(story.tags.names()) == ["Japan", "Ukraine"]


def test_revert_is_itself_a_new_revision_and_loses_nothing(editor_client, story):
    """After a revert, the reverted-from version is still in the history."""
    save_in_admin(editor_client, story)
    original = article_versions(story).get().revision
    break_the_story(story)

    revert_article(article=story, revision=original, user=None)

    headlines = [v.field_dict["headline"] for v in article_versions(story)]
    assert headlines == [
        "Minister visits Kyiv",
        "A different headline",
        "Minister visits Kyiv",
    ]
    assert "Reverted" in article_versions(story).first().revision.comment


def test_revert_brings_back_a_tag_deleted_since(editor_client, story):
    """A tag removed from the tag list entirely is created again by the revert."""
    from taggit.models import Tag

    save_in_admin(editor_client, story)
    original = article_versions(story).get().revision
    Tag.objects.filter(name="Ukraine").delete()

    revert_article(article=story, revision=original, user=None)

    assert sorted(story.tags.names()) == ["Japan", "Ukraine"]


def test_revert_keeps_status_publication_time_corrections_and_version(story):
    """Workflow fields, corrections and the counter are not rolled back by a revert."""
    save_article_edit(article=story, expected_version=1, user=None)
    original = article_versions(story).get().revision
    story.status = ArticleStatus.PUBLISHED
    story.published_at = story.created_at
    story.save()
    Correction.objects.create(article=story, text="A date was wrong.")
    version_before = story.version

    revert_article(article=story, revision=original, user=None)

    story.refresh_from_db()
    assert story.status == ArticleStatus.PUBLISHED
    assert story.published_at == story.created_at
    assert story.corrections.count() == 1
    assert story.version == version_before + 1
    # Its bylines, restored from the draft, keep it on its authors' pages.
    assert {b.listed_at for b in story.bylines.all()} == {story.published_at}


def test_revert_refused_with_a_reason_when_a_photo_is_gone(editor_client, story):
    """A revision that needs a since-deleted photo is refused with a clear message."""
    save_in_admin(editor_client, story)
    original = article_versions(story).get().revision
    photo = story.articles_photoblock_set.get().photo
    story.articles_photoblock_set.all().delete()
    save_article_edit(article=story, expected_version=story.version, user=None)
    photo.delete()

    response = editor_client.post(
        reverse("admin:articles_article_revert", args=[story.pk, original.pk]),
        {"expected_version": story.version},
        follow=True,
    )

    assertContains(response, "a photo has since been deleted")
    assert not story.articles_photoblock_set.exists()


def test_revert_confirmation_shows_what_would_change(editor_client, story):
    """The restore page lists the differences before anything is changed."""
    save_in_admin(editor_client, story)
    original = article_versions(story).get().revision
    break_the_story(story)

    response = editor_client.get(
        reverse("admin:articles_article_revert", args=[story.pk, original.pk])
    )

    assertContains(response, "Restore this revision")
    assertContains(response, "A paragraph added later.")
    story.refresh_from_db()
    assert story.headline == "A different headline"


def test_a_correspondent_cannot_see_another_articles_revision_through_a_wrong_id(
    editor_client, story
):
    """Unknown revision ids and malformed article ids answer 404, never 500."""
    assert (
        editor_client.get(
            reverse("admin:articles_article_revision", args=[story.pk, 999999])
        ).status_code
        == 404
    )
    assert (
        editor_client.get(
            reverse("admin:articles_article_compare", args=[story.pk]), {"a": "x"}
        ).status_code
        == 404
    )
    assert (
        editor_client.get(
            reverse("admin:articles_article_history", args=["not-a-number"])
        ).status_code
        == 404
    )
