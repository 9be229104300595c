import datetime

from content_editor.contents import contents_for_item
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles import trust_views
from articles.models import BLOCK_MODELS, Article
from authors.models import Author
from sections.models import Section


def visible_articles(request):
    """Published articles for readers; every article for staff who may edit them (previewing)."""
    articles = Article.objects.for_listing()
    if request.user.has_perm("articles.change_article"):
        return articles
    return articles.published()


@require_safe
def home(request):
    articles = Article.objects.published().for_listing()[:20]
    return render(request, "articles/home.html", {"articles": articles})


@require_safe
def section_front(request, section):
    section = get_object_or_404(Section.objects.active(), slug=section)
    articles = Article.objects.published().for_listing().filter(section=section)[:20]
    return render(
        request,
        "articles/section_front.html",
        {"section": section, "articles": articles},
    )


@require_safe
def author_detail(request, slug):
    author = get_object_or_404(
        Author.objects.active().select_related("photo"), slug=slug
    )
    articles = (
        Article.objects.published().for_listing().filter(bylines__author=author)[:20]
    )
    return render(
        request, "articles/author_detail.html", {"author": author, "articles": articles}
    )


@require_safe
def article_detail(request, section, year, month, day, slug):
    try:
        requested_day = datetime.date(year, month, day)
    except ValueError as error:
        raise Http404("No such date.") from error
    try:
        article = get_object_or_404(
            visible_articles(request).prefetch_related("bylines__author__photo"),
            section__slug=section,
            slug=slug,
        )
    except Http404:
        if trust_views.is_withdrawn(section=section, slug=slug):
            return trust_views.gone_response(request)
        raise
    canonical = article.get_absolute_url()
    if canonical is None:
        raise Http404("This article has no publication date yet.")
    if timezone.localtime(article.published_at).date() != requested_day:
        return redirect(canonical, permanent=True)
    blocks = contents_for_item(article, BLOCK_MODELS)
    response = render(
        request,
        "articles/article_detail.html",
        {"article": article, "blocks": blocks.body},
    )
    if not article.is_published:
        add_never_cache_headers(response)
    return response


@require_safe
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
