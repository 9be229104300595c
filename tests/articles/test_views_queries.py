"""Every public page costs a fixed number of queries, however much content it shows."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import Article
from articles.site.caching import cached_chrome, site_state
from sections.models import Section, SiteSettings
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 10


@pytest.fixture
def crowded_desk():
    """Twenty articles, each with three bylines, three inline photos and five tags."""
    site = SiteSettings.objects.create()
    site.social_links.create(label="Bluesky", url="https://bsky.app/")
    site.partners.create(name="A university institute", url="https://partner.example/")
    section = make_section(name="Politics & Security", slug="politics-security")
    authors = [make_author(photo=make_photo()) for _ in range(3)]
    tags = ["Ukraine", "Japan", "Russia", "Diplomacy", "Defence"]
    articles = []
    for n in range(20):
        article = make_article(
            section=section,
            headline=f"Ukraine talks, day {n}",
            authors=authors,
            tags=tags,
            hero=make_photo(),
        )
        add_text(article, f"<p>Paragraph {n} about Ukraine and Japan.</p>")
        for ordering in range(1, 4):
            add_photo_block(article, ordering=ordering)
        articles.append(article)
    return {"section": section, "author": authors[0], "articles": articles}


def page_urls(desk):
    return {
        "home": reverse("articles:home"),
        "section": desk["section"].get_absolute_url(),
        "article": desk["articles"][0].get_absolute_url(),
        "author index": reverse("articles:author_index"),
        "author": desk["author"].get_absolute_url(),
        "tag": reverse("articles:tag", args=["ukraine"]),
        "search": reverse("articles:search") + "?q=ukraine",
    }


# The first view of an article after a change renders its story part (bylines, tags,
# corrections, related stories, the body's three block types) and stores it; every
# later cache miss reads it in one query (tests/articles/test_stored_pages.py), the one
# the first view also tries before it renders.
ARTICLE_FIRST_RENDER_BUDGET = 13


def test_the_first_view_of_a_changed_article_stays_within_its_budget(
    client, crowded_desk, django_assert_max_num_queries
):
    cache.clear()
    cached_chrome()

    with django_assert_max_num_queries(ARTICLE_FIRST_RENDER_BUDGET):
        response = client.get(crowded_desk["articles"][0].get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    "page", ["home", "section", "author index", "author", "tag", "search"]
)
def test_a_first_visit_stays_within_the_query_budget(
    client, crowded_desk, django_assert_max_num_queries, page
):
    """A page nobody has seen since the last article change, twenty rich articles long, needs at most 10 queries.

    The chrome (masthead, navigation, footer) is cached apart from articles and
    survives their saves (see test_an_article_save_keeps_the_chrome_cached); the page
    and the schedule lookup start uncached.
    """
    url = page_urls(crowded_desk)[page]
    cache.clear()
    cached_chrome()

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "page",
    ["home", "section", "article", "author index", "author", "tag", "search"],
)
def test_a_cached_page_needs_no_query(
    client, crowded_desk, django_assert_num_queries, page
):
    """The second anonymous visit is served from the page cache without touching the database."""
    url = page_urls(crowded_desk)[page]
    client.get(url)

    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 200


def test_site_state_is_read_once_per_change(
    crowded_desk, django_assert_max_num_queries, django_assert_num_queries
):
    """Chrome and schedule cost at most five queries after a change, and none until the next one."""
    cache.clear()
    with django_assert_max_num_queries(5):
        site_state()

    with django_assert_num_queries(0):
        site_state()


def test_an_article_save_keeps_the_chrome_cached(
    crowded_desk, django_assert_num_queries
):
    """Saving a story forgets cached pages but not the masthead and footer."""
    cache.clear()
    cached_chrome()

    Article.objects.published().first().save()

    with django_assert_num_queries(0):
        cached_chrome()


def test_a_chrome_change_is_read_again(crowded_desk, django_assert_max_num_queries):
    """Editing a section or the site settings refreshes the chrome on the next page."""
    cache.clear()
    cached_chrome()

    Section.objects.first().save()

    with django_assert_max_num_queries(4):
        cached_chrome()
