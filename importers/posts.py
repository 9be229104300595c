"""WordPress posts into articles: fields, body blocks, bylines, tags, old addresses, status."""

import html
import re
from datetime import datetime
from urllib.parse import unquote, urlsplit

from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from articles.models import (
    Article,
    ArticleRedirect,
    ArticleTag,
    Byline,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from articles.site.search import update_search_vector
from importers.body import EmbedRef, PhotoRef, PullQuote, RichText, convert_body
from importers.directory import Directory
from importers.middleware import shortlink_path
from importers.models import ImportedItem, ItemKind
from importers.report import Report
from importers.status import (
    IMPORTED_STATUSES,
    PUBLIC,
    apply_status,
    publication_time,
)
from importers.wxr import WxrItem
from media_library.models import Photo
from text import html_to_text

# "kyiv-300x200.jpg" is WordPress's resized copy of "kyiv.jpg".
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+\Z)")
FIRST_SENTENCE = re.compile(r"\A(.+?[.!?])(?:\s|\Z)")
sanitize_rich_text = RichTextBlock._meta.get_field("text").sanitize


def plain(markup: str) -> str:
    return " ".join(html.unescape(strip_tags(markup)).split())


def original_file_url(url: str) -> str:
    return RESIZED.sub("", url.split("?")[0])


def old_paths(item: WxrItem) -> set[str]:
    """The addresses readers reached the post by: its permalink and its shortlink."""
    paths = {shortlink_path(item.post_id)}
    if item.link:
        parts = urlsplit(item.link)
        path = unquote(parts.path) or "/"
        paths.add(f"{path}?{parts.query}" if parts.query else path)
    return {path[:400] for path in paths}


def post_label(item: WxrItem) -> str:
    return f"{item.post_id} “{Truncator(plain(item.title)).chars(60)}”"


def dek_for(item: WxrItem, blocks: list) -> str:
    """The excerpt, or else the body's first sentence: WordPress themes show the same."""
    text = plain(item.excerpt)
    if not text:
        body = " ".join(html_to_text(b.html) for b in blocks if isinstance(b, RichText))
        match = FIRST_SENTENCE.match(body)
        text = match.group(1) if match else body
    return Truncator(text).chars(400)


class PostImporter:
    """Posts one at a time: the path for changed posts, and for a batch the database refused.

    New posts normally go in a batch at a time (importers.post_batch), built with the same
    methods below.
    """

    def __init__(self, *, site: str, report: Report, directory: Directory, user):
        self.site = site
        self.report = report
        self.directory = directory
        self.user = user

    def import_post(self, item: WxrItem) -> None:
        record = (
            ImportedItem.objects.filter(
                site=self.site, kind=ItemKind.POST, source_id=item.post_id
            )
            .select_related("article__section")
            .first()
        )
        if not self.wanted(item, record):
            return
        warnings = self.write(item, record.article if record else None)
        self.report_written(item, warnings, updated=record is not None)

    def wanted(self, item: WxrItem, record: ImportedItem | None) -> bool:
        """Whether the post is to be written; when not, the report says why."""
        label = post_label(item)
        if item.post_type == "page":
            self.report.count("post", "skipped", "pages are not imported", label)
            return False
        if item.post_type != "post":
            self.report.count("post", "skipped", "not a post", label, item.post_type)
            return False
        if item.status not in IMPORTED_STATUSES:
            self.report.count(
                "post", "skipped", "status not imported", label, item.status
            )
            return False
        if record and record.article is None:
            self.report.count(
                "post", "skipped", "deleted here after an earlier import", label
            )
            return False
        if record and record.checksum == item.checksum:
            self.report.count("post", "skipped", "unchanged since the last import")
            return False
        return True

    def report_written(self, item: WxrItem, warnings: list[str], *, updated: bool):
        self.report.count("post", "updated" if updated else "created")
        for warning in warnings:
            reason, _, detail = warning.partition(": ")
            self.report.count("post", "warning", reason, post_label(item), detail)

    def start(self, item: WxrItem) -> tuple[datetime | None, list, list[str]]:
        """The post's time, its body as blocks, and what is wrong with its date."""
        warnings: list[str] = []
        when = publication_time(item.post_date_gmt, item.post_date)
        if when is None and item.status in PUBLIC:
            warnings.append(f"invalid date: {item.post_date_gmt or item.post_date!r}")
        return when, convert_body(item.content), warnings

    def fill(self, article: Article, item: WxrItem, blocks: list, photos, when, *,
             choose_slug=None):  # fmt: skip
        """Headline, dek, section, slug, hero and first publication time from the post.

        `choose_slug(base, section, pk)` makes the slug free; by default with a query.
        """
        headline = plain(item.title) or Truncator(plain(item.content)).words(10)
        if not headline:
            headline = f"Untitled WordPress post {item.post_id}"
        section = self.directory.section_for(item.terms_of("category"))
        article.headline = Truncator(headline).chars(200)
        article.dek = dek_for(item, blocks)
        moved = article.section_id != section.pk  # a slug is unique within its section
        article.section = section
        if moved:
            base = slugify(unquote(item.post_name)) or slugify(headline) or "post"
            article.slug = (choose_slug or self.free_slug)(
                base[:200], section, article.pk
            )
        article.hero = photos.get(("id", item.meta.get("_thumbnail_id", "")))
        if item.status in PUBLIC and when is not None and not article.is_published:
            # Saved with the article rather than in a second UPDATE; see status.publish_at.
            article.published_at = when

    def write(self, item: WxrItem, article: Article | None) -> list[str]:
        when, blocks, warnings = self.start(item)
        refs = [block for block in blocks if isinstance(block, PhotoRef)]
        photos = self.photos_for(refs, {item.meta.get("_thumbnail_id", "")})
        is_new = article is None
        if is_new:
            article = Article(created_by=self.user)
        else:
            article.version += 1
        self.fill(article, item, blocks, photos, when)
        # The model's own checks, as in the admin; the related rows are in hand already.
        article.full_clean(exclude=["section", "hero", "created_by"])
        if is_new:
            # Inserted without the save signals: a new row has no earlier address to
            # keep and no body to index yet; the workflow's save, or the explicit
            # indexing below, does both once the blocks exist.
            Article.objects.bulk_create([article])
        else:
            article.save()
        if not is_new:
            for model in (RichTextBlock, PhotoBlock, PullQuoteBlock, EmbedBlock):
                model.objects.filter(parent=article).delete()
            article.bylines.all().delete()
            ArticleTag.objects.filter(content_object=article).delete()
        rich, pictures, quotes, embeds, left_out = self.blocks_for(
            article, blocks, photos
        )
        warnings += left_out
        RichTextBlock.objects.bulk_create(rich)
        PhotoBlock.objects.bulk_create(pictures)
        PullQuoteBlock.objects.bulk_create(quotes)
        EmbedBlock.objects.bulk_create(embeds)
        Byline.objects.bulk_create(self.bylines_for(article, item))
        ArticleTag.objects.bulk_create(self.tag_links_for(article, item))
        saved_at = article.updated_at
        warnings += apply_status(
            article=article, wp_status=item.status, when=when, user=self.user
        )
        if article.updated_at == saved_at:
            # No workflow step saved the article after its blocks were written.
            update_search_vector(article)
        ArticleRedirect.objects.bulk_create(
            self.redirects_for(article, item, article.get_absolute_url()),
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["article"],
        )
        key = {"site": self.site, "kind": ItemKind.POST, "source_id": item.post_id}
        values = self.record_values(item, article, warnings)
        if is_new:
            ImportedItem.objects.create(**key, **values)
        else:
            values["last_imported_at"] = timezone.now()
            ImportedItem.objects.filter(**key).update(**values)
        return warnings

    def record_values(self, item: WxrItem, article: Article, warnings: list[str]):
        return {
            "guid": item.guid[:500],
            "source_url": item.link[:500],
            "checksum": item.checksum,
            "article": article,
            "note": "\n".join(warnings),
        }

    def free_slug(self, base: str, section, own_pk, claimed=()) -> str:
        """`base` or the first `base-N` no other article of the section has (or claims)."""
        taken = set(
            Article.objects.filter(section=section, slug__startswith=base)
            .exclude(pk=own_pk)
            .values_list("slug", flat=True)
        )
        taken.update(claimed)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base[: 200 - len(str(number)) - 1]}-{number}"
        return candidate

    def photos_for(self, refs: list[PhotoRef], hero_ids: set[str]) -> dict:
        """Library photos by ("id", attachment id) and ("url", file address), in one query."""
        ids = {ref.attachment_id for ref in refs if ref.attachment_id}
        ids.update(hero_id for hero_id in hero_ids if hero_id)
        urls = {original_file_url(ref.src) for ref in refs if ref.src}
        if not ids and not urls:
            return {}
        rows = ImportedItem.objects.filter(
            Q(source_id__in=ids) | Q(source_url__in=urls),
            site=self.site,
            kind=ItemKind.ATTACHMENT,
            photo__isnull=False,
        ).select_related("photo")
        found = {}
        for row in rows:
            found[("id", row.source_id)] = row.photo
            found[("url", original_file_url(row.source_url))] = row.photo
        return found

    def blocks_for(self, article: Article, blocks: list, photos: dict):
        """The body's rows, unsaved: rich text, photos, pull quotes, embeds, and what
        was left out."""
        rich, pictures, quotes, embeds, warnings = [], [], [], [], []
        for position, block in enumerate(blocks):
            common = {
                "parent": article,
                "region": "body",
                "ordering": (position + 1) * 10,
            }
            if isinstance(block, RichText):
                text = sanitize_rich_text(block.html)
                if plain(text):
                    rich.append(RichTextBlock(text=text, **common))
            elif isinstance(block, EmbedRef):
                embeds.append(EmbedBlock(url=block.url, **common))
            elif isinstance(block, PullQuote):
                quotes.append(
                    PullQuoteBlock(
                        text=block.text, attribution=block.attribution[:200], **common
                    )
                )
            else:
                photo = photos.get(("id", block.attachment_id)) or photos.get(
                    ("url", original_file_url(block.src))
                )
                if photo is None:
                    missing = block.attachment_id or block.src
                    warnings.append(f"photo left out, its file is missing: {missing}")
                    continue
                pictures.append(self.photo_block(photo, block, common))
        return rich, pictures, quotes, embeds, warnings

    def photo_block(self, photo: Photo, ref: PhotoRef, common: dict) -> PhotoBlock:
        """The post's own caption and credit override the library's where they differ."""
        caption = ref.caption if ref.caption != photo.caption else ""
        credit = ref.credit[:200] if ref.credit != photo.credit else ""
        return PhotoBlock(photo=photo, caption=caption, credit=credit, **common)

    def bylines_for(self, article: Article, item: WxrItem) -> list[Byline]:
        authors = self.directory.byline_authors(item.creator, item.terms_of("author"))
        return [
            Byline(
                article=article,
                author=author,
                role=author.job_title,
                position=number,
                # As Byline.save() would; a workflow step's save updates it later.
                listed_at=article.listed_at,
            )
            for number, author in enumerate(authors)
        ]

    def tag_links_for(self, article: Article, item: WxrItem) -> list[ArticleTag]:
        tags = {}
        for _, name in item.terms_of("post_tag"):
            tag = self.directory.tag(html.unescape(name))
            if tag is not None:
                tags[tag.pk] = tag
        return [ArticleTag(tag=tag, content_object=article) for tag in tags.values()]

    def redirects_for(
        self, article: Article, item: WxrItem, current: str | None
    ) -> list[ArticleRedirect]:
        """From the post's old addresses, less `current`, the article's own address."""
        return [
            ArticleRedirect(old_path=path, article=article)
            for path in sorted(old_paths(item))
            if path != current
        ]
