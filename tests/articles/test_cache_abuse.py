"""An anonymous request cannot bypass the page cache or make it grow without bound."""

import pytest
from django.core.cache import cache

from articles.site import caching

# The same Redis-backed cache as the other caching tests (an autouse fixture).
from tests.articles.test_caching import redis_cache  # noqa: F401
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def stored_pages() -> int:
    client = cache._cache.get_client()
    return sum(1 for key in client.scan_iter("*") if b"newsroom:page:" in key)


def test_tracking_parameters_are_served_from_the_cached_page(
    client, django_assert_num_queries
):
    """`/?fbclid=…&utm_source=…` is the cached home page: no query, no new entry."""
    make_article()
    client.get("/")
    entries = stored_pages()

    with django_assert_num_queries(0):
        response = client.get("/?fbclid=AbC123random&utm_source=x&gclid=9&mc_cid=1")

    assert response.status_code == 200
    assert stored_pages() == entries == 1


def test_random_unknown_parameters_add_no_cache_entries(client):
    """Invented parameters get a fresh page each time and store nothing."""
    make_article()

    for n in range(5):
        assert client.get(f"/?x{n}={n}").status_code == 200

    assert stored_pages() == 0


def test_page_numbers_count_only_in_their_canonical_form(client):
    """`page=1` is cached; `page=01` or `page=1.0` are rendered but not stored."""
    for _ in range(3):
        make_article()

    client.get("/section-that-does-not-matter/")  # a 404 stores nothing either
    client.get("/?page=01")
    client.get("/?page=1&page=2")
    assert stored_pages() == 0

    client.get("/?page=1")
    assert stored_pages() == 1


def test_the_host_is_part_of_the_key(client, settings):
    """Two host names served by the same site never share a cached page."""
    settings.ALLOWED_HOSTS = ["news.example.org", "other.example.org"]
    make_article()

    client.get("/", headers={"host": "news.example.org"})
    client.get("/", headers={"host": "other.example.org"})

    assert stored_pages() == 2


def test_search_pages_are_stored_only_while_the_budget_lasts(client, monkeypatch):
    """Random search terms fill at most FREE_TEXT_ENTRIES cache entries."""
    monkeypatch.setattr(caching, "FREE_TEXT_ENTRIES", 3)
    make_article()

    for n in range(8):
        assert client.get(f"/search/?q=term{n}").status_code == 200

    assert stored_pages() == 3


def test_pagination_links_leave_tracking_parameters_out(client):
    """A page reached through a tracked link does not pass the tracking on."""
    section = make_section()
    for _ in range(25):
        make_article(section=section)

    url = f"{section.get_absolute_url()}?utm_campaign=spring&page=1"
    page = client.get(url).content.decode()

    assert "page=2" in page
    assert "utm_campaign" not in page
