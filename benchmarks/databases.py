"""The benchmark's databases: one per scale, built once with benchmarks.desk and reused.

`python benchmarks/databases.py 100000` builds (or finds) newsroom_bench_100k; `make bench`
calls the same code for each scale it measures. Run before Django is set up: the database
URL is chosen here, from the scale.
"""

import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SCALES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def scale_name(articles: int) -> str:
    return next((name for name, n in SCALES.items() if n == articles), str(articles))


def database_url(articles: int) -> str:
    return f"{SERVER}/newsroom_bench_{scale_name(articles)}"


def ensure_database(url: str) -> None:
    """Create the Postgres database on first use."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(
        parts._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(articles: int) -> None:
    """Point Django at the scale's database and set it up (call once per process)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["DATABASE_URL"] = database_url(articles)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "build" / "bench-media"))
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()


def build(articles: int) -> float | None:
    """Migrate and fill the database up to `articles` published stories.

    Returns the seconds the fill took, or None when the desk was already there.
    """
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from benchmarks.desk import build_desk

    call_command("migrate", verbosity=0)
    missing = articles - Article.objects.published().count()
    if missing <= 0:
        # A reused desk: columns added by migrations since it was built have no
        # statistics (autovacuum analyzes only after row changes), and the planner then
        # guesses, e.g. 5,000 rows for "not trashed" out of a million; a migration that
        # rewrote rows also left the visibility map empty (no index-only scans) until
        # autovacuum comes round. VACUUM does both now.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        return None
    print(f"Building {missing} articles in {connection.settings_dict['NAME']} …")
    started = time.perf_counter()
    build_desk(
        articles=missing,
        bulk=True,
        log=lambda line: print(
            f"{time.perf_counter() - started:6.1f} s {line}", flush=True
        ),
    )
    # Statistics and the visibility map, as autovacuum would leave them: index-only
    # scans and the planner's estimates depend on both.
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


if __name__ == "__main__":
    count = int(sys.argv[1])
    setup_django(count)
    took = build(count)
    print("already built" if took is None else f"built in {took:.0f} s")
