"""Cards in lists are rendered once, stored, and deleted by a change to what they show
(articles.site.stored_cards)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import StoredCard
from tests.factories import (
    add_text,
    make_article,
    make_author,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    section = make_section(name="Politics & Security", slug="politics-security")
    author = make_author(name="Aiko Tanaka")
    stories = [
        make_article(
            section=section,
            headline=f"Coast guard patrol {n}",
            authors=[author],
            tags=["Coast Guard"],
            hero=make_photo(),
        )
        for n in range(3)
    ]
    return {"section": section, "author": author, "stories": stories}


def pages(desk) -> list[str]:
    return [
        reverse("articles:home"),
        desk["section"].get_absolute_url(),
        desk["author"].get_absolute_url(),
        reverse("articles:tag", args=["coast-guard"]),
    ]


def read(client, url) -> str:
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_list_stores_its_cards_and_draws_them_again_unchanged(client, desk):
    for url in pages(desk):
        first = read(client, url)
        assert read(client, url) == first
    variants = set(StoredCard.objects.values_list("variant", flat=True))
    # Cards, and the leads of the home page and the section front.
    assert variants == {"h3", "h2", "h3-section", "h2-section", "lead", "lead-section"}


def queries_of(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


def test_stored_cards_spare_the_bylines_and_the_rendering(client, desk):
    url = desk["author"].get_absolute_url()
    read(client, url)
    with_stored_cards = queries_of(client, url)
    StoredCard.objects.all().delete()
    # Rendered anew: the stories' full rows and their bylines are read, changes
    # checked, the cards stored.
    assert queries_of(client, url) == with_stored_cards + 4


def test_an_edited_headline_and_a_renamed_author_show_in_every_list(client, desk):
    for url in pages(desk):
        read(client, url)
    story = desk["stories"][0]  # an older story: a card everywhere, not a lead
    story.headline = "Coast guard patrol renamed"
    story.save()
    author = desk["author"]
    author.name = "Aiko Tanaka-Smith"
    author.save()
    for url in pages(desk):
        page = read(client, url)
        assert "Coast guard patrol renamed" in page
        if url != desk["author"].get_absolute_url():
            assert "Aiko Tanaka-Smith" in page


def test_a_changed_thumbnail_shows(client, desk):
    url = desk["section"].get_absolute_url()
    read(client, url)
    story = desk["stories"][0]
    story.hero = make_photo(alt_text="A patrol boat at dawn")
    story.save()
    assert "A patrol boat at dawn" in read(client, url)


def test_a_search_result_is_stored_once_and_each_query_gets_its_own_snippet(client):
    story = make_article(
        headline="Ministers meet in Tokyo", dek="Talks on Ukraine and energy"
    )
    add_text(story, "<p>The talks covered grain exports and energy prices.</p>")
    search = reverse("articles:search")

    first = read(client, f"{search}?q=ukraine")
    assert StoredCard.objects.filter(article=story, variant="result").count() == 1
    second = read(client, f"{search}?q=energy")

    assert "<mark>Ukraine</mark>" in first
    assert "<mark>energy</mark>" in second and "<mark>Ukraine</mark>" not in second
    assert StoredCard.objects.filter(article=story, variant="result").count() == 1
    assert "<!-- snippet -->" not in first + second
    assert ">Ministers meet in Tokyo</a>" in second
