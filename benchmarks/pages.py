"""Public pages on a large desk: queries per page and speed as ratios, measured in one run.

Run by hand (not part of the test suite): `make bench`. It migrates its own database
(BENCH_DATABASE_URL, Postgres by default), fills it with a desk of --articles stories
unless it already has them, and prints for each page type the SQL queries of an uncached
render and the median time of an uncached render relative to a cached one. Times are
printed as ratios because the machine is shared: absolute numbers mean little here.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "build" / "bench-media"))


def ensure_database(url: str) -> None:
    """Create the benchmark's Postgres database on first use."""
    from urllib.parse import urlsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    name = parts.path.lstrip("/")
    with psycopg.connect(
        parts._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    call_command("migrate", verbosity=0)

    from articles.models import Article
    from articles.site.caching import bump_content_generation
    from benchmarks.desk import build_desk

    missing = options.articles - Article.objects.published().count()
    if missing > 0:
        print(f"Creating {missing} articles …", flush=True)
        build_desk(articles=missing)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give them: bulk inserts leave the
            # planner guessing otherwise.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    article = (
        Article.objects.published().filter(slug__startswith="benchmark-story").first()
    )
    author = article.bylines.first().author
    tag = article.tags.first()
    pages = {
        "home": "/",
        "section front": article.section.get_absolute_url(),
        "article": article.get_absolute_url(),
        "author page": author.get_absolute_url(),
        "tag page": f"/tags/{tag.slug}/",
        "search": "/search/?q=minister+budget",
        "RSS feed": "/feed/",
        "sitemap index": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
    }
    client = Client()

    def timed(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    total = Article.objects.published().count()
    print(f"{total} published articles; {options.rounds} rounds per measurement\n")
    print(f"{'page':<15} {'queries':>7} {'uncached/cached':>16}")
    print(f"{'':<15} {'':>7} {'(time ratio)':>16}")
    # "Uncached" is the first request after an article was saved: the page and the
    # schedule lookup are computed again, the masthead and footer stay cached.
    cache.clear()
    for name, url in pages.items():
        client.get(url)  # warm the shared chrome and Python's own caches
        bump_content_generation()
        # Each request empties the query log first; start counting from an empty one.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(
            queries
        )  # read now: the log is a live view that later requests reset
        uncached = []
        cached = []
        for _ in range(options.rounds):
            bump_content_generation()
            uncached.append(timed(url))
            cached.append(timed(url))
        ratio = statistics.median(uncached) / statistics.median(cached)
        print(f"{name:<15} {query_count:>7} {ratio:>15.1f}x")


if __name__ == "__main__":
    main()
