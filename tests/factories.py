"""Helpers that create rows with sensible defaults; keyword arguments win over them."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleStatus, Byline, PhotoBlock, RichTextBlock
from authors.models import Author
from media_library.models import Photo
from sections.models import Section

_sequence = itertools.count(1)


def make_user(**fields):
    n = next(_sequence)
    fields.setdefault("username", f"user{n}")
    password = fields.pop("password", "correct horse battery staple")
    user = get_user_model().objects.create_user(**fields)
    user.set_password(password)
    user.save()
    return user


def make_section(**fields):
    n = next(_sequence)
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    n = next(_sequence)
    fields.setdefault("name", f"Author {n}")
    fields.setdefault("slug", f"author-{n}")
    fields.setdefault("job_title", "Staff Writer")
    return Author.objects.create(**fields)


def image_bytes(*, size=(64, 48), color=(40, 90, 160), format="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format)
    return buffer.getvalue()


def make_photo(**fields):
    n = next(_sequence)
    if "image" not in fields:
        # A distinct colour per photo keeps checksums unique.
        color = (n * 37 % 256, n * 91 % 256, n * 53 % 256)
        fields["image"] = SimpleUploadedFile(
            f"photo-{n}.jpg", image_bytes(color=color), content_type="image/jpeg"
        )
    fields.setdefault("caption", f"Caption of photo {n}, Kyiv, January 7, 2024.")
    fields.setdefault("credit", "©Kyodo")
    fields.setdefault("alt_text", f"Alt text of photo {n}")
    return Photo.objects.create(**fields)


def make_article(*, section=None, authors=(), tags=(), **fields):
    """A published article (an hour old) unless the fields say otherwise."""
    n = next(_sequence)
    fields.setdefault("headline", f"Headline {n}")
    fields.setdefault("slug", f"headline-{n}")
    fields.setdefault("dek", f"Dek of article {n}.")
    fields.setdefault("status", ArticleStatus.PUBLISHED)
    if fields["status"] == ArticleStatus.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    article = Article.objects.create(section=section or make_section(), **fields)
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def add_text(article, html, *, ordering=0):
    return RichTextBlock.objects.create(
        parent=article, region="body", ordering=ordering, text=html
    )


def add_photo_block(article, photo=None, *, ordering=0, **fields):
    return PhotoBlock.objects.create(
        parent=article,
        region="body",
        ordering=ordering,
        photo=photo or make_photo(),
        **fields,
    )


def photo_upload(name="photo.jpg", content=None, **image_options) -> SimpleUploadedFile:
    """An uploaded file as the browser sends it; a fresh JPEG unless content is given."""
    if content is None:
        content = image_bytes(**image_options)
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def make_member(role: str, **fields):
    """A staff account in one of the newsroom's role groups (articles.roles)."""
    from django.contrib.auth.models import Group

    user = make_user(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def make_draft(*, section=None, authors=(), created_by=None, **fields):
    """A draft that passes every publish check: headline, dek, section and a byline."""
    fields.setdefault("status", ArticleStatus.DRAFT)
    fields.setdefault("published_at", None)
    if not authors:
        authors = [make_author()]
    return make_article(
        section=section, authors=authors, created_by=created_by, **fields
    )


def expected_status_of_hidden(article) -> int:
    """What a reader gets at a hidden article's address: 410 once it was live, else 404."""
    from django.utils import timezone

    was_live = (
        article.status == ArticleStatus.UNPUBLISHED
        and article.published_at is not None
        and article.published_at <= timezone.now()
    )
    return 410 if was_live else 404
