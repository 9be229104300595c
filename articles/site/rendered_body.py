"""The article body rendered once and stored with the story, not on every uncached view.

Rendering the blocks costs two queries (`articles.blocks.body_contents`) and most of an uncached
page's template time (every photo's srcset). The HTML depends only on the blocks and the
photos they show, so it is kept on the article: made on the first view after a change,
emptied (one UPDATE) when a block of the article or a photo it shows is saved or deleted.
Emptying rather than re-rendering keeps a change to a wire photo used by thousands of
stories cheap; each story renders again when it is next read.

Links to our own stories are stored as references and resolved on the way out
(`articles.links`), so a linked story's new address or publication never needs the
body rendered again (a stored article page lists the linked stories among what it shows).
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.blocks import body_contents
from articles.links import (
    LinkTargets,
    link_targets,
    referenced_ids,
    resolve_article_links,
)
from articles.models import Article, StoredPage


def render_body(article: Article) -> str:
    blocks = body_contents([article])[article].body
    return render_to_string("articles/article_body.html", {"blocks": blocks})


def blocks_for_readers(blocks: list) -> SafeString:
    """Blocks not stored as a body (a preview, a revision) rendered as readers get them."""
    html = render_to_string("articles/article_body.html", {"blocks": blocks})
    return mark_safe(resolve_article_links(html))


def body_html(article: Article) -> SafeString:
    """The stored body as readers get it, rendered and stored first if a change emptied it."""
    return body_and_links(article)[0]


def body_and_links(article: Article) -> tuple[SafeString, LinkTargets]:
    """The stored body as readers get it, and what the stories it links to are now.

    The body is stored with update(): no signals, no new `updated_at`, no revision; it
    is derived data.
    """
    if not article.body_html:
        article.body_html = render_body(article)
        Article.objects.filter(pk=article.pk).update(body_html=article.body_html)
    targets = link_targets(referenced_ids(article.body_html))
    # Rich text was sanitised on save and the rest comes from escaping templates.
    html = resolve_article_links(article.body_html, addresses=targets.addresses)
    return mark_safe(html), targets


def forget_bodies(articles) -> None:
    """Empty the stored body of `articles` (a queryset or ids): rendered again when next
    read. Their stored pages (articles.site.stored_pages) show the body: they go too."""
    Article.objects.filter(pk__in=articles).exclude(body_html="").update(body_html="")
    StoredPage.objects.filter(article__in=articles).delete()
