"""Public pages are cached for anonymous readers, in Redis, until content changes."""

import os
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.site.caching import seconds_until, site_state
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture(autouse=True)
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            # As production configures it (newsroom.settings).
            "BACKEND": "newsroom.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # Django's setting_changed handler reconnects `cache` to Redis.
    cache.clear()
    yield
    cache.clear()


def test_cache_is_really_redis():
    """These tests talk to the Redis server, not to a stand-in."""
    assert cache._cache.get_client().ping()
    cache.set("probe", 1)
    assert cache.get("probe") == 1


def test_every_cache_call_reuses_one_redis_client():
    """Making a client per call cost more than the round trip to Redis."""
    cache.get("probe")
    reader = cache._cache.get_client()
    cache.set("probe", 2)
    assert cache.get("probe") == 2
    assert cache._cache.get_client() is reader
    assert cache._cache.get_client(write=True) is reader  # one server: one pool


def test_public_page_has_cache_headers_and_validators(client):
    """An anonymous reader's page is public, short-lived, with ETag and Last-Modified."""
    make_article()

    response = client.get("/")

    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=300" in control
    assert response["ETag"] and response["Last-Modified"]
    assert "Cookie" in response["Vary"]


def test_conditional_request_gets_304(client):
    """A request repeating the ETag is answered 304 with no body."""
    make_article()
    etag = client.get("/")["ETag"]

    response = client.get("/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_if_modified_since_gets_304(client):
    """A request with a recent If-Modified-Since is answered 304."""
    make_article()
    last_modified = client.get("/")["Last-Modified"]

    response = client.get("/", headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_publishing_invalidates_cached_pages(client):
    """A new article appears on the next request, not after the cache expires."""
    section = make_section(slug="world")
    make_article(section=section, headline="First story")
    client.get("/world/")

    make_article(section=section, headline="Second story")

    assert "Second story" in client.get("/world/").content.decode()


def test_author_change_invalidates_cached_pages(client):
    """Renaming an author shows on cached article pages at once."""
    author = make_author(name="Old Name")
    article = make_article(authors=[author])
    client.get(article.get_absolute_url())

    author.name = "New Name"
    author.save()

    assert "New Name" in client.get(article.get_absolute_url()).content.decode()


def test_cached_page_never_outlives_the_next_scheduled_article(client):
    """With an article due in 30 seconds, nothing is cached for longer than that."""
    make_article()
    make_article(published_at=timezone.now() + timedelta(seconds=30))

    response = client.get("/")

    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 30


def test_scheduled_article_appears_when_due_without_any_save(client):
    """A scheduled article shows up as soon as its time comes, cache or no cache."""
    section = make_section(slug="world")
    make_article(section=section, headline="Already out")
    make_article(
        section=section,
        headline="Due very soon",
        published_at=timezone.now() + timedelta(seconds=2),
    )
    assert "Due very soon" not in client.get("/world/").content.decode()

    time.sleep(2.5)

    assert "Due very soon" in client.get("/world/").content.decode()


def test_signed_in_users_get_fresh_uncacheable_pages(editor_client):
    """Editors never receive a cached page nor a cacheable one."""
    make_article()

    response = editor_client.get("/")

    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_not_found_is_not_cached_as_public(client):
    """A 404 carries no public caching headers (an editor may publish there next)."""
    response = client.get("/no-such-section/")

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_site_state_timeout_respects_schedule():
    """The timeout is the default, shortened to the next scheduled publication."""
    soon = timezone.now() + timedelta(seconds=42)

    assert seconds_until(None, 300) == 300
    assert 40 <= seconds_until(soon, 300) <= 42
    assert seconds_until(timezone.now() - timedelta(seconds=5), 300) == 0


def test_site_state_lives_in_redis(client):
    """Chrome is read once and then served from Redis."""
    make_article()
    first = site_state()

    assert site_state().chrome.navigation == first.chrome.navigation
    assert any(b"site-state" in key for key in cache._cache.get_client().scan_iter("*"))


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/corrections/feed/",
    ],
)
def test_feeds_and_sitemaps_are_cached_like_pages(
    client, url, django_assert_num_queries
):
    """Crawlers and feed readers get cache headers, and a repeat fetch costs no query."""
    make_article(authors=[make_author()], tags=["Japan"])
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
