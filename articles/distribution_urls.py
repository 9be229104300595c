"""Feeds, sitemaps and robots.txt; included before the page routes so `/feed/` is never a section."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles import crawler_views, feeds
from articles.sitemaps import SITEMAPS

app_name = "distribution"

urlpatterns = [
    path("robots.txt", crawler_views.robots_txt, name="robots"),
    path("sitemap.xml", crawler_views.sitemap_index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "distribution/sitemap.xml"},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", crawler_views.news_sitemap, name="news-sitemap"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.atom(feeds.LatestArticlesFeed)(), name="feed-atom"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author-feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        feeds.atom(feeds.AuthorFeed)(),
        name="author-feed-atom",
    ),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path(
        "tags/<slug:slug>/feed/atom/", feeds.atom(feeds.TagFeed)(), name="tag-feed-atom"
    ),
    path("<slug:section>/feed/", feeds.SectionFeed(), name="section-feed"),
    path(
        "<slug:section>/feed/atom/",
        feeds.atom(feeds.SectionFeed)(),
        name="section-feed-atom",
    ),
]
