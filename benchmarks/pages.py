"""Every public page and the admin on desks of 10k, 100k and 1M stories: time and queries.

`make bench` (or `python benchmarks/pages.py --scales 10k,100k`) builds or reuses one
database per scale (benchmarks/databases.py), then, in a process per scale, requests each
page through Django's full stack (test client, middleware included) uncached (every
cache emptied first) and cached, ROUNDS times each. The machine is shared, so the table
also gives each page's speed as a fraction of a minimal Django view measured in the same
run (1.0 = as fast as "return HttpResponse('ok')") and the load average. Results go to
benchmarks/results/<date>-<host>.md and the README's benchmark section.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.databases import SCALES, build, setup_django  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
FIRST_VIEW_ROUNDS = 5
README = ROOT / "README.md"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def public_pages() -> dict[str, str]:
    """The pages the issue lists, picked from the middle of the archive."""
    from django.db.models import Max, Min
    from taggit.models import Tag

    from articles.distribution.sitemaps import SITEMAPS
    from articles.models import Article
    from articles.site.listings import PER_PAGE

    bounds = Article.objects.published().aggregate(low=Min("pk"), high=Max("pk"))
    middle = (bounds["low"] + bounds["high"]) // 2
    article = Article.objects.published().filter(pk__gte=middle).order_by("pk").first()
    section = article.section
    author = article.bylines.first().author
    tag = Tag.objects.filter(articles_articletag_items__content_object=article).first()
    in_section = Article.objects.published().filter(section=section).count()
    last = max(1, -(-in_section // PER_PAGE))
    front = section.get_absolute_url()
    pages = {
        "home": "/",
        "section front, first page": front,
        "section front, middle page": f"{front}?page={last // 2 or 1}",
        "section front, last page": f"{front}?page={last}",
        "article": article.get_absolute_url(),
        "author page": author.get_absolute_url(),
        "author index, first page": "/authors/",
        "author index, last page": f"/authors/?page={author_index_pages()}",
        "tag page": f"/tags/{tag.slug}/",
        "search common word": "/search/?q=minister",
        "search rare word": "/search/?q=kamikawa",
        "RSS feed": "/feed/",
        "Atom feed": "/feed/atom/",
        "section feed": f"{front}feed/",
        "author feed": f"{author.get_absolute_url()}feed/",
        "tag feed": f"/tags/{tag.slug}/feed/",
        "sitemap index": "/sitemap.xml",
    }
    for name, sitemap_class in SITEMAPS.items():
        count = sitemap_class().paginator.num_pages
        for which, number in [
            ("first", 1),
            ("middle", (count + 1) // 2),
            ("last", count),
        ]:
            pages[f"sitemap {name}, {which} page"] = f"/sitemap-{name}.xml?p={number}"
    pages["news sitemap"] = "/news-sitemap.xml"
    pages["corrections"] = "/corrections/"
    return pages


def author_index_pages() -> int:
    from articles.site.views import AUTHORS_PER_PAGE
    from authors.models import Author

    return max(1, -(-Author.objects.active().count() // AUTHORS_PER_PAGE))


def admin_pages() -> dict[str, str]:
    from django.utils import timezone

    from articles.models import Article

    article = Article.objects.order_by("-pk").first()
    author = article.bylines.first().author
    # The date filter's "Past 7 days", as its link writes it.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    week_ago = quote(str(today - timedelta(days=7)))
    tomorrow = quote(str(today + timedelta(days=1)))
    changelist = "/admin/articles/article/"
    return {
        "admin dashboard": "/admin/",
        "admin changelist": changelist,
        "admin search common": f"{changelist}?q=minister",
        "admin search one hit": f"{changelist}?q=story-{article.pk}",
        "admin search author name": f"{changelist}?q={quote(author.name)}",
        "admin find author by name": f"{changelist}?author_name={quote(author.name)}",
        "admin filter author": f"{changelist}?author={author.pk}",
        "admin filter date": f"{changelist}?published_at__gte={week_ago}"
        f"&published_at__lt={tomorrow}",
        "admin filter live": f"{changelist}?stage=live",
        "admin article form": f"/admin/articles/article/{article.pk}/change/",
    }


def measure(articles: int, rounds: int) -> dict:
    """Run in a child process: build or reuse the desk, then time every page."""
    setup_django(articles)
    built = build(articles)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, StoredCard, StoredPage
    from sections.models import ChromeSnapshot

    def forget_stored_html():
        StoredPage.objects.all().delete()
        StoredCard.objects.all().delete()
        ChromeSnapshot.objects.all().delete()

    # No setup_test_environment(): its template instrumentation copies every context
    # the test client sees, which would cost more than the pages themselves.
    settings.ROOT_URLCONF = "benchmarks.urls"
    # As newsroom/wsgi.py does in each production worker once the application is loaded.
    from newsroom.runtime import tune_garbage_collector

    tune_garbage_collector()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    reader = Client()
    editor = Client()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    editor.force_login(user)

    def timed(client, url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    def one_page(client, url: str, *, cached: bool) -> dict:
        cache.clear()
        client.get(url)  # Python's own caches: templates, URL resolvers
        cache.clear()
        reset_queries()  # each request empties the log first: count from an empty one
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # Read now: the log is a live view that the next request empties.
        query_count = len(queries)
        uncached = []
        for _ in range(rounds):
            cache.clear()
            uncached.append(timed(client, url))
        row = {"url": url, "queries": query_count, "uncached": uncached}
        if cached:
            row["cached"] = [timed(client, url) for _ in range(rounds)]
            # The first view after a change: story parts, cards and chrome rendered and
            # stored again (articles.site.stored_pages), every cache empty.
            row["first_view"] = []
            for _ in range(FIRST_VIEW_ROUNDS):
                forget_stored_html()
                cache.clear()
                row["first_view"].append(timed(client, url))
        return row

    load_before = os.getloadavg()
    minimal = one_page(reader, "/bench-minimal/", cached=False)["uncached"]
    rows = {
        name: one_page(reader, url, cached=True) for name, url in public_pages().items()
    }
    rows |= {
        name: one_page(editor, url, cached=False) for name, url in admin_pages().items()
    }
    minimal += one_page(reader, "/bench-minimal/", cached=False)["uncached"]
    return {
        "articles": Article.objects.published().count(),
        "built_seconds": built,
        "minimal": minimal,
        "pages": rows,
        "load": [load_before, os.getloadavg()],
    }


def summary(values: list[float], minimal_p50: float) -> str:
    p50 = statistics.median(values)
    return (
        f"{p50:.1f} / {percentile(values, 0.95):.1f} / {percentile(values, 0.99):.1f}"
        f" ({minimal_p50 / p50:.3f}×)"
    )


def table(results: dict[str, dict]) -> str:
    """One Markdown table: a row per page, a column pair per scale."""
    scales = list(results)
    header = ["page"]
    for scale in scales:
        header += [
            f"{scale} uncached ms p50/p95/p99 (× minimal)",
            "q",
            "first view p50",
            "cached p50",
        ]
    lines = [
        "| " + " | ".join(header) + " |",
        "|---" + "|---:" * (len(header) - 1) + "|",
    ]
    names = list(next(iter(results.values()))["pages"])
    for scale in scales[1:]:
        names += [n for n in results[scale]["pages"] if n not in names]
    for name in names:
        cells = [name]
        for scale in scales:
            row = results[scale]["pages"].get(name)
            minimal_p50 = statistics.median(results[scale]["minimal"])
            if row is None:
                cells += ["", "", "", ""]
                continue
            cached = statistics.median(row["cached"]) if "cached" in row else None
            first = row.get("first_view")
            cells += [
                summary(row["uncached"], minimal_p50),
                str(row["queries"]),
                f"{statistics.median(first):.1f}" if first else "–",
                f"{cached:.1f}" if cached is not None else "–",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    footer = []
    for scale in scales:
        result = results[scale]
        load = " → ".join(f"{a[0]:.1f}" for a in result["load"])
        footer.append(
            f"{scale}: {result['articles']:,} published stories; minimal view p50 "
            f"{statistics.median(result['minimal']):.2f} ms; load average {load}"
        )
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {line}" for line in footer) + "\n"


def save(text: str, results: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    host = platform.node() or "unknown"
    path = RESULTS / f"{now:%Y-%m-%d-%H%M}-{host}.md"
    path.with_suffix(".json").write_text(json.dumps(results))
    cpus = os.cpu_count()
    heading = (
        f"# Benchmark {now:%Y-%m-%d %H:%M} UTC on {host} ({cpus} CPUs, "
        f"{platform.python_implementation()} {platform.python_version()})\n\n"
    )
    path.write_text(heading + text)
    readme = README.read_text()
    if README_START in readme and README_END in readme:
        before, rest = readme.split(README_START, 1)
        _, after = rest.split(README_END, 1)
        block = f"{README_START}\n_Latest run: `{path.relative_to(ROOT)}`_\n\n{text}{README_END}"
        README.write_text(before + block + after)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10k,100k,1m")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--with",
        dest="earlier",
        action="append",
        default=[],
        help="an earlier run's .json in benchmarks/results: its scales join the table",
    )
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        Path(options.out).write_text(
            json.dumps(measure(options.measure, options.rounds))
        )
        return
    results = {}
    for earlier in options.earlier:
        results |= json.loads(Path(earlier).read_text())
    for scale in filter(None, options.scales.split(",")):
        out = RESULTS / f".{scale}.json"
        RESULTS.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, __file__, "--measure", str(SCALES[scale])]
        command += ["--rounds", str(options.rounds), "--out", str(out)]
        subprocess.run(command, check=True)
        results[scale] = json.loads(out.read_text())
        out.unlink()
    results = {scale: results[scale] for scale in SCALES if scale in results}
    text = table(results)
    print(text)
    print(f"Saved to {save(text, results).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
