"""Public pages cost the same on a small desk and a large one: query counts and query plans.

Both build real desks with the benchmark's generator (COPY, PostgreSQL only). The pages
are the benchmark's own list (benchmarks/pages.py): home, section fronts (first, middle
and last page), article, author and tag pages, searches, feeds, sitemaps, corrections.
"""

import re

import pytest
from django.db import connection

from articles.distribution.sitemaps import IdRangeSitemap
from benchmarks.desk import build_desk
from benchmarks.pages import public_pages
from tests.articles.query_plans import prepare_statistics, query_counts, scans_of

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


def test_public_pages_run_as_many_queries_on_three_times_the_archive(client):
    """Every public page runs the same number of queries at N and at 3N stories."""
    # Two sections of four pages and more: a front's middle page is not its first (no
    # lead) and every page has cards, at both sizes.
    build_desk(articles=130, photos=1, sections=2)
    small = query_counts(client, public_pages())
    build_desk(articles=260, photos=1, sections=2)
    large = query_counts(client, public_pages())

    assert large == small


def test_key_queries_of_public_pages_scan_no_archive_table(client, monkeypatch):
    """On a desk of thousands with fresh statistics, no page's query reads a whole archive table."""
    # Shaped like a full-size desk: an author or a tag holds a sliver of the archive.
    build_desk(articles=3000, photos=1, authors=1000, tags=5000, rare_every=300)
    prepare_statistics()
    # Sitemap pages smaller than the desk, as they are on a real archive.
    monkeypatch.setattr(IdRangeSitemap, "limit", 300)

    scans, plans = scans_of(client, public_pages(), ARCHIVE_TABLES)

    assert scans == [], "\n\n".join(plans)
