"""Drafts, articles in review, unpublished and scheduled articles never reach a reader."""

import pytest
from pytest_django.asserts import assertNotContains

from tests.factories import expected_status_of_hidden
from tests.site_content import HIDDEN_MARK, public_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page",
    ["home", "section", "article", "author-index", "author", "tag", "search"],
)
def test_no_page_lists_an_unpublished_article(client, newsroom, page):
    """Hidden articles are absent from lists, related articles, counts and search."""
    url = public_urls(newsroom)[page]

    response = client.get(url)

    assert response.status_code == 200
    assertNotContains(response, HIDDEN_MARK)


def test_search_for_hidden_words_finds_nothing(client, newsroom):
    """A word only hidden articles contain gives no result."""
    response = client.get("/search/", {"q": HIDDEN_MARK})

    assertNotContains(response, HIDDEN_MARK + " ")
    assert response.context["page"].paginator.count == 0


def test_no_hidden_article_answers_at_its_address(client, newsroom):
    """A hidden article's address answers 404, or 410 once it was live and withdrawn."""
    for article in newsroom.hidden:
        url = article.get_absolute_url()
        if url is None:
            continue
        response = client.get(url)
        assert response.status_code == expected_status_of_hidden(article), (
            article.headline
        )
        assertNotContains(response, article.headline, status_code=response.status_code)


def test_author_index_counts_only_published_articles(client, newsroom):
    """The count beside an author ignores the hidden articles they wrote."""
    response = client.get("/authors/")

    counts = {a.slug: a.article_count for a in response.context["authors"]}
    assert counts["kenji-ono"] == 4
