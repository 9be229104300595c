"""Feeds, sitemaps and robots.txt; included before the page routes so `/feed/` is never a section.

Every one of them is a public page like any other: cached for anonymous readers and
forgotten when published content changes (articles.site.caching.public_page).
"""

from django.urls import path

from articles.distribution import crawler_views, feeds
from articles.site.caching import public_page

app_name = "distribution"

urlpatterns = [
    path("robots.txt", public_page(crawler_views.robots_txt), name="robots"),
    path("favicon.ico", crawler_views.favicon, name="favicon"),
    path("sitemap.xml", public_page(crawler_views.sitemap_index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        public_page(crawler_views.sitemap_page),
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml", public_page(crawler_views.news_sitemap), name="news-sitemap"
    ),
    path("feed/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path(
        "feed/atom/",
        public_page(feeds.atom(feeds.LatestArticlesFeed)()),
        name="feed-atom",
    ),
    path(
        "authors/<slug:slug>/feed/", public_page(feeds.AuthorFeed()), name="author-feed"
    ),
    path(
        "authors/<slug:slug>/feed/atom/",
        public_page(feeds.atom(feeds.AuthorFeed)()),
        name="author-feed-atom",
    ),
    path("tags/<slug:slug>/feed/", public_page(feeds.TagFeed()), name="tag-feed"),
    path(
        "tags/<slug:slug>/feed/atom/",
        public_page(feeds.atom(feeds.TagFeed)()),
        name="tag-feed-atom",
    ),
    path("<slug:section>/feed/", public_page(feeds.SectionFeed()), name="section-feed"),
    path(
        "<slug:section>/feed/atom/",
        public_page(feeds.atom(feeds.SectionFeed)()),
        name="section-feed-atom",
    ),
]
