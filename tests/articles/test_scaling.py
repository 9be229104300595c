"""Public pages cost the same on a small desk and a large one: query counts and query plans.

Both build real desks with the benchmark's generator (COPY, PostgreSQL only). The pages
are the benchmark's own list (benchmarks/pages.py): home, section fronts (first, middle
and last page), article, author and tag pages, searches, feeds, sitemaps, corrections.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.distribution.sitemaps import IdRangeSitemap
from benchmarks.desk import build_desk
from benchmarks.pages import public_pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the desk generator and EXPLAIN need PostgreSQL",
    ),
]

# Tables that grow with the archive: a sequential scan of one reads the whole archive.
# The tag names (taggit_tag) grow with the vocabulary, not with the stories; the planner
# rightly hashes a few thousand of them rather than probe an index per tag link.
ARCHIVE_TABLES = re.compile(
    r"Seq Scan on (articles_article|articles_articletag|articles_byline)\b"
)


def fetch_counting_queries(client, url: str) -> list[dict]:
    cache.clear()  # every page uncached, chrome included
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return queries.captured_queries


def test_public_pages_run_as_many_queries_on_three_times_the_archive(client):
    """Every public page runs the same number of queries at N and at 3N stories."""
    build_desk(articles=60, photos=1)
    small = {
        name: len(fetch_counting_queries(client, url))
        for name, url in public_pages().items()
    }
    build_desk(articles=120, photos=1)
    large = {
        name: len(fetch_counting_queries(client, url))
        for name, url in public_pages().items()
    }

    assert large == small


def test_key_queries_of_public_pages_scan_no_archive_table(client, monkeypatch):
    """On a desk of thousands with fresh statistics, no page's query reads a whole archive table."""
    # Shaped like a full-size desk: an author or a tag holds a sliver of the archive.
    build_desk(articles=3000, photos=1, authors=1000, tags=5000, rare_every=300)
    with connection.cursor() as cursor:
        # As autovacuum leaves a table: statistics, and the full-text index's pending
        # list merged (the planner prices an unmerged one as a scan of all of it).
        cursor.execute("ANALYZE")
        cursor.execute("SELECT gin_clean_pending_list('article_search_vector')")
    # Sitemap pages smaller than the desk, as they are on a real archive.
    monkeypatch.setattr(IdRangeSitemap, "limit", 300)
    scans, plans = [], []
    for name, url in public_pages().items():
        for query in fetch_counting_queries(client, url):
            if not query["sql"].startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            found = ARCHIVE_TABLES.search(plan)
            if found:
                scans.append(f"{name}: {found.group(0)}")
                plans.append(f"{name}\n{query['sql']}\n{plan}")

    assert scans == [], "\n\n".join(plans)
