"""Fill a PostgreSQL database with a large desk for benchmarks: many articles, each as rich as a real one.

Every article has 3 bylines, 3 rich-text blocks, 3 photo blocks and 5 tags, over 50 sections,
2,000 authors and 20,000 tags (at full scale). Rows go in with COPY, in id order, the newest
article last (ids follow publication time, as on a real desk). A handful of real photos, with
their stored renditions, are shared by all articles, as wire photos are.

For a big load (`bulk=True`) the secondary indexes are dropped first and built again at the
end, and foreign-key triggers are off during COPY: a million rows then take minutes, not hours.
"""

import io
import random
import re
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from articles.models import Article
from authors.models import Author
from media_library.models import Photo
from sections.models import Section

WORDS = [
    "minister",
    "defence",
    "budget",
    "missile",
    "ministry",
    "alliance",
    "summit",
    "export",
    "treaty",
    "winter",
    "generators",
    "shelter",
    "parliament",
    "coalition",
    "sanctions",
    "shipyard",
    "drone",
    "election",
    "harbour",
    "reactor",
    "grain",
    "pipeline",
    "tariff",
    "border",
    "refinery",
    "satellite",
    "frigate",
    "diplomat",
    "envoy",
]
# One story in RARE_EVERY carries this word: the benchmark's "rare word" search.
RARE_WORD = "kamikawa"
RARE_EVERY = 5000
# Consecutive stories are this far apart; the newest is a minute old.
SPACING = timedelta(minutes=1)
PARAGRAPHS = 4000
# Tables COPY fills, and whose secondary indexes a bulk load rebuilds.
LOADED_TABLES = [
    "articles_article",
    "articles_byline",
    "articles_richtextblock",
    "articles_photoblock",
    "articles_articletag",
    "articles_correction",
]
# A correction on one story in this many, so the corrections page has a long list.
CORRECTION_EVERY = 500


def jpeg(color: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), color).save(buffer, format="JPEG")
    return buffer.getvalue()


def paragraph(rng: random.Random, words: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def scale_for(articles: int) -> dict[str, int]:
    """Sections, authors and tags in proportion, reaching 50 / 2,000 / 20,000 at 1M."""
    return {
        "sections": 50,
        "authors": max(40, min(2000, articles // 500)),
        "tags": max(200, min(20000, articles // 50)),
    }


def _people_and_places(counts: dict[str, int], photo_count: int):
    """Sections, authors, tags and photos; created once and reused by later runs."""
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    Section.objects.bulk_create(
        [
            Section(slug=f"desk-{n}", name=f"Desk {n}", position=n)
            for n in range(counts["sections"])
        ],
        ignore_conflicts=True,
    )
    Author.objects.bulk_create(
        [
            Author(
                slug=f"writer-{n}",
                name=f"Writer {n}",
                job_title="Correspondent",
                short_bio=f"Writer {n} covers defence and diplomacy.",
            )
            for n in range(counts["authors"])
        ],
        ignore_conflicts=True,
    )
    Tag.objects.bulk_create(
        [Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(counts["tags"])],
        ignore_conflicts=True,
    )
    photos = list(Photo.objects.filter(caption__startswith="Benchmark photo"))
    for n in range(len(photos), photo_count):
        photos.append(
            Photo.objects.create(
                image=SimpleUploadedFile(f"bench-{n}.jpg", jpeg((20 * n, 90, 160))),
                caption=f"Benchmark photo {n}, Kyiv, January 7, 2024.",
                credit="©Kyodo",
                alt_text=f"Benchmark photo {n}",
            )
        )

    def ids(queryset, prefix):
        return list(
            queryset.filter(slug__startswith=prefix)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def names(queryset, prefix):
        return dict(queryset.filter(slug__startswith=prefix).values_list("pk", "name"))

    return {
        "editor": editor.pk,
        "sections": ids(Section.objects, "desk-"),
        "authors": ids(Author.objects, "writer-"),
        "tags": ids(Tag.objects, "topic-"),
        "photos": [photo.pk for photo in photos],
        # The search vector holds bylined names and tags (weight D).
        "names": names(Author.objects, "writer-"),
        "tag_names": names(Tag.objects, "topic-"),
    }


class SearchVectors:
    """The stored search vector of generated text, written in Python.

    PostgreSQL's to_tsvector costs about a millisecond per story, a quarter of an hour at a
    million; the generated text has a tiny vocabulary, so each word's lexeme is asked once
    and the vector (positions and weights, as `update_search_vector` stores it) is built here.
    """

    def __init__(self, cursor):
        vocabulary = [*WORDS, RARE_WORD, "story", "part", "visits", "and"]
        vocabulary += ["writer", "topic"]
        cursor.execute(
            "SELECT w, array_to_string(tsvector_to_array(to_tsvector('english', w)), '') "
            "FROM unnest(%s::text[]) AS w",
            [vocabulary],
        )
        self.lexemes = {word: lexeme or None for word, lexeme in cursor.fetchall()}

    def _lexeme(self, token: str) -> str | None:
        return token if token.isdigit() else self.lexemes[token]

    def vector(self, *weighted: tuple[str, str]) -> str:
        """`weighted` is (text, weight) pairs; each part's positions follow the last one's."""
        positions: dict[str, list[str]] = {}
        shift = 0
        for text, weight in weighted:
            tokens = re.findall(r"[a-z0-9]+", text.lower())
            for index, token in enumerate(tokens, start=shift + 1):
                lexeme = self._lexeme(token)
                if lexeme is not None:
                    positions.setdefault(lexeme, []).append(f"{index}{weight}")
            if tokens:
                shift += len(tokens)
        return " ".join(
            f"'{lexeme}':{','.join(places[:256])}"
            for lexeme, places in sorted(positions.items())
        )


def _tsv(rows: Iterable[tuple]) -> Iterator[bytes]:
    """COPY's text format, 5,000 rows a chunk; generated values hold no tabs or newlines."""
    chunk = []
    for row in rows:
        chunk.append("\t".join(r"\N" if v is None else str(v) for v in row))
        if len(chunk) == 5000:
            yield ("\n".join(chunk) + "\n").encode()
            chunk = []
    if chunk:
        yield ("\n".join(chunk) + "\n").encode()


def _copy(cursor, table: str, columns: str, rows: Iterable[tuple]) -> None:
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for data in _tsv(rows):
            copy.write(data)


def _secondary_indexes(cursor) -> list[tuple[str, str]]:
    """(name, definition) of the loaded tables' indexes that back no constraint."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        """,
        [LOADED_TABLES],
    )
    return cursor.fetchall()


def _story_rows(first_id: int, count: int, total: int, world: dict, rng, now, vectors):
    """Article rows, plus the byline, block, tag and correction rows of each."""
    paragraphs = [paragraph(rng) for _ in range(PARAGRAPHS)]
    sections, authors, tags, photos = (
        world["sections"],
        world["authors"],
        world["tags"],
        world["photos"],
    )
    rows = {name: [] for name in ["byline", "text", "photo", "tag", "correction"]}
    articles = []
    for n in range(count):
        pk = first_id + n
        published = now - SPACING * (total - n)
        stamp = published.isoformat()
        texts = [paragraphs[rng.randrange(PARAGRAPHS)] for _ in range(3)]
        topic = f"{rng.choice(WORDS)} and {rng.choice(WORDS)}"
        if pk % world["rare_every"] == 0:
            topic = f"{RARE_WORD} visits {rng.choice(WORDS)}"
        headline = f"Story {pk}: {topic}"
        dek = " ".join(texts[0].split()[:25])
        search_text = " ".join(f"Part {i} {text}" for i, text in enumerate(texts))
        bylined = rng.sample(authors, 3)
        tagged = rng.sample(tags, 5)
        labels = " ".join(
            [world["names"][a] for a in bylined]
            + [world["tag_names"][t] for t in tagged]
        )
        vector = vectors.vector(
            (headline, "A"), (dek, "B"), (search_text, "C"), (labels, "D")
        )
        articles.append(
            (
                pk,
                headline,
                f"story-{pk}",
                dek,
                "KYIV",
                "published",
                stamp,
                stamp,
                stamp,
                "",
                "",
                "",
                "",
                world["editor"],
                photos[pk % len(photos)],
                sections[pk % len(sections)],
                search_text,
                vector,
                1,
                "",  # rendered on first view
            )
        )
        for position, author in enumerate(bylined):
            rows["byline"].append(("Correspondent", position, pk, author, stamp))
        for i, text in enumerate(texts):
            rows["text"].append(("body", 10 * i, f"<h2>Part {i}</h2><p>{text}</p>", pk))
            rows["photo"].append(
                ("body", 10 * i + 5, "", "", "inline", pk, rng.choice(photos))
            )
        for tag in tagged:
            rows["tag"].append((pk, tag))
        if pk % CORRECTION_EVERY == 0:
            rows["correction"].append(
                ("correction", f"An earlier version misnamed a ministry in story {pk}.")
                + (stamp, stamp, pk)
            )
    return articles, rows


COLUMNS = {
    "articles_article": (
        "id, headline, slug, dek, dateline, status, published_at, created_at, "
        "updated_at, hero_caption, hero_credit, seo_title, seo_description, "
        "created_by_id, hero_id, section_id, search_text, search_vector, version, "
        "body_html"
    ),
    "articles_byline": "role, position, article_id, author_id, listed_at",
    "articles_richtextblock": "region, ordering, text, parent_id",
    "articles_photoblock": "region, ordering, caption, credit, layout, parent_id, photo_id",
    "articles_articletag": "content_object_id, tag_id",
    "articles_correction": "kind, text, published_at, created_at, article_id",
}
ROW_TABLES = {
    "byline": "articles_byline",
    "text": "articles_richtextblock",
    "photo": "articles_photoblock",
    "tag": "articles_articletag",
    "correction": "articles_correction",
}


def build_desk(
    *,
    articles: int,
    seed: int = 7,
    photos: int = 6,
    bulk: bool = False,
    log=None,
    **shape: int,
) -> None:
    """Add `articles` published stories, newest last, to the current PostgreSQL database.

    `bulk` drops the secondary indexes during the load and rebuilds them after: for big
    loads into a database nobody else uses (not inside a test's transaction). `shape`
    overrides the number of sections, authors or tags and how rare RARE_WORD is.
    """
    say = log or (lambda message: None)
    rng = random.Random(seed)
    total = Article.objects.count() + articles
    world = _people_and_places(scale_for(total) | shape, photos)
    world["rare_every"] = shape.get("rare_every", RARE_EVERY)
    now = timezone.now()
    batch = 50000
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        dropped = []
        if bulk:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            dropped = _secondary_indexes(cursor)
            for name, _definition in dropped:
                cursor.execute(f'DROP INDEX "{name}"')
        vectors = SearchVectors(cursor)
        cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
        first_id = cursor.fetchone()[0] + 1
        offset = total - articles
        for start in range(0, articles, batch):
            count = min(batch, articles - start)
            pk = first_id + start
            article_rows, rows = _story_rows(
                pk, count, total - offset - start, world, rng, now, vectors
            )
            _copy(cursor, "articles_article", COLUMNS["articles_article"], article_rows)
            for key, table in ROW_TABLES.items():
                _copy(cursor, table, COLUMNS[table], rows[key])
            say(f"  {start + count} / {articles} articles")
        for name, definition in dropped:
            say(f"  index {name}")
            cursor.execute(definition)
        for table in LOADED_TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
