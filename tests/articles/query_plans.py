"""Query counts and query plans of pages, for the tests that keep pages from growing with the desk."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import StoredCard, StoredPage
from sections.models import ChromeSnapshot


def forget_stored_html() -> None:
    """Delete the derived HTML pages store (story parts, cards, the chrome snapshot)."""
    StoredPage.objects.all().delete()
    StoredCard.objects.all().delete()
    ChromeSnapshot.objects.all().delete()


def fetch_counting_queries(client, url: str, *, stored: bool = False) -> list[dict]:
    """The queries of an uncached request: with nothing stored (the first view after a
    change), or with what the first view stored (`stored`, every later cache miss)."""
    forget_stored_html()
    cache.clear()
    if stored:
        client.get(url)
        cache.clear()  # every page uncached, chrome included
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return queries.captured_queries


def query_counts(client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        counts[name] = len(fetch_counting_queries(client, url))
        counts[f"{name}, stored"] = len(
            fetch_counting_queries(client, url, stored=True)
        )
    return counts


def prepare_statistics() -> None:
    """As autovacuum leaves a table: statistics, and the full-text index's pending list
    merged (the planner prices an unmerged one as a scan of all of it)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT gin_clean_pending_list('article_search_vector')")


def scans_of(
    client, pages: dict[str, str], tables: re.Pattern, *, explain: str = "EXPLAIN"
) -> tuple[list[str], list[str]]:
    """The sequential scans of `tables` in the plans of every page's SELECTs, and those plans."""
    scans, plans = [], []
    for name, url in pages.items():
        for query in fetch_counting_queries(client, url):
            if not query["sql"].startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"{explain} {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            found = tables.search(plan)
            if found:
                scans.append(f"{name}: {found.group(0)}")
                plans.append(f"{name}\n{query['sql']}\n{plan}")
    return scans, plans
