"""The sitemap index, the Google News sitemap and robots.txt."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps.views import sitemap, x_robots_tag
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.views.decorators.http import require_safe

from articles.distribution import sitemap_xml
from articles.distribution import structured_data as sd
from articles.distribution.sitemaps import SITEMAPS
from articles.models import Article, article_path_writer

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


SITEMAP_INDEX_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
)


@require_safe
@x_robots_tag
def sitemap_index(request):
    """Every page of every sitemap, addressed on SITE_URL.

    Written as strings, not through a template: a million stories make two thousand
    article sitemap pages, and the template engine took 25 µs an entry.
    """
    lines = [SITEMAP_INDEX_OPEN]
    latest = {}
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = escape(
            sd.absolute_url(
                reverse("distribution:sitemap-section", kwargs={"section": section})
            )
        )
        # Sitemaps sharing a definition of "latest" (sections, authors, tags) ask once.
        method = type(sitemap).get_latest_lastmod
        if method not in latest:
            latest[method] = sitemap.get_latest_lastmod()
        lastmod = latest[method]
        lastmod = (
            f"<lastmod>{timezone.localtime(lastmod).isoformat()}</lastmod>"
            if lastmod
            else ""
        )
        lines.append(f"<sitemap><loc>{location}</loc>{lastmod}</sitemap>")
        lines += [
            f"<sitemap><loc>{location}?p={page}</loc>{lastmod}</sitemap>"
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    lines.append("</sitemapindex>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


@require_safe
@x_robots_tag
def news_sitemap(request):
    """Google News: articles first published in the last two days, newest first, at most 1,000."""
    rows = (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .order_by(*Article._meta.ordering)  # the listing index's order
        .values_list("headline", "slug", "published_at", "section__slug")[:NEWS_LIMIT]
    )
    # Rows and addresses formatted here, not model instances: a thousand of them.
    zone = timezone.get_current_timezone()
    path = article_path_writer()
    entries = []
    for headline, slug, published_at, section_slug in rows:
        published = published_at.astimezone(zone)
        entries.append(
            {
                "location": settings.SITE_URL
                + path(section_slug, published.date(), slug),
                "published": published.isoformat(timespec="seconds"),
                "title": headline,
            }
        )
    return HttpResponse(
        sitemap_xml.news_urlset(
            entries,
            publication=settings.NEWSROOM_NAME,
            language=settings.NEWSROOM_LANGUAGE,
        ),
        content_type="application/xml",
    )


def sitemap_page(request, section):
    """One page of one sitemap: Django's view finds the entries (404 for a page that
    does not exist, Last-Modified from the newest entry); the XML is joined as strings
    (articles.distribution.sitemap_xml)."""
    found = sitemap(request, SITEMAPS, section=section)
    response = HttpResponse(
        sitemap_xml.urlset(found.context_data["urlset"]),
        content_type=found["Content-Type"],
    )
    for header in ("Last-Modified", "X-Robots-Tag"):
        if header in found:
            response[header] = found[header]
    return response


@require_safe
def robots_txt(request):
    return render(
        request,
        "distribution/robots.txt",
        {
            "sitemaps": [
                sd.absolute_url(reverse("distribution:sitemap")),
                sd.absolute_url(reverse("distribution:news-sitemap")),
            ],
            "search_path": sd.search_page_url(),
        },
        content_type="text/plain; charset=utf-8",
    )


# Browsers ask for /favicon.ico whatever the page says; a day is short enough for a redesign.
FAVICON_MAX_AGE = 24 * 60 * 60


@require_safe
def favicon(request):
    """The site icon at the address browsers and crawlers try first (nginx serves it in production)."""
    path = finders.find("favicon.ico")
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
    patch_cache_control(response, public=True, max_age=FAVICON_MAX_AGE)
    return response
