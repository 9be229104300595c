"""The querysets behind every public list, each in a fixed number of queries."""

import re

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404

from articles.models import Article, Byline

PER_PAGE = 20
STORIES_PER_SECTION_ON_HOME = 5
RELATED_LIMIT = 4
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def cards() -> QuerySet:
    """Published articles with what a card draws: section, thumbnail, bylines."""
    return (
        Article.objects.published()
        .select_related("section", "hero")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )
    )


def paginate(request, queryset: QuerySet, per_page: int = PER_PAGE) -> Page:
    """The requested page; anything but a page that exists (?page=abc, 0, 99999) is a 404."""
    raw = request.GET.get("page", "1")
    if not _PAGE_NUMBER.fullmatch(raw):
        raise Http404("No such page.")
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(int(raw))
    except InvalidPage as error:
        raise Http404("No such page.") from error


def latest_by_section(sections) -> tuple[Article | None, list[tuple]]:
    """The newest story, and the newest few of each top-level section (sub-sections included).

    One query (plus bylines) whatever the number of sections: a window function ranks
    the stories inside each top-level section.
    """
    top_level = Coalesce(F("section__parent_id"), F("section_id"))
    ranked = (
        cards()
        .filter(section__is_active=True)
        .annotate(
            desk=top_level,
            desk_rank=Window(
                RowNumber(),
                partition_by=[top_level],
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(desk_rank__lte=STORIES_PER_SECTION_ON_HOME + 1)
        .order_by("-published_at", "-pk")
    )
    stories = list(ranked)
    lead = stories[0] if stories else None
    groups = []
    for section in sections:
        in_section = [
            story for story in stories if story.desk == section.pk and story != lead
        ]
        if in_section:
            groups.append((section, in_section[:STORIES_PER_SECTION_ON_HOME]))
    return lead, groups


def related_articles(article: Article) -> list[Article]:
    """Editors' picks if there are any, else the published articles sharing most tags.

    One query: picks and tag matches are ranked together, then the picks win.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    picked = Article.related_articles.through.objects.filter(
        from_article=article.pk, to_article=OuterRef("pk")
    )
    candidates = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .select_related("section", "hero")
        .annotate(
            picked=Exists(picked),
            shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True),
        )
        .filter(Q(picked=True) | Q(shared__gt=0))
        .order_by("-picked", "-shared", "-published_at", "-pk")[:RELATED_LIMIT]
    )
    candidates = list(candidates)
    picks = [candidate for candidate in candidates if candidate.picked]
    return picks or candidates
