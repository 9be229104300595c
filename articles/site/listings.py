"""The querysets behind every public list, each in a fixed number of queries.

Each also costs the same on a desk of a thousand stories or of a million: lists are read
from an index in their own order and stop after their page, and the few things that
combine many articles (home page, related articles) start from a bounded set of ids.
"""

import re
from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone

from articles.models import Article, ArticleStatus, ArticleTag, Byline
from articles.site.stored_cards import (
    BYLINES_WITH_AUTHORS,
    NOT_ON_CARDS,
    CardStyle,
    listed,
)
from authors.models import Author

PER_PAGE = 20
STORIES_PER_SECTION_ON_HOME = 5
# Desks (top-level sections, in navigation order) that show stories on the home page;
# the others are links. With the lead, at most 1 + 10 × 5 = 51 cards, however many
# sections the newsroom has: a home page of 250 cards took seconds to render.
HOME_DESKS = 10
RELATED_LIMIT = 4
# Related articles are picked among the newest stories of each shared tag, so that a tag
# on a hundred thousand stories costs what a tag on ten does.
RELATED_CANDIDATES_PER_TAG = 30
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def cards() -> QuerySet:
    """Published articles with what a card draws: section, thumbnail, bylines (for lists
    drawn from their rows, such as search results; the others are stored_cards.listed)."""
    return (
        Article.objects.published()
        .select_related("section", "hero")
        .defer(*NOT_ON_CARDS)
        .prefetch_related(BYLINES_WITH_AUTHORS)
    )


def by_author(author, style: CardStyle) -> tuple[QuerySet, QuerySet]:
    """The author's published stories as listed rows (stored_cards.listed), newest
    first, and their bylines to count them by: both read from the bylines' list index,
    at a cost that does not grow with the number of stories the author has written."""
    stories = listed(Article.objects.published().by_author(author), style)
    bylines = Byline.objects.filter(author=author, listed_at__lte=timezone.now())
    return stories, bylines


def story_count_up_to(cap: int) -> RawSQL:
    """For each author of a query: how many published stories carry their byline,
    counted up to `cap` from the bylines' list index (Byline.listed_at)."""
    bylines, authors = Byline._meta.db_table, Author._meta.db_table
    return RawSQL(
        f"""
        SELECT count(*) FROM (
            SELECT 1 FROM {bylines} AS b
            WHERE b.author_id = {authors}.id AND b.listed_at <= %s
            LIMIT %s
        ) AS capped
        """,
        [timezone.now(), cap],
        output_field=IntegerField(),
    )


class ListingPaginator(Paginator):
    """Pages whose rows are found by id first: a deep page skips index entries only.

    OFFSET over full rows reads (and sorts) every row it skips; the ids of a page come
    from an index-only scan of the listing index, then only the page's rows are read.
    `counted` is a cheaper query with the same number of rows, when there is one.
    """

    def __init__(self, object_list, per_page, *, counted: QuerySet | None = None):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        if self.counted is not None:
            return self.counted.count()
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def paginate(
    request,
    queryset: QuerySet,
    per_page: int = PER_PAGE,
    *,
    counted: QuerySet | None = None,
) -> Page:
    """The requested page; anything but a page that exists (?page=abc, 0, 99999) is a 404."""
    raw = request.GET.get("page", "1")
    if not _PAGE_NUMBER.fullmatch(raw):
        raise Http404("No such page.")
    paginator = ListingPaginator(queryset, per_page, counted=counted)
    try:
        return paginator.page(int(raw))
    except InvalidPage as error:
        raise Http404("No such page.") from error


class UncountedPage(Sequence):
    """A page of a list that is never counted: it knows only whether a next page
    exists (one row more is read to tell). For lists whose total grows with the archive
    and that readers walk page by page (the corrections); `paginator` is None, so the
    pagination shows no "of N"."""

    paginator = None

    def __init__(self, rows: list, number: int, per_page: int):
        self.object_list = rows[:per_page]
        self.number = number
        self.per_page = per_page
        self._has_next = len(rows) > per_page

    def __getitem__(self, index):
        return self.object_list[index]

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def paginate_uncounted(
    request, queryset: QuerySet, per_page: int = PER_PAGE
) -> UncountedPage:
    """The requested page of `queryset` in one query and no count; a page past the end
    (or ?page=abc, 0) is a 404, as with `paginate`."""
    raw = request.GET.get("page", "1")
    if not _PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise Http404("No such page.")
    number = int(raw)
    bottom = (number - 1) * per_page
    page = UncountedPage(
        list(queryset[bottom : bottom + per_page + 1]), number, per_page
    )
    if number > 1 and not page.object_list:
        raise Http404("No such page.")
    return page


def _newest_ids_per_section(limit: int, desk_ids: list[int]) -> RawSQL:
    """Ids of the newest published story, and of the `limit` newest of every active
    section under the given desks, as SQL.

    PostgreSQL reads each section's few rows from the section listing index (a LATERAL
    join per section); the number of desks shown, not of stories, sets the cost.
    """
    table = Article._meta.db_table
    published = "a.status = %s AND a.published_at <= %s AND a.trashed_at IS NULL"
    now = timezone.now()
    return RawSQL(
        f"""
        SELECT newest.id FROM sections_section AS s
        CROSS JOIN LATERAL (
            SELECT a.id FROM {table} AS a
            WHERE a.section_id = s.id AND {published}
            ORDER BY a.published_at DESC NULLS LAST, a.id DESC
            LIMIT %s
        ) AS newest
        WHERE s.is_active AND COALESCE(s.parent_id, s.id) = ANY(%s)
        UNION ALL
        (SELECT a.id FROM {table} AS a
         JOIN sections_section AS s ON s.id = a.section_id
         WHERE s.is_active AND {published}
         ORDER BY a.published_at DESC NULLS LAST, a.id DESC
         LIMIT 1)
        """,
        [ArticleStatus.PUBLISHED, now, limit, desk_ids, ArticleStatus.PUBLISHED, now],
    )


def latest_by_section(sections, style: CardStyle) -> tuple[Article | None, list[tuple]]:
    """The newest story, and the newest few of each of the first HOME_DESKS top-level
    sections (sub-sections included), as listed rows (stored_cards.listed) whose cards
    are drawn in `style`.

    One query (plus bylines) whatever the number of sections or stories. On PostgreSQL it
    reads the newest few of each section from the index, then groups sub-sections under
    their parent here; elsewhere (SQLite, small desks) a window function ranks them.
    """
    wanted = STORIES_PER_SECTION_ON_HOME + 1
    sections = list(sections)[:HOME_DESKS]
    top_level = Coalesce(F("section__parent_id"), F("section_id"))
    stories = listed(
        Article.objects.published().filter(section__is_active=True), style
    ).annotate(desk=top_level)
    if connection.vendor == "postgresql":
        desk_ids = [section.pk for section in sections]
        stories = stories.filter(pk__in=_newest_ids_per_section(wanted, desk_ids))
    else:
        stories = stories.annotate(
            desk_rank=Window(
                RowNumber(),
                partition_by=[top_level],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        ).filter(desk_rank__lte=wanted)
    stories = list(stories.order_by("-published_at", "-pk"))
    lead = stories[0] if stories else None
    groups = []
    for section in sections:
        in_section = [
            story for story in stories if story.desk == section.pk and story != lead
        ]
        if in_section:
            groups.append((section, in_section[:STORIES_PER_SECTION_ON_HOME]))
    return lead, groups


def _candidates(article: Article, tag_ids: list[int]) -> Q:
    """Editors' picks and stories sharing a tag: the newest few per tag on PostgreSQL.

    On PostgreSQL one subquery (a UNION, so the outer query looks ids up by primary key);
    elsewhere (SQLite, small desks) two plain conditions.
    """
    picks = Article.related_articles.through
    if connection.vendor != "postgresql":
        sharing = ArticleTag.objects.filter(tag_id__in=tag_ids)
        return Q(
            pk__in=picks.objects.filter(from_article=article.pk).values("to_article")
        ) | Q(pk__in=sharing.values("content_object"))
    return Q(
        pk__in=RawSQL(
            f"""
            SELECT to_article_id FROM {picks._meta.db_table} WHERE from_article_id = %s
            UNION
            SELECT newest.content_object_id FROM unnest(%s::integer[]) AS t(tag_id)
            CROSS JOIN LATERAL (
                SELECT l.content_object_id FROM {ArticleTag._meta.db_table} AS l
                WHERE l.tag_id = t.tag_id AND l.content_object_id <> %s
                ORDER BY l.content_object_id DESC
                LIMIT %s
            ) AS newest
            """,
            [article.pk, tag_ids, article.pk, RELATED_CANDIDATES_PER_TAG],
        )
    )


def related_articles(article: Article) -> list[Article]:
    """Editors' picks if there are any, else the published articles sharing most tags.

    One query: picks and tag matches are ranked together, then the picks win. Tag
    matches come from the newest stories of each of the article's tags (ids follow
    creation time), so the cost does not grow with the archive.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    picked = Article.related_articles.through.objects.filter(
        from_article=article.pk, to_article=OuterRef("pk")
    )
    shared_tags = (
        ArticleTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("content_object")
        .annotate(count=Count("pk"))
        .values("count")
    )
    candidates = (
        Article.objects.published()
        .filter(_candidates(article, tag_ids))
        .exclude(pk=article.pk)
        .select_related("section", "hero")
        .defer(*NOT_ON_CARDS)
        .annotate(
            picked=Exists(picked),
            # A subquery per candidate (an index probe) rather than a join and a GROUP
            # BY over every selected column of every candidate.
            shared=Subquery(shared_tags, output_field=IntegerField()),
        )
        .order_by("-picked", "-shared", "-published_at", "-pk")[:RELATED_LIMIT]
    )
    candidates = list(candidates)
    picks = [candidate for candidate in candidates if candidate.picked]
    return picks or candidates
