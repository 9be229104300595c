from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import add_photo_block, add_text, make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/articles", "/api/v1/tags", "/api/v1/sections", "/api/v1/openapi.json"],
)
def test_head_answers_like_get_without_a_body(client, story, path):
    """Same status, validators, cache headers and length as GET; no body."""
    get = client.get(path)
    head = client.head(path)

    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    for header in ("ETag", "Cache-Control", "Content-Type"):
        assert head.get(header) == get.get(header)


def test_head_of_an_article_detail_and_of_a_missing_one(client, story):
    """The detail answers HEAD like GET; an unpublished id is a 404 either way."""
    assert client.head(f"/api/v1/articles/{story.pk}").status_code == 200
    assert client.head(f"/api/v1/articles/{story.pk + 1000}").status_code == 404


def test_other_methods_are_refused_naming_get_and_head(client, story):
    """The API is read-only: a POST is a 405 that says what is allowed."""
    response = client.post("/api/v1/tags")

    assert response.status_code == 405
    assert {m.strip() for m in response["Allow"].split(",")} == {"GET", "HEAD"}


def test_responses_carry_validators_cache_lifetimes_and_surrogate_keys(client, story):
    """A detail names the story, its section and authors, and may be cached publicly."""
    response = client.get(f"/api/v1/articles/{story.pk}")

    assert response["ETag"]
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert "s-maxage" in response["Cache-Control"]
    keys = response["Surrogate-Key"].split()
    assert f"article-{story.pk}" in keys
    assert f"section-{story.section_id}" in keys
    assert {f"author-{b.author_id}" for b in story.bylines.all()} <= set(keys)


def test_conditional_requests_answer_304(client, story):
    """The same ETag or a later If-Modified-Since gets 304 with no body."""
    first = client.get(f"/api/v1/articles/{story.pk}")

    by_etag = client.get(
        f"/api/v1/articles/{story.pk}", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    by_date = client.get(
        f"/api/v1/articles/{story.pk}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_date.status_code == 304


def test_an_edit_changes_the_etag(client, story):
    """After a change the old ETag no longer matches: the client gets the new story."""
    etag = client.get(f"/api/v1/articles/{story.pk}")["ETag"]
    story.headline = "A sharper headline"
    story.save()

    response = client.get(f"/api/v1/articles/{story.pk}", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["headline"] == "A sharper headline"


def test_cache_lifetime_ends_at_the_next_scheduled_publication(client, settings, story):
    """Nothing is cached past the moment a scheduled story goes live."""
    settings.PUBLIC_CACHE_S_MAXAGE = 3600
    make_article(published_at=timezone.now() + timedelta(seconds=90))

    response = client.get("/api/v1/articles")

    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert s_maxage <= 90


def _busy_story():
    from tests.factories import make_photo

    article = make_article(
        authors=[make_author(), make_author(), make_author()],
        tags=["One", "Two", "Three"],
        hero=make_photo(),
    )
    add_text(article, "<p>Text.</p>")
    add_photo_block(article, ordering=1)
    add_photo_block(article, ordering=2)
    return article


@pytest.mark.parametrize("count", [1, 20])
def test_article_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    """Twenty stories with bylines, tags and heroes cost what one does."""
    for _ in range(count):
        _busy_story()
    client.get("/api/v1/articles")  # warms the site state cached per content generation

    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/articles", {"limit": 25})

    assert len(response.json()["items"]) == count


def test_article_detail_and_ninjs_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    """Several bylines, photos and tags load in a fixed number of queries, and a page
    of twenty ninjs documents costs what one does."""
    stories = [_busy_story() for _ in range(20)]
    client.get(f"/api/v1/articles/{stories[0].pk}")

    with django_assert_max_num_queries(7):
        client.get(f"/api/v1/articles/{stories[0].pk}")
    with django_assert_max_num_queries(6):
        client.get(f"/api/v1/ninjs/articles/{stories[0].pk}")
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/ninjs/articles", {"limit": 20})

    assert len(response.json()["items"]) == 20
