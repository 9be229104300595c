"""Public views for trust: shareable previews and the corrections page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from reversion.models import Revision
from taggit.models import Tag

from articles.blocks import body_contents
from articles.models import (
    Article,
    Byline,
    Correction,
    PreviewLink,
)
from articles.site import frames
from articles.site.caching import public_page
from articles.site.listings import paginate_uncounted
from articles.site.rendered_body import blocks_for_readers
from articles.trust.previews import keep_private
from articles.trust.revisions import unpack_revision

CORRECTIONS_PER_PAGE = 20


def _cached_queryset(model, items: list):
    """A queryset that answers from `items`, the way prefetch_related fills one."""
    queryset = model.objects.all()
    queryset._result_cache = items
    queryset._prefetch_done = True
    return queryset


def _article_from_revision(revision: Revision, article_pk: int):
    """The article as stored in a revision, read-only, with its body, bylines and tags."""
    stored = unpack_revision(revision, article_pk)
    article = stored.article
    tags = list(Tag.objects.filter(name__in=stored.tag_names))
    article._prefetched_objects_cache = {
        "bylines": _cached_queryset(Byline, stored.bylines),
        "tags": _cached_queryset(Tag, tags),
        "corrections": _cached_queryset(Correction, []),
    }
    return article, [block for block in stored.blocks if block.region == "body"]


@require_safe
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """An unpublished article (or one revision of it) for whoever holds the link."""
    link = get_object_or_404(
        PreviewLink.objects.active()
        .filter(article__trashed_at__isnull=True)
        .select_related("revision"),
        token=token,
    )
    if link.revision_id:
        article, blocks = _article_from_revision(link.revision, link.article_id)
    else:
        article = get_object_or_404(
            Article.objects.for_listing().prefetch_related("bylines__author__photo"),
            pk=link.article_id,
        )
        blocks = body_contents([article])[article].body
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "body_html": blocks_for_readers(blocks),
            "preview": True,
            "preview_link": link,
        },
    )
    return keep_private(response)


@require_safe
@public_page
def correction_list(request: HttpRequest) -> HttpResponse:
    """Corrections, clarifications and updates on published articles, newest first."""
    # Never counted: the notes grow with the archive, and readers walk them in order.
    page = paginate_uncounted(
        request, Correction.objects.public(), CORRECTIONS_PER_PAGE
    )
    return frames.render_page(request, "articles/correction_list.html", {"page": page})
