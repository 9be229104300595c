"""What external checks (Lighthouse, feed validators, W3C) look for, and graceful faults in Django."""

import re
import socket

import pytest
from django.db import OperationalError
from django.test import Client

from articles.site import listings
from media_library.renditions import ensure_renditions
from tests.articles.distribution_helpers import make_reference_article
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_favicon_answers_and_every_page_links_it(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
    assert '<link rel="icon"' in client.get("/").content.decode()


@pytest.mark.parametrize("path", ["/authors/", "/search/", "/search/?q=kyiv"])
def test_listing_pages_have_a_meta_description(client, path):
    make_article(authors=[make_author()])
    html = client.get(path).content.decode()
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)


def test_tag_page_has_a_meta_description(client):
    make_article(tags=["ukraine"])
    html = client.get("/tags/ukraine/").content.decode()
    assert '<meta name="description" content="Articles about ukraine' in html


def test_hero_is_fetched_first(client):
    article = make_reference_article()
    html = client.get(article.get_absolute_url()).content.decode()
    hero = re.search(r'<figure class="figure hero">.*?</figure>', html, re.S).group(0)
    assert 'fetchpriority="high"' in hero


def test_rss_enclosure_gives_the_real_file_size(client):
    article = make_reference_article()
    ensure_renditions(article.hero)
    article.hero.refresh_from_db()
    feed = client.get("/feed/").content.decode()
    enclosure = re.search(r"<enclosure [^>]+>", feed).group(0)
    url = re.search(r'url="([^"]+)"', enclosure).group(1)
    length = re.search(r'length="(\d+)"', enclosure).group(1)
    crop = article.hero.crop("16:9")
    assert url.endswith(crop.url)
    name = crop.url.removeprefix("/media/")
    assert int(length) == article.hero.image.storage.size(name) > 0


def test_redis_down_costs_speed_not_pages(settings, editor_client):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
        }
    }
    article = make_article()
    for _ in range(2):
        assert Client().get(article.get_absolute_url()).status_code == 200
        # Search pages count against a budget with incr(): uncounted, not failed.
        assert Client().get("/search/?q=kyiv").status_code == 200
    health = Client().get("/healthz")
    assert (health.status_code, health.content) == (200, b"ok; cache degraded")
    change = f"/admin/articles/article/{article.pk}/change/"
    assert editor_client.get(change).status_code == 200


@pytest.mark.parametrize(
    ("error", "status"),
    [(OperationalError("connection refused"), 503), (ValueError("a bug"), 500)],
)
def test_database_outage_answers_a_styled_503_and_bugs_a_500(
    monkeypatch, error, status
):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(listings, "latest_by_section", failing)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == status
    if status == 503:
        assert response["Retry-After"] == "30"
        assert "We are briefly unable to show this page" in response.content.decode()


def test_demo_site_settings_fill_the_footer(client):
    from demo.site_settings import PARTNERS, load_site_settings

    load_site_settings(lambda model: None)
    load_site_settings(lambda model: None)  # a second load adds nothing
    html = client.get("/").content.decode()
    assert "Connect with us" in html and "Our Partners" in html
    assert html.count(PARTNERS[0][0]) == 1
