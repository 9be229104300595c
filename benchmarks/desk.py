"""Fill a database with a large desk for benchmarks: many articles, each as rich as a real one.

Rows are written with bulk_create for speed; a handful of real photos (with their stored
renditions) are shared by all articles, as wire photos are on a real desk.
"""

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleStatus,
    ArticleTag,
    Byline,
    PhotoBlock,
    RichTextBlock,
)
from articles.site.search import update_search_vector
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
]


def jpeg(color: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), color).save(buffer, format="JPEG")
    return buffer.getvalue()


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."


@transaction.atomic
def build_desk(*, articles: int, seed: int = 7) -> None:
    """Create `articles` published articles with 3 bylines, 3 photos and 5 tags each."""
    rng = random.Random(seed)
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    sections = [
        Section.objects.get_or_create(
            slug=f"bench-{n}", defaults={"name": f"Desk {n}"}
        )[0]
        for n in range(5)
    ]
    authors = [
        Author.objects.get_or_create(
            slug=f"bench-writer-{n}",
            defaults={"name": f"Writer {n}", "job_title": "Correspondent"},
        )[0]
        for n in range(12)
    ]
    photos = list(Photo.objects.filter(caption__startswith="Benchmark photo"))
    for n in range(len(photos), 6):
        photos.append(
            Photo.objects.create(
                image=SimpleUploadedFile(
                    f"bench-{n}.jpg",
                    jpeg((20 * n, 90, 160)),
                ),
                caption=f"Benchmark photo {n}, Kyiv, January 7, 2024.",
                credit="©Kyodo",
                alt_text=f"Benchmark photo {n}",
            )
        )
    tags = [
        Tag.objects.get_or_create(name=f"topic {n}", slug=f"topic-{n}")[0]
        for n in range(40)
    ]

    start = Article.objects.count()
    now = timezone.now()
    new = Article.objects.bulk_create(
        Article(
            headline=f"Benchmark story {n}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            slug=f"benchmark-story-{n}",
            dek=paragraph(rng)[:200],
            section=rng.choice(sections),
            dateline="KYIV",
            status=ArticleStatus.PUBLISHED,
            published_at=now - timedelta(minutes=10 * n + 1),
            hero=rng.choice(photos),
            created_by=editor,
        )
        for n in range(start, start + articles)
    )
    Byline.objects.bulk_create(
        Byline(article=article, author=author, role=author.job_title, position=position)
        for article in new
        for position, author in enumerate(rng.sample(authors, 3))
    )
    RichTextBlock.objects.bulk_create(
        RichTextBlock(
            parent=article,
            region="body",
            ordering=10 * n,
            text=f"<h2>Part {n}</h2><p>{paragraph(rng)}</p>",
        )
        for article in new
        for n in range(3)
    )
    PhotoBlock.objects.bulk_create(
        PhotoBlock(
            parent=article, region="body", ordering=10 * n + 5, photo=rng.choice(photos)
        )
        for article in new
        for n in range(3)
    )
    ArticleTag.objects.bulk_create(
        ArticleTag(content_object=article, tag=tag)
        for article in new
        for tag in rng.sample(tags, 5)
    )
    for article in new:
        update_search_vector(article)
