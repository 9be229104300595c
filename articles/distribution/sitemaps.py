"""Sitemaps for crawlers: a paginated index of articles, sections, authors and tags.

Every address is absolute and built from SITE_URL, and every list starts from
`Article.objects.published()`: a section, author or tag appears only once a published
article belongs to it.

Pages are ranges of ids, not counts: the index needs only the smallest and largest id
(two index lookups) and a page reads its own range, so neither grows with the archive.
A page may hold fewer than `limit` addresses (drafts and deleted rows leave gaps); it
never holds more, and its addresses never move to another page.
"""

import math
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import Max, Min, OuterRef, QuerySet, Subquery
from django.utils import timezone
from taggit.models import Tag

from articles.distribution import structured_data as sd
from articles.distribution.sitemap_xml import W3cDatetime
from articles.models import Article, article_path_writer
from authors.models import Author
from sections.models import Section


class SiteUrlSitemap(Sitemap):
    """Addresses on SITE_URL whatever host the crawler used to ask."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class IdRangePaginator:
    """Page n holds the items whose ids fall in the n-th run of `per_page` ids."""

    def __init__(self, items: QuerySet, per_page: int, ids: QuerySet, keep=None):
        self.items = items
        self.per_page = per_page
        self.keep = keep or (lambda item: True)
        bounds = ids.aggregate(low=Min("pk"), high=Max("pk"))
        self.low = bounds["low"] or 1
        self.high = bounds["high"] or 0

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil((self.high - self.low + 1) / self.per_page))

    def page(self, number) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("Not a page number.") from error
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("No such page.")
        first = self.low + (number - 1) * self.per_page
        rows = self.items.filter(pk__gte=first, pk__lt=first + self.per_page)
        return Page([row for row in rows if self.keep(row)], number, self)


class IdRangeSitemap(SiteUrlSitemap):
    """A sitemap paged by id range; `ids()` bounds the range (a superset of `items()`)."""

    # Small pages render fast and old pages stay cacheable: ordering by pk keeps them stable.
    # 500 addresses render in about 25 ms; 1,000 took 55.
    limit = 500

    def ids(self) -> QuerySet:
        return self.items()

    def keep(self, item) -> bool:
        return True

    @cached_property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit, self.ids(), keep=self.keep)


class ArticleSitemap(IdRangeSitemap):
    """Rows, not model instances, and addresses formatted here: a page of 500 spent
    most of its time building instances and in the framework's per-item calls."""

    def items(self):
        return (
            Article.objects.published()
            .order_by("pk")
            .values_list("slug", "published_at", "updated_at", "section__slug")
        )

    def ids(self):
        return Article.objects.published()

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries Sitemap.get_urls() gives (location, lastmod), for one page."""
        zone = timezone.get_current_timezone()
        path = article_path_writer()
        urls, latest = [], None
        for slug, published_at, updated_at, section_slug in self.paginator.page(
            page
        ).object_list:
            day = published_at.astimezone(zone).date()
            # A scheduled story is often last saved before it goes out.
            lastmod = max(updated_at, published_at)
            latest = lastmod if latest is None else max(latest, lastmod)
            urls.append(
                {
                    "location": settings.SITE_URL + path(section_slug, day, slug),
                    # Written as sitemap_xml.w3c_datetime would, the zone read once.
                    "lastmod": W3cDatetime(lastmod.astimezone(zone).isoformat()),
                }
            )
        self.latest_lastmod = latest
        return urls

    def get_latest_lastmod(self):
        # One query, two index lookups (newest edit, newest publication), instead of
        # the framework's loop over every article. The listing order (NULLS LAST) is
        # the one the index is built in; an aggregate Max() would not use it.
        published = Article.objects.published()
        newest_publication = published.values("published_at")[:1]
        row = (
            published.order_by("-updated_at")
            .annotate(newest_publication=Subquery(newest_publication))
            .values_list("updated_at", "newest_publication")
            .first()
        )
        return max(row) if row else None


def _latest_publication(order_by=("-pk",), **filters):
    """A subquery: the publication time of the newest published article matching `filters`.

    "Newest" is the highest id (ids follow creation), which the author and tag link
    indexes give in order: one index probe per author or tag, not a walk of its archive.
    """
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .order_by(*order_by)
        .values("published_at")[:1]
    )


class ListingSitemap(IdRangeSitemap):
    """Pages that list articles; their lastmod is their newest article.

    Only pages with a published article are listed. That is checked here, on the page's
    rows, rather than in SQL, where the per-row subquery would run a second time.
    """

    # Each address costs one index probe for its newest story (about 0.1 ms at a million
    # stories): a page of 250 stays within tens of milliseconds where 1,000 took hundreds.
    limit = 250

    def keep(self, item) -> bool:
        return item.latest_publication is not None

    def lastmod(self, item):
        return item.latest_publication

    def get_latest_lastmod(self):
        # In the listing order (NULLS LAST) the listing index answers it; Max() does not.
        return (
            Article.objects.published().values_list("published_at", flat=True).first()
        )


class SectionSitemap(ListingSitemap):
    def ids(self):
        return Section.objects.active()

    def items(self):
        # Newest by publication here: the section listing index gives exactly that.
        newest = _latest_publication(section=OuterRef("pk"))
        newest.query.order_by = Article._meta.ordering
        return (
            Section.objects.active().annotate(latest_publication=newest).order_by("pk")
        )


class AuthorSitemap(ListingSitemap):
    def ids(self):
        return Author.objects.active()

    def items(self):
        return (
            Author.objects.active()
            .annotate(
                latest_publication=_latest_publication(bylines__author=OuterRef("pk"))
            )
            .order_by("pk")
        )


def tags_with_latest_publication():
    """Every tag, with the publication time of its newest published article (or None).

    The newest is the most recently created published article with the tag.
    """
    return Tag.objects.annotate(
        latest_publication=_latest_publication(tags=OuterRef("pk"))
    ).order_by("pk")


def published_tags():
    """Tags carried by at least one published article, each with its newest publication."""
    return tags_with_latest_publication().filter(latest_publication__isnull=False)


class TagSitemap(ListingSitemap):
    def ids(self):
        return Tag.objects.all()

    def items(self):
        if sd.tag_page_url("any") is None:
            return Tag.objects.none()  # this deployment routes no tag pages
        return tags_with_latest_publication()

    def location(self, item):
        return sd.tag_page_url(item.slug)


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
