"""Import a generated WordPress export of many posts and report time, rate and peak memory.

    .venv/bin/python benchmarks/wordpress_import.py --posts 100000

The export is written to disk as it is generated (it is never held in memory either),
imported into a database of its own (created afresh, migrated), and the figures are
saved under benchmarks/results/. Peak memory is the import process's maximum resident
set size, from the rusage of that one process (wait4); the migration runs before it.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://bench.example.org"
WORDS = [
    "minister",
    "budget",
    "defence",
    "export",
    "missile",
    "alliance",
    "summit",
    "winter",
    "generators",
    "shelter",
    "parliament",
    "sanctions",
    "shipyard",
    "treaty",
    "envoy",
    "frontier",
    "convoy",
    "ceasefire",
]
NS = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def post_body(rng: random.Random, attachment: int) -> str:
    """A block-editor body: paragraphs, a subhead, an image, a quote and a list."""
    paragraph = "<!-- wp:paragraph --><p>{}</p><!-- /wp:paragraph -->\n"
    parts = [paragraph.format(sentence(rng) + " " + sentence(rng)) for _ in range(4)]
    parts.insert(
        2, f"<!-- wp:heading --><h2>{sentence(rng, 4)}</h2><!-- /wp:heading -->\n"
    )
    parts.append(
        f'<!-- wp:image {{"id":{attachment}}} --><figure class="wp-block-image">'
        f'<img src="{SITE}/wp-content/uploads/2024/01/p{attachment}.jpg" '
        f'class="wp-image-{attachment}"/><figcaption>{sentence(rng, 8)} ©Kyodo'
        "</figcaption></figure><!-- /wp:image -->\n"
    )
    parts.append(
        f"<!-- wp:quote --><blockquote><p>{sentence(rng, 9)}</p><cite>An envoy</cite>"
        "</blockquote><!-- /wp:quote -->\n"
    )
    parts.append("<!-- wp:list --><ul><li>One</li><li>Two</li></ul><!-- /wp:list -->\n")
    return "".join(parts)


def write_export(path: Path, posts: int, seed: int = 7) -> None:
    """Stream a WXR 1.2 file with `posts` posts (and an attachment per 20 posts) to `path`."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    attachments = max(1, posts // 20)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" {NS}>\n<channel>\n'
        )
        out.write(
            f"<title>Bench</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>\n"
        )
        out.write(f"<wp:base_site_url>{SITE}</wp:base_site_url>\n")
        for number in range(40):
            out.write(
                f"<wp:author><wp:author_login>writer{number}</wp:author_login>"
                f"<wp:author_display_name>Writer {number}</wp:author_display_name></wp:author>\n"
            )
        for number in range(30):
            parent = f"desk-{number % 5}" if number >= 5 else ""
            out.write(
                f"<wp:category><wp:term_id>{number + 1}</wp:term_id><wp:category_nicename>"
                f"desk-{number}</wp:category_nicename><wp:category_parent>{parent}"
                f"</wp:category_parent><wp:cat_name>Desk {number}</wp:cat_name></wp:category>\n"
            )
        for number in range(posts):
            attachment = 1_000_000 + number % attachments
            day = start + timedelta(minutes=7 * number)
            status = "draft" if number % 97 == 0 else "publish"
            date = day.strftime("%Y-%m-%d %H:%M:%S")
            tags = "".join(
                f'<category domain="post_tag" nicename="t{t}"><![CDATA[Topic {t}]]></category>'
                for t in rng.sample(range(800), 3)
            )
            cap = "".join(
                f'<category domain="author" nicename="cap-writer{w}">writer{w}</category>'
                for w in rng.sample(range(40), 2)
            )
            out.write(
                f"<item><title>Story {number}: {sentence(rng, 6)}</title>"
                f"<link>{SITE}/{day:%Y/%m/%d}/story-{number}/</link>"
                f"<dc:creator>writer{number % 40}</dc:creator>"
                f'<guid isPermaLink="false">{SITE}/?p={number + 1}</guid>'
                f"<content:encoded><![CDATA[{post_body(rng, attachment)}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{sentence(rng, 12)}]]></excerpt:encoded>"
                f"<wp:post_id>{number + 1}</wp:post_id><wp:post_date>{date}</wp:post_date>"
                f"<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>story-{number}"
                f"</wp:post_name><wp:status>{status}</wp:status><wp:post_type>post"
                f'</wp:post_type><category domain="category" nicename="desk-{number % 30}">'
                f"Desk</category>{tags}{cap}</item>\n"
            )
        for number in range(attachments):
            out.write(
                f"<item><title>p{number}</title><wp:post_id>{1_000_000 + number}</wp:post_id>"
                f"<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
                f"<excerpt:encoded>Photo {number}, Kyiv. ©Kyodo</excerpt:encoded>"
                f"<wp:attachment_url>{SITE}/wp-content/uploads/2024/01/p{number}.jpg"
                "</wp:attachment_url></item>\n"
            )
        out.write("</channel>\n</rss>\n")


def fresh_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


class LoadSampler:
    """The machine's one-minute load average, read every few seconds while the import runs."""

    def __init__(self, every_seconds: float = 10.0):
        self.every_seconds = every_seconds
        self.samples: list[float] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.done.wait(self.every_seconds):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()

    def summary(self) -> dict:
        samples = self.samples or [os.getloadavg()[0]]
        return {
            "min": round(min(samples), 1),
            "mean": round(sum(samples) / len(samples), 1),
            "max": round(max(samples), 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/wordpress-bench"))
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_wp_bench"
        ),
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    export = args.workdir / f"export-{args.posts}.xml"
    began = time.monotonic()
    write_export(export, args.posts)
    generated = time.monotonic() - began
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "MEDIA_ROOT": str(args.workdir / "media"),
        "CACHE_URL": "locmemcache://",
    }
    fresh_database(args.database_url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
    progress = args.workdir / "progress.log"  # the importer's progress lines, to follow
    began = time.monotonic()
    with progress.open("w") as log, LoadSampler() as load:
        importer = subprocess.Popen(
            [
                *manage,
                "import_wordpress",
                str(export),
                "--media-dir",
                str(args.workdir),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        report = importer.stdout.read()
        # wait4 gives this one child's resource usage, not the migration's as well.
        _, status, usage = os.wait4(importer.pid, 0)
    elapsed = time.monotonic() - began
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"The import failed; see {progress}.")
    peak_kib = usage.ru_maxrss
    figures = {
        "posts": args.posts,
        "export_bytes": export.stat().st_size,
        "generate_seconds": round(generated, 1),
        "import_seconds": round(elapsed, 1),
        "posts_per_second": round(args.posts / elapsed, 1),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "peak_memory_measure": "maximum resident set size of the import process (wait4 rusage)",
        "database": "PostgreSQL",
        "machine": f"{os.cpu_count()} cores, shared",
        "load_average_during_import": load.summary(),
        "report": [
            line for line in report.splitlines() if not line.startswith("  skipped:")
        ][:20],
    }
    out = ROOT / "benchmarks" / "results" / f"wordpress_import-{args.posts}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
