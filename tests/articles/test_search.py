"""Full-text search: ranking, snippets, odd queries, and the stored vector."""

import pytest
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.site.search import clean_query
from tests.factories import add_text, make_article

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text ranking needs PostgreSQL"
)


@postgres_only
def test_headline_match_ranks_above_body_only_match(client):
    """An article with the word in its headline comes before one with it only in the body."""
    body_only = make_article(headline="Budget talks resume", dek="Ministers meet.")
    add_text(body_only, "<p>The talks touched on Patriot missiles and winter aid.</p>")
    in_headline = make_article(
        headline="Patriot missiles to be exported", dek="A rule change."
    )

    response = client.get("/search/", {"q": "patriot missiles"})

    results = [article for article, _ in response.context["results"]]
    assert results == [in_headline, body_only]


@postgres_only
def test_dek_match_ranks_above_body_only_match(client):
    """Dek (weight B) outranks body text (weight C)."""
    body_only = make_article(headline="One", dek="Nothing here.")
    add_text(body_only, "<p>Generators for the winter.</p>")
    in_dek = make_article(headline="Two", dek="Generators for the winter.")

    response = client.get("/search/", {"q": "generators"})

    assert [a for a, _ in response.context["results"]] == [in_dek, body_only]


@postgres_only
def test_body_text_is_searchable_once_blocks_are_saved(client):
    """Text added in a block after the article was saved is found."""
    article = make_article(headline="Kyiv visit")
    add_text(article, "<p>An air-raid alert interrupted the meeting.</p>")

    response = client.get("/search/", {"q": "air-raid"})

    assert [a for a, _ in response.context["results"]] == [article]


@postgres_only
def test_stored_vector_follows_edits():
    """Changing the headline updates the stored search vector."""
    article = make_article(headline="Old words")
    article.headline = "Generators arrive"
    article.save()

    found = Article.objects.filter(search_vector="generators")
    assert list(found) == [article]


def test_snippet_highlights_matches_and_escapes_text(client):
    """The snippet marks the words found and never lets markup through."""
    article = make_article(headline="Trade", dek="Tariffs & <b>exports</b> change.")
    add_text(article, "<p>Export rules changed in December.</p>")

    response = client.get("/search/", {"q": "exports"})

    assertContains(response, "<mark>")
    assertContains(response, "Tariffs &amp;")
    assertNotContains(response, "<b>")


def test_empty_query_gets_a_helpful_page(client):
    """No query: a page explaining what to search for, and sections to browse."""
    response = client.get("/search/", {"q": "   "})

    assert response.status_code == 200
    assertContains(response, "Not sure where to start?")


@pytest.mark.parametrize(
    "query",
    [
        "zzzyqx",
        "!!!",
        "the and of",
        '"unclosed',
        "a & | ! ( ) : * <>",
        "-",
        "x" * 5000,
        "word\x00with\x00nul",
        "🙂 émoji",
        "' OR 1=1 --",
    ],
)
def test_odd_queries_get_a_page_not_an_error(client, query):
    """Nonsense, operators, huge and binary-ish queries answer 200 with a sensible page."""
    make_article(headline="Something published")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


def test_no_results_page_suggests_what_to_do(client):
    """A query with no match explains how to broaden it."""
    make_article(headline="Something published")

    response = client.get("/search/", {"q": "zzzyqx"})

    assertContains(response, "No articles match “zzzyqx”")


def test_query_is_cleaned_and_capped():
    """Control characters go, whitespace is squeezed, length is capped."""
    assert clean_query(" a\x00b \n\t c ") == "a b c"
    assert len(clean_query("y" * 1000)) == 200


def test_search_pages_are_not_labelled_newer_and_older(client):
    """Results come by relevance, so the page links say "More results", not "Older"."""
    for n in range(21):
        make_article(headline=f"Generators for Kyiv, part {n}")

    first = client.get("/search/", {"q": "generators"})
    second = client.get("/search/", {"q": "generators", "page": 2})

    assertContains(first, "More results &rarr;")
    assertNotContains(first, "Older")
    assertContains(second, "&larr; Previous results")
    assertNotContains(second, "Newer")


def test_section_pages_are_still_labelled_newer_and_older(client):
    """A section front runs by date, so its page links keep "Older" and "Newer"."""
    section = make_article().section
    for _ in range(20):
        make_article(section=section)

    response = client.get(section.get_absolute_url())

    assertContains(response, "Older &rarr;")
