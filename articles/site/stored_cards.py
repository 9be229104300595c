"""Story cards rendered once and stored (articles.stored_pages.StoredCard).

A card draws a headline, dek, kicker, bylines, time and a thumbnail whose srcset lists
every stored rendition; on a page of fifty cards that template work was most of an
uncached home page. `attach_cards` gives each article of a list its card HTML: one query
reads the stored ones, the rest are rendered (their bylines read in one more query) and
stored in one statement. Cards are deleted by the same keys as stored pages.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Byline, StoredCard, StoredPageKeyChange
from articles.site import stored_pages

TEMPLATE = "includes/article_card.html"


def variant_name(level: int, show_section: bool) -> str:
    return f"h{level}{'-section' if show_section else ''}"


def card_keys(article) -> set[str]:
    keys = {f"article-{article.pk}", f"section-{article.section_id}"}
    keys.update(f"author-{byline.author_id}" for byline in article.bylines.all())
    if article.hero_id:
        keys.add(f"photo-{article.hero_id}")
    return keys


def attach_cards(articles, *, level: int, show_section: bool = False) -> list:
    """Set `card_html` on each article (from listings.cards()); returns them as a list."""
    articles = list(articles)
    if not articles:
        return articles
    started_at = stored_pages.render_started()
    variant = variant_name(level, show_section)
    stored = read(articles, variant)
    missing = [article for article in articles if article.pk not in stored]
    if missing:
        prefetch_related_objects(
            missing,
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        )
        for article in missing:
            stored[article.pk] = render_to_string(
                TEMPLATE,
                {"article": article, "level": level, "show_section": show_section},
            )
        keys = {article.pk: card_keys(article) for article in missing}
        store(keys, stored, variant, started_at)
    for article in articles:
        article.card_html = mark_safe(stored[article.pk])
    return articles


def read(articles, variant: str) -> dict[int, str]:
    """The stored HTML of these articles (or article ids) in this variant, by id."""
    return dict(
        StoredCard.objects.filter(
            article__in=[getattr(article, "pk", article) for article in articles],
            variant=variant,
            fingerprint=stored_pages.fingerprint(),
        ).values_list("article_id", "html")
    )


def store(keys_by_pk: dict, html_by_pk: dict, variant: str, started_at) -> None:
    """Keep the new HTML (`html_by_pk`) of the articles in `keys_by_pk`, each with the
    keys of what it shows, except those showing something changed since `started_at`."""
    changed = set(
        StoredPageKeyChange.objects.filter(
            key__in=set().union(*keys_by_pk.values()),
            changed_at__gte=started_at - stored_pages.CLOCK_MARGIN,
        ).values_list("key", flat=True)
    )
    now = timezone.now()
    cards = [
        StoredCard(
            article_id=pk,
            variant=variant,
            fingerprint=stored_pages.fingerprint(),
            html=html_by_pk[pk],
            dependencies=dict.fromkeys(sorted(keys), 1),
            rendered_at=now,
        )
        for pk, keys in keys_by_pk.items()
        if not keys & changed
    ]
    StoredCard.objects.bulk_create(
        cards,
        update_conflicts=True,
        unique_fields=["article", "variant"],
        update_fields=["fingerprint", "html", "dependencies", "rendered_at"],
    )
