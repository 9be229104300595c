"""An author's page and feed list their stories newest first, from the bylines' copy of
each story's listing time (Byline.listed_at), which follows the story."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import ArticleStatus, Byline
from articles.site import listings, stored_cards
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return make_author(name="Aiko Tanaka")


def listed_at(article, author):
    return Byline.objects.get(article=article, author=author).listed_at


def test_a_bylines_listing_time_follows_its_story(author):
    when = timezone.now() - timedelta(hours=3)
    story = make_article(authors=[author], published_at=when)
    assert listed_at(story, author) == when

    story.status = ArticleStatus.UNPUBLISHED
    story.save()
    assert listed_at(story, author) is None

    story.status = ArticleStatus.PUBLISHED
    story.published_at = when + timedelta(days=1)  # rescheduled
    story.save()
    assert listed_at(story, author) == when + timedelta(days=1)

    story.trashed_at = timezone.now()
    story.save()
    assert listed_at(story, author) is None


def test_drafts_are_not_listed(author):
    draft = make_article(
        authors=[author], status=ArticleStatus.DRAFT, published_at=None
    )
    assert listed_at(draft, author) is None


def test_the_author_page_lists_by_publication_time_not_by_id(client, author):
    now = timezone.now()
    newer = make_article(
        authors=[author], headline="Newer story", published_at=now - timedelta(hours=1)
    )
    # Created later, published earlier (an imported archive story, say).
    older = make_article(
        authors=[author], headline="Older story", published_at=now - timedelta(days=9)
    )
    assert older.pk > newer.pk
    cache.clear()

    page = client.get(author.get_absolute_url()).content.decode()

    assert page.index("Newer story") < page.index("Older story")


def test_the_author_list_counts_only_what_readers_see(author):
    now = timezone.now()
    for hours in range(1, 4):
        make_article(authors=[author], published_at=now - timedelta(hours=hours))
    make_article(authors=[author], status=ArticleStatus.DRAFT, published_at=None)
    make_article(authors=[author], published_at=now + timedelta(days=1))  # scheduled
    make_article(authors=[make_author(name="Someone Else")])

    stories, listed = listings.by_author(author, stored_cards.card(3))

    assert listed.count() == stories.count() == 3
