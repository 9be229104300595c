"""Old WordPress addresses answer 301 to the article they became.

Imported permalinks are kept as `articles.ArticleRedirect` rows, the same records that keep
an article's earlier addresses alive when its slug or section changes; WordPress's own
shortlinks (`/?p=123`) are kept there too, under the path and query they were reached by.
"""

import re

from django.http import HttpResponsePermanentRedirect

from articles.models import Article, ArticleRedirect

# WordPress shortlinks: /?p=123 for posts (also reached as /?page_id=… for pages, skipped).
SHORTLINK = re.compile(r"\A\d{1,20}\Z")


def shortlink_path(post_id: str) -> str:
    return f"/?p={post_id}"


def redirect_target(old_path: str) -> str | None:
    """The current address of the published article once found at `old_path`."""
    old = (
        ArticleRedirect.objects.select_related("article__section")
        .filter(old_path=old_path, article__in=Article.objects.published())
        .first()
    )
    return old.article.get_absolute_url() if old else None


class OldWordPressAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            target = self.shortlink_target(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        # Only a request that found nothing costs a lookup; every other page is untouched.
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = redirect_target(request.path)
            if target and target != request.path:
                return HttpResponsePermanentRedirect(target)
        return response

    def shortlink_target(self, request) -> str | None:
        if request.path != "/" or "p" not in request.GET:
            return None
        post_id = request.GET["p"]
        if not SHORTLINK.match(post_id):
            return None
        return redirect_target(shortlink_path(post_id))
