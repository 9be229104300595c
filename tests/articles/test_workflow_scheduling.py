"""A scheduled story is on every public surface at its time, with nothing running but the web server."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleStatus
from tests.factories import make_author, make_draft, make_section

pytestmark = pytest.mark.django_db

NINE = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
def scheduled(clock, editor):
    """An article an editor scheduled the evening before for 09:00."""
    clock.set(NINE - timedelta(hours=12))
    section = make_section(slug="politics-security")
    author = make_author(slug="kenji-ono")
    article = make_draft(
        section=section,
        authors=[author],
        headline="Minister pledges generators for the winter",
        slug="generators",
    )
    workflow.schedule(article=article, user=editor, at=NINE)
    return article


def public_pages(article):
    author = article.bylines.get().author
    return {
        "home": reverse("articles:home"),
        "section": reverse("articles:section", args=[article.section.slug]),
        "author": reverse("articles:author", args=[author.slug]),
    }


@pytest.mark.parametrize(
    ("moment", "visible"),
    [
        (NINE - timedelta(minutes=1), False),
        (NINE, True),
        (NINE + timedelta(minutes=1), True),
    ],
    ids=["08:59", "09:00", "09:01"],
)
def test_published_queryset_follows_the_clock(scheduled, clock, moment, visible):
    """published() leaves the article out before 09:00 and holds it from 09:00 on."""
    clock.set(moment)

    assert (scheduled in Article.objects.published()) is visible


@pytest.mark.parametrize("page", ["home", "section", "author"])
def test_listings_show_the_article_from_its_time(client, scheduled, clock, page):
    """Home, section front and author page leave the story out at 08:59 and list it at 09:00.

    Both requests go through the same client and cache, so a page cached at 08:59
    must not be served past 09:00.
    """
    url = public_pages(scheduled)[page]

    clock.set(NINE - timedelta(minutes=1))
    before = client.get(url)
    clock.set(NINE)
    after = client.get(url)

    assert (before.status_code, after.status_code) == (200, 200)
    assert scheduled.headline not in before.content.decode()
    assert scheduled.headline in after.content.decode()


def test_the_article_page_opens_at_its_time(client, scheduled, clock):
    """Readers get 404 at 08:59 and the story at 09:00."""
    clock.set(NINE - timedelta(minutes=1))
    before = client.get(scheduled.get_absolute_url())
    clock.set(NINE)
    after = client.get(scheduled.get_absolute_url())

    assert (before.status_code, after.status_code) == (404, 200)
    assert scheduled.headline in after.content.decode()


def test_unpublishing_a_scheduled_article_cancels_it(scheduled, clock, editor):
    """An unpublished scheduled story does not appear when its time comes."""
    workflow.unpublish(article=scheduled, user=editor)
    clock.set(NINE + timedelta(minutes=1))

    assert not Article.objects.published().exists()
    assert Article.objects.get().status == ArticleStatus.UNPUBLISHED


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/politics-security/feed/",
        "/authors/kenji-ono/feed/",
        "/tags/winter/feed/",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/tags/winter/",
        "/search/?q=generators",
    ],
)
def test_feeds_sitemaps_tags_and_search_follow_the_clock(client, scheduled, clock, url):
    """Feeds, sitemaps, the tag page and search leave the story out at 08:59 and carry it at 09:00."""
    scheduled.tags.add("winter")
    path = scheduled.get_absolute_url()

    clock.set(NINE - timedelta(minutes=1))
    before = client.get(url)
    clock.set(NINE)
    after = client.get(url)

    assert after.status_code == 200
    assert path not in before.content.decode()
    assert path in after.content.decode()
