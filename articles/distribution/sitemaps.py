"""Sitemaps for crawlers: a paginated index of articles, sections, authors and tags.

Every address is absolute and built from SITE_URL, and every list starts from
`Article.objects.published()`: a section, author or tag appears only once a published
article belongs to it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from taggit.models import Tag

from articles.distribution import structured_data as sd
from articles.models import Article
from authors.models import Author
from sections.models import Section


class SiteUrlSitemap(Sitemap):
    """Addresses on SITE_URL whatever host the crawler used to ask."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteUrlSitemap):
    # Small pages render fast and old pages stay cacheable: ordering by pk keeps them stable.
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "published_at", "updated_at", "section__slug")
            .order_by("pk")
        )

    def lastmod(self, item):
        return sd.date_modified(item)

    def get_latest_lastmod(self):
        # One aggregate instead of the framework's loop over every article.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("published_at")
        )
        values = [value for value in latest.values() if value is not None]
        return max(values, default=None)


def _latest_publication(**filters):
    """A subquery giving the newest published article matching `filters` (with OuterRef)."""
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .order_by("-published_at")
        .values("published_at")[:1]
    )


class ListingSitemap(SiteUrlSitemap):
    """Pages that list articles; their lastmod is their newest article."""

    limit = 5000

    def lastmod(self, item):
        return item.latest_publication

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("published_at"))[
            "latest"
        ]


class SectionSitemap(ListingSitemap):
    def items(self):
        return (
            Section.objects.active()
            .annotate(latest_publication=_latest_publication(section=OuterRef("pk")))
            .filter(latest_publication__isnull=False)
            .order_by("pk")
        )


class AuthorSitemap(ListingSitemap):
    def items(self):
        return (
            Author.objects.active()
            .annotate(
                latest_publication=_latest_publication(bylines__author=OuterRef("pk"))
            )
            .filter(latest_publication__isnull=False)
            .order_by("pk")
        )


def published_tags():
    """Tags carried by at least one published article, each with its newest publication."""
    return (
        Tag.objects.annotate(
            latest_publication=_latest_publication(tags=OuterRef("pk"))
        )
        .filter(latest_publication__isnull=False)
        .order_by("pk")
    )


class TagSitemap(ListingSitemap):
    def items(self):
        if sd.tag_page_url("any") is None:
            return Tag.objects.none()  # this deployment routes no tag pages
        return published_tags()

    def location(self, item):
        return sd.tag_page_url(item.slug)


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
