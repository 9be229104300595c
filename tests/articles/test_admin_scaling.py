"""The desk's admin costs the same on a small desk and a large one: query counts and plans.

The pages are the benchmark's admin list (benchmarks/pages.py): dashboard, article list,
searches for a common word, one slug and an author's name, the author filter (by name
and by id), date and stage filters. Desks come from the
benchmark's generator (COPY, PostgreSQL only).
"""

import re
from datetime import timedelta

import pytest
from django.db import connection

from articles.admin import paginator as admin_paginator
from benchmarks import desk
from benchmarks.desk import build_desk
from benchmarks.pages import admin_pages
from tests.articles.query_plans import prepare_statistics, query_counts, scans_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the desk generator and EXPLAIN need PostgreSQL",
    ),
]

# The archive's tables and the tag names: reading one whole reads the archive.
ARCHIVE_TABLES = re.compile(
    r"Seq Scan on (articles_article|articles_articletag|articles_byline|taggit_tag)\b"
)


def list_pages() -> dict[str, str]:
    """The dashboard and the article list with its searches and filters (not the form)."""
    return {
        name: url for name, url in admin_pages().items() if name != "admin article form"
    }


def test_admin_lists_run_as_many_queries_on_three_times_the_desk(editor_client):
    """The dashboard and every search and filter of the list run as many queries at N and 3N."""
    build_desk(articles=60, photos=1)
    small = query_counts(editor_client, list_pages())
    build_desk(articles=120, photos=1)
    large = query_counts(editor_client, list_pages())

    assert large == small


def test_admin_searches_and_filters_scan_no_archive_table(editor_client, monkeypatch):
    """On a desk of thousands with fresh statistics, no admin query reads a whole table.

    Each query runs under EXPLAIN (ANALYZE, BUFFERS), so the plan is the one that ran.
    """
    # Shaped like the million-story desk: two years of stories (a week is a sliver),
    # and lists longer than the paginator counts exactly.
    monkeypatch.setattr(desk, "SPACING", timedelta(hours=6))
    monkeypatch.setattr(admin_paginator, "EXACT_BELOW", 300)
    build_desk(articles=3000, photos=1, authors=1000, tags=5000, rare_every=300)
    prepare_statistics()

    scans, plans = scans_of(
        editor_client,
        list_pages(),
        ARCHIVE_TABLES,
        explain="EXPLAIN (ANALYZE, BUFFERS)",
    )

    assert scans == [], "\n\n".join(plans)
