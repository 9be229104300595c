"""New posts written a batch at a time, ending in the state the workflow would give them.

One post at a time costs some forty queries: its own lookups, the workflow's transition
(row lock, permission and publish checks that read back the bylines and photos just
written, the save and its signals, the event) and the search index. Here each post of a
batch is built and checked in memory first (the same conversion, sanitising and model
validation as one at a time, the workflow's publish checks on what is in hand), and then
every table gets one statement for the whole batch.

The status comes from status.new_article_status, which mirrors what apply_status does to a
new draft, so an imported story looks the same either way: its status and time, one
workflow event noting the import, its search vector, its empty rendered body (made on
first view), and the caches and HTTP purges a publication triggers.

A post that cannot be built is named and left out. If the database refuses the batch,
it is rolled back and written again one post at a time, where each post's failure is
its own. Changed posts (and a post listed twice) also go one at a time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from articles import workflow
from articles.models import (
    Article,
    ArticleRedirect,
    ArticleStatus,
    ArticleTag,
    Byline,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
    WorkflowEvent,
)
from articles.site import surrogate_keys
from articles.site.caching import content_changed
from articles.site.purge import request_purge
from articles.site.search import text_of_blocks, uses_postgres_search, weighted_vector
from importers.body import PhotoRef
from importers.models import ImportedItem, ItemKind
from importers.posts import PostImporter
from importers.status import new_article_status
from importers.wxr import WxrItem

# Isolated(item, action): run action in a savepoint; a failure is reported for item.
Isolated = Callable[[WxrItem, Callable[[], None]], None]
Failed = Callable[[WxrItem, Exception], None]


@dataclass
class NewPost:
    item: WxrItem
    when: datetime | None
    blocks: list
    warnings: list[str]
    article: Article | None = None
    rows: dict = field(default_factory=dict)  # model → unsaved rows of this post
    event: WorkflowEvent | None = None


class PostBatch:
    def __init__(self, posts: PostImporter):
        self.posts = posts
        # The steps are taken for the import account; without its rights, each post goes
        # through the workflow itself, which refuses and names it.
        self.may_take_steps = all(
            posts.user.has_perm(permission)
            for permission in ("articles.change_article", "articles.publish_article")
        )

    def import_posts(self, items: list[WxrItem], isolated: Isolated, failed: Failed):
        posts = self.posts
        records = {
            record.source_id: record
            for record in ImportedItem.objects.filter(
                site=posts.site,
                kind=ItemKind.POST,
                source_id__in=[item.post_id for item in items],
            ).select_related("article__section")
        }
        new, later, seen = [], [], set()
        for item in items:
            if item.post_id in seen:
                later.append(item)  # written after its first listing is in
            elif posts.wanted(item, records.get(item.post_id)):
                seen.add(item.post_id)
                (later if item.post_id in records else new).append(item)
        if not self.may_take_steps:
            new, later = [], new + later
        ready = self.build(new, failed)
        if ready:
            try:
                with transaction.atomic():
                    self.write(ready)
            except Exception:
                for post in ready:
                    isolated(post.item, lambda item=post.item: posts.import_post(item))
            else:
                for post in ready:
                    posts.report_written(post.item, post.warnings, updated=False)
        for item in later:
            isolated(item, lambda item=item: posts.import_post(item))

    # Building, in memory -------------------------------------------------------------

    def build(self, items: list[WxrItem], failed: Failed) -> list[NewPost]:
        started = []
        for item in items:
            try:
                started.append(NewPost(item, *self.posts.start(item)))
            except Exception as error:
                failed(item, error)
        refs = [b for post in started for b in post.blocks if isinstance(b, PhotoRef)]
        heroes = {post.item.meta.get("_thumbnail_id", "") for post in started}
        photos = self.posts.photos_for(refs, heroes)
        ready = []
        for post in started:
            try:
                self.build_one(post, photos)
            except Exception as error:
                failed(post.item, error)
            else:
                ready.append(post)
        self.free_slugs(ready)
        return ready

    def free_slugs(self, ready: list[NewPost]) -> None:
        """Each post took its wished-for slug; those taken in its section, in the database
        (one query for the batch) or by an earlier post of the batch, get a number."""
        wished = {post.article.slug for post in ready}
        taken = set(
            Article.objects.filter(slug__in=wished).values_list("section_id", "slug")
        )
        claimed: set[tuple[int, str]] = set()
        for post in ready:
            article = post.article
            if (article.section_id, article.slug) in taken | claimed:
                article.slug = self.posts.free_slug(
                    article.slug,
                    article.section,
                    None,
                    {slug for pk, slug in claimed if pk == article.section_id},
                )
            claimed.add((article.section_id, article.slug))

    def build_one(self, post: NewPost, photos: dict) -> None:
        posts, item = self.posts, post.item
        article = Article(created_by=posts.user)
        posts.fill(
            article, item, post.blocks, photos, post.when,
            choose_slug=lambda base, section, pk: base,  # made free in free_slugs
        )  # fmt: skip
        # As in the admin, less the unique and check constraints, which would cost a
        # query each: the slug is made free below and the status is set here; the
        # database still enforces both, and a refusal sends the batch one at a time.
        article.full_clean(
            exclude=["section", "hero", "created_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        rich, pictures, quotes, embeds, left_out = posts.blocks_for(
            article, post.blocks, photos
        )
        bylines = posts.bylines_for(article, item)
        status, note, held = new_article_status(
            wp_status=item.status,
            when=post.when,
            problems=lambda: workflow.problems_before_publishing(
                article,
                has_byline=bool(bylines),
                body_photos=[(block.photo, block.credit) for block in pictures],
            ),
        )
        post.warnings += left_out + held
        article.status = status
        article.search_text = text_of_blocks(rich, quotes)
        if note is not None:
            post.event = WorkflowEvent(
                article=article,
                actor=posts.user,
                from_status=ArticleStatus.DRAFT,
                to_status=status,
                published_at=article.published_at,
                note=note,
            )
        post.article = article
        post.rows = {
            RichTextBlock: rich,
            PhotoBlock: pictures,
            PullQuoteBlock: quotes,
            EmbedBlock: embeds,
            Byline: bylines,
            ArticleTag: posts.tag_links_for(article, item),
        }

    # Writing, one statement per table ------------------------------------------------

    def write(self, ready: list[NewPost]) -> None:
        articles = [post.article for post in ready]
        Article.objects.bulk_create(articles)
        blocks = (RichTextBlock, PhotoBlock, PullQuoteBlock, EmbedBlock)
        for post in ready:
            # As Byline.save() would: the authors' lists read the story's time here.
            for byline in post.rows[Byline]:
                byline.listed_at = post.article.listed_at
        for model in (*blocks, Byline, ArticleTag):
            model.objects.bulk_create(row for p in ready for row in p.rows[model])
        ids = [article.pk for article in articles]
        if uses_postgres_search():
            Article.objects.filter(pk__in=ids).update(search_vector=weighted_vector())
        self.write_redirects(ready)
        events = [post.event for post in ready if post.event is not None]
        for event in events:
            event.at = event.article.updated_at
        WorkflowEvent.objects.bulk_create(events)
        ImportedItem.objects.bulk_create(
            ImportedItem(
                site=self.posts.site,
                kind=ItemKind.POST,
                source_id=post.item.post_id,
                **self.posts.record_values(post.item, post.article, post.warnings),
            )
            for post in ready
        )
        content_changed()
        published = [a for a in articles if a.status == ArticleStatus.PUBLISHED]
        if published:
            request_purge(
                surrogate_keys.keys_for(
                    articles=published,
                    sections={
                        pk
                        for a in published
                        for pk in (a.section_id, a.section.parent_id)
                    },
                    authors={b.author_id for p in ready for b in p.rows[Byline]},
                    tags={t.tag_id for p in ready for t in p.rows[ArticleTag]},
                    extra=surrogate_keys.LISTINGS,
                )
            )

    def write_redirects(self, ready: list[NewPost]) -> None:
        """Old addresses, as one post after another would leave them.

        A workflow step's save takes the article's own address back from any redirect;
        a later post's redirect from the same old address wins over an earlier one's.
        """
        redirects: dict[str, ArticleRedirect] = {}
        owned = set()
        for post in ready:
            current = post.article.get_absolute_url()
            if post.event is not None and current:
                owned.add(current)
                redirects.pop(current, None)
            for redirect in self.posts.redirects_for(post.article, post.item, current):
                redirects[redirect.old_path] = redirect
        ArticleRedirect.objects.filter(old_path__in=owned).delete()
        ArticleRedirect.objects.bulk_create(
            redirects.values(),
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["article"],
        )
