"""The article page shows every part of a reported article."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import ArticleStatus
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_article():
    author = make_author(
        name="Kenji Ono",
        slug="kenji-ono",
        job_title="Diplomatic Correspondent",
        short_bio="Kenji Ono covers Japanese foreign policy.",
    )
    hero = make_photo(
        caption="The minister is welcomed in Kyiv, January 7, 2024.",
        credit="Ukrainian Presidential Press Service/Handout via REUTERS",
    )
    article = make_article(
        headline="Tokyo pledges air-defence help on a winter visit to Kyiv",
        dek="The foreign minister promised generators and deeper security ties.",
        dateline="KYIV",
        hero=hero,
        authors=[author],
        tags=["Ukraine", "Japan"],
    )
    add_text(
        article, "<h2>Seeking air-defence help</h2><p>First paragraph.</p>", ordering=10
    )
    add_photo_block(
        article, make_photo(caption="Inline caption.", credit="©Kyodo"), ordering=20
    )
    add_text(
        article, "<h2>The price of defence</h2><p>Last paragraph.</p>", ordering=30
    )
    return article


def test_article_page_shows_every_part(client, reported_article):
    """Section, headline, dek, byline with title, dateline, time, figures, subheads, tags and bio."""
    response = client.get(reported_article.get_absolute_url())

    assertContains(response, reported_article.section.name)
    assertContains(response, "<h1", count=1)
    assertContains(response, reported_article.headline)
    assertContains(response, reported_article.dek)
    assertContains(response, 'href="/authors/kenji-ono/"')
    assertContains(response, "Diplomatic Correspondent")
    assertContains(response, "KYIV")
    assertContains(
        response, f'datetime="{reported_article.published_at:%Y-%m-%dT%H:%M:%S}'
    )
    assertContains(response, "Published")
    assertContains(response, "The minister is welcomed in Kyiv, January 7, 2024.")
    assertContains(
        response, "(Ukrainian Presidential Press Service/Handout via REUTERS)"
    )
    assertContains(response, "Inline caption.")
    assertContains(response, "(©Kyodo)")
    assertContains(response, "<h2>Seeking air-defence help</h2>", html=False)
    assertContains(response, "<h2>The price of defence</h2>", html=False)
    assertContains(response, "Ukraine")
    assertContains(response, "Kenji Ono covers Japanese foreign policy.")


def test_body_blocks_render_in_order(client, reported_article):
    """The subheads appear in the order editors gave them."""
    html = client.get(reported_article.get_absolute_url()).content.decode()

    assert (
        html.index("Seeking air-defence help")
        < html.index("Inline caption.")
        < html.index("The price of defence")
    )


def test_caption_and_credit_overrides_win_over_the_library(client):
    """A per-use caption and credit replace the library's on that article only."""
    photo = make_photo(caption="Library caption.", credit="Library credit")
    article = make_article(
        hero=photo, hero_caption="Hero caption here.", hero_credit="©Kyodo"
    )
    add_photo_block(article, photo, credit="AFP")

    response = client.get(article.get_absolute_url())

    assertContains(response, "Hero caption here.")
    assertContains(response, "(©Kyodo)")
    assertContains(response, "(AFP)")
    assertContains(
        response, "Library caption."
    )  # the inline use keeps the library caption
    assertNotContains(response, "(Library credit)")


@pytest.mark.parametrize(
    "status, offset, answer",
    [
        (ArticleStatus.DRAFT, -1, 404),
        (ArticleStatus.IN_REVIEW, -1, 404),
        (ArticleStatus.UNPUBLISHED, -1, 410),
        (ArticleStatus.PUBLISHED, +1, 404),
    ],
)
def test_readers_cannot_open_unpublished_or_scheduled_articles(
    client, status, offset, answer
):
    """Anything not yet public answers 404 to readers; a withdrawn article 410 Gone."""
    article = make_article(
        status=status, published_at=timezone.now() + timedelta(hours=offset)
    )

    assert client.get(article.get_absolute_url()).status_code == answer


def test_staff_who_edit_articles_can_preview_a_scheduled_article_uncached(
    editor_client,
):
    """Editors see a scheduled article at its future URL, and the page is never cached."""
    article = make_article(published_at=timezone.now() + timedelta(days=1))

    response = editor_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/{section}/2024/13/07/{slug}/",
        "/{section}/2024/02/30/{slug}/",
        "/{section}/24/01/07/{slug}/",
        "/{section}/2024/1/7/{slug}/",
        "/{section}/2024/01/07/no-such-story/",
        "/no-such-section/2024/01/07/{slug}/",
    ],
)
def test_malformed_or_unknown_article_urls_answer_404(client, path):
    """Impossible dates and unknown slugs are a 404, never a 500."""
    article = make_article()

    response = client.get(path.format(section=article.section.slug, slug=article.slug))

    assert response.status_code == 404


def test_a_wrong_date_redirects_permanently_to_the_real_one(client):
    """The slug identifies the article; a wrong date in the URL is corrected with a 301."""
    article = make_article()

    response = client.get(f"/{article.section.slug}/2001/01/01/{article.slug}/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
