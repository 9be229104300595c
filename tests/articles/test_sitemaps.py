import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.distribution import crawler_views
from articles.distribution.sitemaps import ArticleSitemap, published_tags
from articles.site.caching import cached_chrome
from tests.articles.distribution_helpers import (
    make_reference_article,
    make_unpublished_articles,
    path_of,
)
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS}


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap_locations(client):
    """Every <loc> of every page of every sitemap listed in the index."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    locations = []
    for page in index.findall("sm:sitemap/sm:loc", NS):
        urlset = fetch_xml(client, path_of(page.text))
        assert urlset.tag == f"{{{SITEMAP_NS}}}urlset"
        locations += [loc.text for loc in urlset.findall("sm:url/sm:loc", NS)]
    return locations


def test_sitemap_index_lists_the_four_sitemaps(client):
    """The index points at the article, section, author and tag sitemaps on SITE_URL."""
    index = fetch_xml(client, "/sitemap.xml")

    assert [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)] == [
        "http://127.0.0.1:8000/sitemap-articles.xml",
        "http://127.0.0.1:8000/sitemap-sections.xml",
        "http://127.0.0.1:8000/sitemap-authors.xml",
        "http://127.0.0.1:8000/sitemap-tags.xml",
    ]


def test_sitemaps_list_only_published_pages_and_each_answers_200(client):
    """Articles, sections and authors with published work are listed and every address is live."""
    article = make_reference_article()
    hidden = make_unpublished_articles(
        section=make_section(slug="drafts-only"),
        authors=[make_author(slug="drafts-only-author")],
        tags=["Drafts only"],
    )
    hidden += make_unpublished_articles(section=article.section)

    locations = sitemap_locations(client)

    assert f"http://127.0.0.1:8000{article.get_absolute_url()}" in locations
    assert "http://127.0.0.1:8000/politics-security/" in locations
    assert "http://127.0.0.1:8000/authors/kenji-arata/" in locations
    assert "http://127.0.0.1:8000/authors/maria-lindqvist/" in locations
    assert not any("drafts-only" in url for url in locations)
    for unpublished in hidden:
        if unpublished.published_at is not None:
            assert not any(unpublished.get_absolute_url() in url for url in locations)
    for url in locations:
        assert client.get(path_of(url)).status_code == 200, url


def test_published_tags_are_those_of_published_articles():
    """The tag sitemap draws on tags carried by published articles, dated by the newest one."""
    older = make_article(
        tags=["Ukraine"], published_at=timezone.now() - timedelta(days=3)
    )
    newer = make_article(tags=["Ukraine", "Japan"])
    make_unpublished_articles(tags=["Embargoed", "Japan"])

    tags = {tag.name: tag.latest_publication for tag in published_tags()}

    assert tags == {"Ukraine": newer.published_at, "Japan": newer.published_at}
    assert older.published_at < newer.published_at


def test_tag_sitemap_lists_tags_of_published_articles(client):
    """Tags carried by published articles are listed with their tag page; others are not."""
    make_article(tags=["Ukraine"])
    make_unpublished_articles(tags=["Embargoed"])

    urlset = fetch_xml(client, "/sitemap-tags.xml")
    locations = [loc.text for loc in urlset.findall("sm:url/sm:loc", NS)]

    assert locations == [
        "http://127.0.0.1:8000" + reverse("articles:tag", args=["ukraine"])
    ]
    assert client.get(path_of(locations[0])).status_code == 200


def test_article_sitemap_gives_lastmod_with_time_zone(client):
    """Each article carries a lastmod no earlier than its publication."""
    article = make_article()

    urlset = fetch_xml(client, "/sitemap-articles.xml")
    (lastmod,) = urlset.findall("sm:url/sm:lastmod", NS)

    assert lastmod.text.startswith(str(timezone.localdate(article.updated_at)))
    assert lastmod.text.endswith("+00:00")


def test_article_sitemap_is_paginated_in_the_index(client, monkeypatch):
    """With more articles than one page holds, the index lists every page and each one works."""
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    section = make_section()
    articles = [make_article(section=section) for _ in range(5)]

    index = fetch_xml(client, "/sitemap.xml")
    pages = [
        loc.text
        for loc in index.findall("sm:sitemap/sm:loc", NS)
        if "sitemap-articles" in loc.text
    ]
    listed = []
    for page in pages:
        urlset = fetch_xml(client, path_of(page))
        listed += [loc.text for loc in urlset.findall("sm:url/sm:loc", NS)]

    assert pages == [
        "http://127.0.0.1:8000/sitemap-articles.xml",
        "http://127.0.0.1:8000/sitemap-articles.xml?p=2",
        "http://127.0.0.1:8000/sitemap-articles.xml?p=3",
    ]
    assert sorted(listed) == sorted(
        f"http://127.0.0.1:8000{a.get_absolute_url()}" for a in articles
    )


@pytest.mark.parametrize("url", ["/sitemap-articles.xml?p=9", "/sitemap-nope.xml"])
def test_missing_sitemap_pages_answer_404(client, url):
    """A page past the end or an unknown sitemap is a 404, not an error."""
    make_article()

    assert client.get(url).status_code == 404


def test_sitemap_index_and_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    """The index and an article page cost the same few queries at any size."""
    section = make_section()
    author = make_author()
    for _ in range(30):
        make_article(section=section, authors=[author], tags=["one", "two"])

    cached_chrome()  # shared by every public page, cached apart from articles
    # At most eight for the index, one for the schedule lookup every public page shares.
    with django_assert_max_num_queries(9):
        client.get("/sitemap.xml")
    for name in ["articles", "sections", "authors", "tags"]:
        with django_assert_max_num_queries(2):
            client.get(f"/sitemap-{name}.xml")


def test_news_sitemap_uses_the_google_news_format(client):
    """Each entry has its address, publication name and language, time and title."""
    article = make_reference_article(headline="Ukraine & Japan <agree>")

    urlset = fetch_xml(client, "/news-sitemap.xml")
    (url,) = urlset.findall("sm:url", NS)

    assert url.find("sm:loc", NS).text == (
        f"http://127.0.0.1:8000{article.get_absolute_url()}"
    )
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "The Meridian Ledger"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:publication_date", NS).text == (
        timezone.localtime(article.published_at).isoformat(timespec="seconds")
    )
    assert news.find("news:title", NS).text == "Ukraine & Japan <agree>"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_news_sitemap_takes_publication_name_and_language_from_settings(
    client, settings
):
    """The publication block follows NEWSROOM_NAME and NEWSROOM_LANGUAGE."""
    settings.NEWSROOM_NAME = "Der Meridian"
    settings.NEWSROOM_LANGUAGE = "de"
    make_article()

    urlset = fetch_xml(client, "/news-sitemap.xml")

    assert urlset.find(".//news:name", NS).text == "Der Meridian"
    assert urlset.find(".//news:language", NS).text == "de"


def test_news_sitemap_keeps_to_the_last_two_days(client):
    """Articles first published more than two days ago, or not yet, are left out."""
    now = timezone.now()
    fresh = make_article(published_at=now - timedelta(days=1, hours=23))
    make_article(published_at=now - timedelta(days=2, minutes=5))
    make_unpublished_articles()

    urlset = fetch_xml(client, "/news-sitemap.xml")

    assert [title.text for title in urlset.findall(".//news:title", NS)] == [
        fresh.headline
    ]


def test_news_sitemap_stops_at_the_cap_with_the_newest_articles(client, monkeypatch):
    """Past the cap (1,000 in production), only the newest articles are listed."""
    monkeypatch.setattr(crawler_views, "NEWS_LIMIT", 3)
    section = make_section()
    now = timezone.now()
    articles = [
        make_article(section=section, published_at=now - timedelta(minutes=n))
        for n in range(1, 6)
    ]

    urlset = fetch_xml(client, "/news-sitemap.xml")

    assert [title.text for title in urlset.findall(".//news:title", NS)] == [
        a.headline for a in articles[:3]
    ]


def test_news_sitemap_cap_is_one_thousand(client, django_assert_max_num_queries):
    """With 1,005 fresh articles the news sitemap lists exactly 1,000, in one query."""
    from articles.models import Article, ArticleStatus

    section = make_section()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            section=section,
            status=ArticleStatus.PUBLISHED,
            published_at=now - timedelta(seconds=n + 1),
        )
        for n in range(1005)
    )

    cached_chrome()  # shared by every public page, cached apart from articles
    # One for the sitemap, one for the schedule lookup every public page shares.
    with django_assert_max_num_queries(2):
        urlset = fetch_xml(client, "/news-sitemap.xml")

    titles = [title.text for title in urlset.findall(".//news:title", NS)]
    assert len(titles) == 1000
    assert titles[0] == "Story 0" and titles[-1] == "Story 999"


def test_robots_txt_names_both_sitemaps_and_shuts_out_private_paths(client):
    """robots.txt lists both sitemaps and disallows admin, preview and search."""
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in lines
    for path in ["/admin/", "/preview/", "/search/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines
    assert "Sitemap: http://127.0.0.1:8000/news-sitemap.xml" in lines
