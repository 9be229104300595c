"""Sitemap XML written as strings.

A sitemap page holds hundreds of addresses and the Google News sitemap up to a thousand
stories; through the template engine each entry cost tens of microseconds, most of a
cache miss. The markup is small and fixed, so it is joined here, every value escaped as
the templates did (with the standard library's escape, which Django's wraps).
"""

from datetime import date, datetime
from html import escape

from django.utils import timezone

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


class W3cDatetime(str):
    """A lastmod already written as w3c_datetime writes it."""


def w3c_datetime(value: date) -> str:
    """A lastmod as the `date:"c"` filter writes it: ISO 8601, in the site's zone."""
    if isinstance(value, W3cDatetime):
        return value
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def urlset(urls: list[dict]) -> str:
    """A sitemap page from the entries Django's Sitemap.get_urls() returns."""
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}">']
    for url in urls:
        lastmod = url.get("lastmod")
        lastmod = f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url['location'])}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def news_urlset(entries: list[dict], *, publication: str, language: str) -> str:
    """The Google News sitemap: `entries` hold location, published (ISO) and title."""
    source = (
        f"<news:publication><news:name>{escape(publication)}</news:name>"
        f"<news:language>{escape(language)}</news:language></news:publication>"
    )
    parts = [
        f'{XML_DECLARATION}\n<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
    ]
    for entry in entries:
        parts.append(
            f"<url>\n<loc>{escape(entry['location'])}</loc>\n<news:news>\n{source}\n"
            f"<news:publication_date>{escape(entry['published'])}"
            "</news:publication_date>\n"
            f"<news:title>{escape(entry['title'])}</news:title>\n</news:news>\n</url>\n"
        )
    parts.append("</urlset>\n")
    return "".join(parts)
