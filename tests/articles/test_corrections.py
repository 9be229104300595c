from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import ArticleStatus, Correction, CorrectionKind
from articles.site.caching import cached_chrome
from articles.trust.corrections import (
    CorrectionRefused,
    add_correction,
)
from tests.articles.admin_forms import change_form_data, post_change_form
from tests.articles.distribution_helpers import json_ld_of_type
from tests.factories import make_article
from text.times import format_desk_time

pytestmark = pytest.mark.django_db


def test_adding_a_correction_bumps_the_articles_modified_time():
    """The article's updated_at moves to the time the note was added."""
    article = make_article()
    before = article.updated_at

    add_correction(
        article=article, kind=CorrectionKind.CORRECTION, text="The budget was ¥7.95tn."
    )

    article.refresh_from_db()
    assert article.updated_at > before


def test_corrections_are_refused_on_unpublished_articles():
    """A draft cannot carry a public correction."""
    draft = make_article(status=ArticleStatus.DRAFT)

    with pytest.raises(CorrectionRefused):
        add_correction(article=draft, kind=CorrectionKind.UPDATE, text="Anything.")

    assert not Correction.objects.exists()


def test_the_article_shows_each_note_labelled_with_its_time(client):
    """The page lists the note's kind, its time in a <time> element and its text."""
    article = make_article()
    note = add_correction(
        article=article,
        kind=CorrectionKind.CLARIFICATION,
        text="The minister met both the president and the foreign minister.",
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, f'id="correction-{note.pk}"')
    assertContains(response, '<strong class="correction-kind">Clarification</strong>')
    # To the second: the HTML checker refuses more than three digits of a fraction.
    assertContains(response, f'datetime="{note.published_at:%Y-%m-%dT%H:%M:%S%z}"')
    assertContains(response, "both the president and the foreign minister")


def test_structured_data_describes_each_note(client):
    """The served page's NewsArticle lists each note as a schema.org object."""
    article = make_article()
    add_correction(article=article, kind=CorrectionKind.CORRECTION, text="Wrong date.")
    add_correction(article=article, kind=CorrectionKind.UPDATE, text="New figures.")

    page = client.get(article.get_absolute_url()).content.decode()
    data = json_ld_of_type(page, "NewsArticle")["correction"]

    assert [d["@type"] for d in data] == ["CorrectionComment", "Comment"]
    assert data[0]["text"] == "Wrong date."
    assert data[1]["name"] == "Update"
    assert data[0]["url"].endswith(
        f"{article.get_absolute_url()}#correction-{article.corrections.first().pk}"
    )
    assert "datePublished" in data[0]


def test_the_corrections_page_lists_notes_newest_first():
    """/corrections/ shows notes of published articles, newest first, with their article."""
    older = make_article(headline="Older story")
    newer = make_article(headline="Newer story")
    add_correction(
        article=older,
        kind=CorrectionKind.CORRECTION,
        text="Older note.",
        published_at=timezone.now() - timedelta(days=1),
    )
    add_correction(article=newer, kind=CorrectionKind.UPDATE, text="Newer note.")

    response = Client().get(reverse("trust:corrections"))

    content = response.content.decode()
    assert content.index("Newer note.") < content.index("Older note.")
    assertContains(response, newer.get_absolute_url())


def test_the_corrections_page_hides_notes_on_articles_no_longer_public():
    """Notes on withdrawn or scheduled articles stay off the public list and feed."""
    withdrawn = make_article(headline="Withdrawn story")
    Correction.objects.create(article=withdrawn, text="Hidden note one.")
    withdrawn.status = ArticleStatus.UNPUBLISHED
    withdrawn.save()
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    Correction.objects.create(article=scheduled, text="Hidden note two.")

    page = Client().get(reverse("trust:corrections"))
    feed = Client().get(reverse("trust:corrections_feed"))

    for response in (page, feed):
        assertNotContains(response, "Hidden note")


def test_the_corrections_page_is_paginated_in_few_queries(
    django_assert_max_num_queries,
):
    """Twenty notes a page, whatever their number, in a fixed number of queries.

    Three for the page and one for the schedule lookup every public page shares; the
    chrome is cached apart from articles.
    """
    for n in range(25):
        Correction.objects.create(article=make_article(), text=f"Note {n}.")
    cached_chrome()

    with django_assert_max_num_queries(4):
        first = Client().get(reverse("trust:corrections"))
    second = Client().get(reverse("trust:corrections"), {"page": 2})

    assert first.content.decode().count('class="correction correction-') == 20
    assert second.content.decode().count('class="correction correction-') == 5
    assertContains(first, "?page=2")


def test_the_corrections_feed_parses_with_stable_guids():
    """The RSS feed parses and gives each note its kind, article, link and a stable id."""
    article = make_article(headline="Minister visits Kyiv")
    note = add_correction(
        article=article, kind=CorrectionKind.CORRECTION, text="Fixed."
    )

    response = Client().get(reverse("trust:corrections_feed"))
    feed = feedparser.parse(response.content)

    assert not feed.bozo
    entry = feed.entries[0]
    assert entry.title == "Correction: Minister visits Kyiv"
    assert entry.id == f"correction-{note.pk}"
    assert entry.link.endswith(f"#correction-{note.pk}")


def test_an_editor_adds_a_correction_in_the_article_form(editor_client):
    """The correction inline saves the note with its author and bumps the modified time."""
    article = make_article()
    before = article.updated_at
    data = change_form_data(editor_client, article)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "An earlier version gave the wrong budget figure.",
            "corrections-0-published_at": format_desk_time(timezone.now()),
        }
    )

    response = post_change_form(editor_client, article, data)

    assert response.status_code == 302
    note = article.corrections.get()
    assert note.created_by.username == "editor"
    article.refresh_from_db()
    assert article.updated_at > before


def test_the_inline_refuses_a_correction_on_a_draft(editor_client):
    """Adding a note to an unpublished article in the admin is refused with a message."""
    draft = make_article(status=ArticleStatus.DRAFT)
    data = change_form_data(editor_client, draft)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "update",
            "corrections-0-text": "Too early.",
            "corrections-0-published_at": format_desk_time(timezone.now()),
        }
    )

    response = post_change_form(editor_client, draft, data)

    assertContains(response, "added to published articles only")
    assert not Correction.objects.exists()


def test_a_withdrawn_article_answers_410_with_a_note(client):
    """An article taken down after publication answers 410 Gone, not 404."""
    article = make_article()
    url = article.get_absolute_url()
    article.status = ArticleStatus.UNPUBLISHED
    article.save()

    response = client.get(url)

    assert response.status_code == 410
    assertContains(response, "This article has been withdrawn", status_code=410)


def test_an_address_that_never_existed_still_answers_404(client):
    """Only withdrawn articles get 410; unknown addresses stay 404."""
    section = make_article().section

    response = client.get(f"/{section.slug}/2024/01/07/never-written/")

    assert response.status_code == 404


def test_the_corrections_page_is_never_counted_and_ends_where_the_notes_do():
    """The notes grow with the archive: pages know only whether another follows."""
    for n in range(21):
        Correction.objects.create(article=make_article(), text=f"Note {n}.")

    with CaptureQueriesContext(connection) as queries:
        first = Client().get(reverse("trust:corrections"))
    last = Client().get(reverse("trust:corrections"), {"page": 2})
    past_the_end = Client().get(reverse("trust:corrections"), {"page": 3})

    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)
    assertContains(first, "Page 1</span>")
    assertContains(first, 'rel="next" href="?page=2"')
    assertNotContains(first, 'rel="prev"')
    assertContains(last, 'rel="prev"')
    assertNotContains(last, 'rel="next"')
    assert last.content.decode().count('class="correction correction-') == 1
    assert past_the_end.status_code == 404
