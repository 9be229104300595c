"""The article body is rendered once, stored with the story, and rendered again after a change."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from demo.desk import reference_article
from tests.factories import add_photo_block, add_text, make_article, make_photo

pytestmark = pytest.mark.django_db


def view(client, article):
    cache.clear()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


def test_the_first_view_stores_the_rendered_body(client):
    """After one view the article carries its body as HTML."""
    article = make_article()
    add_text(article, "<p>Generators for the winter.</p>")

    response = view(client, article)

    assertContains(response, "Generators for the winter.")
    assert "Generators for the winter." in Article.objects.get(pk=article.pk).body_html


def test_a_stored_body_is_served_without_reading_the_blocks(
    client, django_assert_max_num_queries
):
    """A second uncached view reads no block table."""
    article = make_article()
    add_text(article, "<p>Generators for the winter.</p>")
    view(client, article)

    cache.clear()
    with django_assert_max_num_queries(20) as queries:
        client.get(article.get_absolute_url())

    assert not [q for q in queries.captured_queries if "block" in q["sql"]]


def test_editing_a_block_shows_the_new_text(client):
    """A saved block empties the stored body; the next view shows the edit."""
    article = make_article()
    block = add_text(article, "<p>First version.</p>")
    view(client, article)

    block.text = "<p>Second version.</p>"
    block.save()
    response = view(client, article)

    assertContains(response, "Second version.")
    assertNotContains(response, "First version.")


def test_a_changed_photo_caption_reaches_every_story_showing_it(client):
    """Saving a photo empties the stored body of each article with that photo in its body."""
    photo = make_photo(caption="Kyiv, January 7, 2024.")
    showing = make_article()
    add_photo_block(showing, photo=photo)
    other = make_article()
    add_text(other, "<p>No photo here.</p>")
    view(client, showing)
    view(client, other)

    photo.caption = "Kyiv, 7 January 2024, during an air-raid alert."
    photo.save()

    assert Article.objects.get(pk=showing.pk).body_html == ""
    assert Article.objects.get(pk=other.pk).body_html != ""
    assertContains(view(client, showing), "during an air-raid alert")


def test_the_demo_reference_article_needs_at_most_eight_queries_uncached(
    client, django_assert_max_num_queries
):
    """With every cache emptied, the demo's reference article page runs at most 8 queries."""
    call_command("load_demo", "--photo-width", "160", stdout=io.StringIO())
    article = reference_article()
    view(client, article)  # the first view after loading renders and stores the body

    cache.clear()
    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
