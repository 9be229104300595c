import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.links import referenced_ids
from articles.models import (
    Article,
    ArticleRedirect,
    Byline,
    StoredPage,
)
from articles.site import (
    frames,
    listings,
    rendered_body,
    stored_cards,
    stored_pages,
    surrogate_keys,
)
from articles.site.caching import public_page, site_state
from articles.site.search import (
    clean_query,
    highlighted_snippet,
    search_articles,
    uses_postgres_search,
)
from authors.models import Author
from sections.models import Section
from text import html_to_text
from text.measure import reading_minutes, word_count

# An "Updated" label is worth showing only after a real revision, not a quick fix.
UPDATE_LABEL_AFTER = datetime.timedelta(minutes=10)
# How each list draws its stories (stored_cards): the heading level follows the
# page's outline; pages that mix sections name each story's section.
HOME_LEAD = stored_cards.lead(show_section=True)
HOME_CARD = stored_cards.card(3)
FRONT_LEAD = stored_cards.lead()
FRONT_CARD = stored_cards.card(2)
AUTHOR_CARD = stored_cards.card(3, show_section=True)
TAG_CARD = stored_cards.card(2, show_section=True)
SEARCH_RESULT = stored_cards.search_result()
AUTHORS_PER_PAGE = 24
# The author index counts each author's stories up to here and says "500+" beyond:
# an author's archive, however long, then costs at most this many index entries.
AUTHOR_COUNT_CAP = 500


def visible_articles(request):
    """Published articles for readers; signed-in staff also preview what they work on
    (editors every story, correspondents their own), see `articles.roles`."""
    return Article.objects.visible_to(request.user)


@require_safe
@public_page
def home(request):
    navigation = site_state().chrome.navigation
    lead, groups = listings.latest_by_section(navigation, HOME_CARD)
    stored_cards.attach(
        [(lead, HOME_LEAD)]
        + [(story, HOME_CARD) for _, stories in groups for story in stories]
    )
    # Desks past the first few are links only: the page stays the same size however
    # many sections the newsroom adds.
    more_desks = navigation[listings.HOME_DESKS :]
    return frames.render_page(
        request,
        "articles/home.html",
        {"lead": lead, "groups": groups, "more_desks": more_desks},
    )


@require_safe
@public_page
def section_front(request, section):
    section = get_object_or_404(
        Section.objects.active().select_related("parent"), slug=section
    )
    children = list(section.children.filter(is_active=True))
    surrogate_keys.tag(request, sections=[section])
    # Plain ids, not a join on sections: one section is then read from its listing index.
    articles = Article.objects.published().filter(
        section__in=[section.pk, *(child.pk for child in children)]
    )
    page = listings.paginate(request, stored_cards.listed(articles, FRONT_CARD))
    stories = list(page)
    lead = stories.pop(0) if stories and page.number == 1 else None
    stored_cards.attach(
        [(lead, FRONT_LEAD)] + [(story, FRONT_CARD) for story in stories]
    )
    return frames.render_page(
        request,
        "articles/section_front.html",
        {
            "section": section,
            "children": children,
            "page": page,
            "lead": lead,
            "stories": stories,
            "current_section_slug": (section.parent or section).slug,
        },
    )


@require_safe
@public_page
def author_index(request):
    authors = (
        Author.objects.active()
        .select_related("photo")
        .annotate(article_count=listings.story_count_up_to(AUTHOR_COUNT_CAP))
    )
    page = listings.paginate(request, authors, AUTHORS_PER_PAGE)
    return frames.render_page(
        request,
        "articles/author_index.html",
        {"authors": page, "page": page, "count_cap": AUTHOR_COUNT_CAP},
    )


@require_safe
@public_page
def author_detail(request, slug):
    author = get_object_or_404(
        Author.objects.active().select_related("photo").prefetch_related("links"),
        slug=slug,
    )
    stories, listed = listings.by_author(author, AUTHOR_CARD)
    page = listings.paginate(request, stories, counted=listed)
    stored_cards.attach([(story, AUTHOR_CARD) for story in page])
    surrogate_keys.tag(request, authors=[author])
    return frames.render_page(
        request, "articles/author_detail.html", {"author": author, "page": page}
    )


@require_safe
@public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    surrogate_keys.tag(request, tags=[tag])
    tagged = Article.objects.published().filter(tags=tag)
    page = listings.paginate(request, stored_cards.listed(tagged, TAG_CARD))
    stored_cards.attach([(story, TAG_CARD) for story in page])
    if not page.object_list:
        # A tag only drafts use is not public yet.
        raise Http404("No published articles with this tag.")
    return frames.render_page(
        request, "articles/tag_detail.html", {"tag": tag, "page": page}
    )


@require_safe
@public_page
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query, "page": None, "results": []}
    if query:
        # The snippet comes from the database on PostgreSQL, from the text elsewhere.
        also = () if uses_postgres_search() else ("dek", "search_text")
        found = search_articles(Article.objects.published(), query)
        page = listings.paginate(
            request, stored_cards.listed(found, SEARCH_RESULT, also=also)
        )
        context["page"] = page
        stored_cards.attach([(article, SEARCH_RESULT) for article in page])
        context["results"] = [
            (article, with_snippet(article.card_html, article, query))
            for article in page
        ]
    return frames.render_page(request, "articles/search.html", context)


def with_snippet(result_html: str, article, query: str) -> SafeString:
    """A stored search result with this query's snippet (if any) in its slot."""
    snippet = highlighted_snippet(article, query)
    return mark_safe(
        result_html.replace(
            stored_cards.SNIPPET_SLOT,
            f'<p class="snippet">{snippet}</p>' if snippet else "",
        )
    )


@require_safe
@public_page
def article_detail(request, section, year, month, day, slug):
    try:
        requested_day = datetime.date(year, month, day)
    except ValueError as error:
        raise Http404("No such date.") from error
    # Most requests: a published story whose page is stored, found in one query.
    page = stored_pages.page_at(section, requested_day, slug)
    if page is not None:
        return stored_article_response(request, page)
    article = (
        visible_articles(request)
        .select_related("section__parent", "hero", "stored_page")
        .defer("search_text", "search_vector")
        .filter(section__slug=section, slug=slug)
        # One row at most (slugs are unique in a section): no ORDER BY to build or run.
        .order_by()[:1]
    )
    article = article[0] if article else None
    if article is None:
        if (
            Article.objects.withdrawn()
            .filter(section__slug=section, slug=slug)
            .exists()
        ):
            return render(request, "articles/article_gone.html", status=410)
        return redirect_from_old_address(request)
    canonical = article.get_absolute_url()
    if canonical is None:
        raise Http404("This article has no publication date yet.")
    if timezone.localtime(article.published_at).date() != requested_day:
        return redirect(canonical, permanent=True)
    current_section_slug = (article.section.parent or article.section).slug
    if not article.is_published:
        # Staff reading a story readers cannot see yet: rendered whole, never stored.
        response = render_article_page(
            request, article, canonical, current_section_slug
        )
        add_never_cache_headers(response)
        return response
    page, context = stored_pages.usable(article), {}
    if page is None:
        page, context = store_article_page(
            request, article, canonical, current_section_slug
        )
    if not context:
        return stored_article_response(request, page)
    request.surrogate_keys = getattr(request, "surrogate_keys", set()) | set(
        page.surrogate_keys.split()
    )
    return render(
        request,
        "articles/article_stored.html",
        # On the render that stored the page, its full context too (for tests and tools).
        {**context, "page": page, "current_section_slug": current_section_slug},
    )


def stored_article_response(request, page):
    """A stored article page in its frame: no template rendered, no other query."""
    request.surrogate_keys = getattr(request, "surrogate_keys", set()) | set(
        page.surrogate_keys.split()
    )
    chrome = (getattr(request, "site_state", None) or site_state()).chrome
    frame = frames.frame_for(chrome, page.nav_section)
    return HttpResponse(
        frame.fill(title=page.title, head_html=page.head_html, main_html=page.main_html)
    )


def article_page_context(article, canonical: str, current_section_slug: str):
    """Everything the article template draws, read in a fixed number of queries."""
    prefetch_related_objects(
        [article],
        Prefetch("bylines", queryset=Byline.objects.select_related("author__photo")),
        "tags",
        "corrections",  # shown in the page and in its structured data: read once
    )
    related = listings.related_articles(article)
    body, links = rendered_body.body_and_links(article)
    return {
        "article": article,
        "body_html": body,
        # Stories the body links to: their address or publication changes this page too.
        "linked": referenced_ids(article.body_html),
        "links_wait": bool(links.scheduled),
        # From the stored body already in hand: no query, figure for the reader.
        "reading_minutes": reading_minutes(word_count(html_to_text(body))),
        "related": related,
        "share_url": f"{settings.SITE_URL}{canonical}",
        "show_updated": article.updated_at - article.published_at > UPDATE_LABEL_AFTER,
        "current_section_slug": current_section_slug,
    }


def render_article_page(request, article, canonical, current_section_slug):
    context = article_page_context(article, canonical, current_section_slug)
    surrogate_keys.tag(
        request, **surrogate_keys.article_page_keys(article, context["related"])
    )
    surrogate_keys.tag(request, articles=context["linked"])
    return render(request, "articles/article_detail.html", context)


def store_article_page(request, article, canonical, current_section_slug):
    """Render the story part of a published article's page and keep it (stored_pages).

    Returns the page and the context it was rendered from.
    """
    started_at = stored_pages.render_started()
    context = article_page_context(article, canonical, current_section_slug)
    related = context["related"]
    parts = stored_pages.render_parts(request, context)
    page = StoredPage(
        article=article,
        nav_section=current_section_slug,
        title=article.seo_title or article.headline,
        head_html=parts["meta"],
        main_html=parts["content"],
        surrogate_keys=" ".join(
            sorted(
                surrogate_keys.keys_for(
                    **surrogate_keys.article_page_keys(article, related)
                )
                | surrogate_keys.keys_for(articles=context["linked"])
            )
        ),
    )
    keys = stored_pages.dependency_keys(article, related)
    keys.update(f"article-{pk}" for pk in context["linked"])
    # A link to a scheduled story becomes a link at its time, with no change to store
    # the page again: such a page is rendered on each cache miss until then.
    if not context["links_wait"]:
        stored_pages.store(page, keys, started_at=started_at)
    return page, context


@require_safe
def article_reference(request, object_id):
    """Where a stored link to one of our stories leads: the story's address, for whoever
    may see the story; 404 as for a story that does not exist otherwise."""
    article = (
        visible_articles(request)
        .select_related("section")
        .filter(pk=object_id)
        .only("pk", "slug", "published_at", "section__slug")
        .first()
    )
    address = article.get_absolute_url() if article is not None else None
    if address is None:
        raise Http404("No such article.")
    response = redirect(address)
    add_never_cache_headers(response)
    return response


def redirect_from_old_address(request):
    """301 from an address the article had before its slug, section or date changed."""
    old = (
        ArticleRedirect.objects.select_related("article__section")
        .filter(old_path=request.path, article__in=visible_articles(request))
        .first()
    )
    if old is None:
        raise Http404("No such article.")
    return redirect(old.article.get_absolute_url(), permanent=True)


@require_safe
@never_cache
def healthz(request):
    """For load balancers and the HTTP cache's probe: 503 without the database.

    A Redis outage only costs speed (pages render uncached), so it is reported as
    "degraded" with a 200: the probe must not take a working site out of service.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain"
        )
    # Only a shared cache can be unreachable; newsroom.cache.DegradingRedisCache says so.
    cache_check = getattr(cache, "is_available", None)
    if cache_check is not None and not cache_check():
        return HttpResponse("ok; cache degraded", content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
