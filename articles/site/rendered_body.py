"""The article body rendered once and stored with the story, not on every uncached view.

Rendering the blocks costs three queries (one per block type) and most of an uncached
page's template time (every photo's srcset). The HTML depends only on the blocks and the
photos they show, so it is kept on the article: made on the first view after a change,
emptied (one UPDATE) when a block of the article or a photo it shows is saved or deleted.
Emptying rather than re-rendering keeps a change to a wire photo used by thousands of
stories cheap; each story renders again when it is next read.
"""

from content_editor.contents import contents_for_item
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.models import BLOCK_MODELS, Article, StoredPage


def render_body(article: Article) -> str:
    blocks = contents_for_item(article, BLOCK_MODELS).body
    return render_to_string("articles/article_body.html", {"blocks": blocks})


def body_html(article: Article) -> SafeString:
    """The stored body, rendered and stored first if a change emptied it.

    Stored with update(): no signals, no new `updated_at`, no revision; it is derived data.
    """
    if not article.body_html:
        article.body_html = render_body(article)
        Article.objects.filter(pk=article.pk).update(body_html=article.body_html)
    # Rich text was sanitised on save and the rest comes from escaping templates.
    return mark_safe(article.body_html)


def forget_bodies(articles) -> None:
    """Empty the stored body of `articles` (a queryset or ids): rendered again when next
    read. Their stored pages (articles.site.stored_pages) show the body: they go too."""
    Article.objects.filter(pk__in=articles).exclude(body_html="").update(body_html="")
    StoredPage.objects.filter(article__in=articles).delete()
