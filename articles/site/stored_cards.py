"""Story cards rendered once and stored (articles.stored_pages.StoredCard).

A card draws a headline, dek, kicker, bylines, time and a thumbnail whose srcset lists
every stored rendition; on a page of fifty cards that template work was most of an
uncached home page, and reading fifty full rows (a dozen columns, five timestamps, the
hero photo's row) for it was most of the rest.

So a list is read as *listed rows*: each story's id and its stored card, one indexed
lookup per row inside the list's own query (`listed`). `attach` gives each story its
card HTML: stored ones as read, the rest rendered from full rows read in one query (their
bylines in one more) and stored in one statement. Cards are deleted by the same keys as
stored pages.
"""

from dataclasses import dataclass

from django.db.models import (
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article, Byline, StoredCard, StoredPageKeyChange
from articles.site import stored_pages

# Search text, vector and rendered body (kilobytes a story) are never drawn on a card.
NOT_ON_CARDS = ["search_text", "search_vector", "body_html"]
BYLINES_WITH_AUTHORS = Prefetch(
    "bylines", queryset=Byline.objects.select_related("author")
)

_UNREAD = object()


@dataclass(frozen=True)
class CardStyle:
    """How a story is drawn in a list: a card (heading level 2 or 3), or a page's lead
    with its large photo; with or without its section above the headline."""

    template: str
    level: int = 2
    show_section: bool = False

    @property
    def variant(self) -> str:
        kind = {LEAD_TEMPLATE: "lead", RESULT_TEMPLATE: "result"}.get(
            self.template, f"h{self.level}"
        )
        return f"{kind}{'-section' if self.show_section else ''}"

    @property
    def attribute(self) -> str:
        """Where `listed` puts the stored HTML on each row."""
        return f"stored_{self.variant.replace('-', '_')}"

    def render(self, article: Article) -> str:
        return render_to_string(
            self.template,
            {
                "article": article,
                "level": self.level,
                "show_section": self.show_section,
            },
        )


CARD_TEMPLATE = "includes/article_card.html"
LEAD_TEMPLATE = "includes/article_lead.html"
RESULT_TEMPLATE = "includes/search_result.html"
# Where a search result's snippet goes: it depends on the query, the rest of the result
# does not. Text drawn in the card is escaped, so it cannot produce this comment.
SNIPPET_SLOT = "<!-- snippet -->"


def card(level: int, *, show_section: bool = False) -> CardStyle:
    return CardStyle(CARD_TEMPLATE, level, show_section)


def lead(*, show_section: bool = False) -> CardStyle:
    return CardStyle(LEAD_TEMPLATE, show_section=show_section)


def search_result() -> CardStyle:
    """A search result: section, headline and byline line, with a SNIPPET_SLOT."""
    return CardStyle(RESULT_TEMPLATE)


def listed(articles: QuerySet, style: CardStyle, *, also=()) -> QuerySet:
    """The rows of a list of stories drawn in `style`: each story's id and its stored
    card, and the fields named in `also`, nothing else (`attach` reads what a missing
    card needs)."""
    stored = StoredCard.objects.filter(
        article=OuterRef("pk"),
        variant=style.variant,
        fingerprint=stored_pages.fingerprint(),
    ).values("html")
    return articles.only("pk", *also).annotate(**{style.attribute: Subquery(stored)})


def card_keys(article) -> set[str]:
    keys = {f"article-{article.pk}", f"section-{article.section_id}"}
    keys.update(f"author-{byline.author_id}" for byline in article.bylines.all())
    if article.hero_id:
        keys.add(f"photo-{article.hero_id}")
    return keys


def attach(wanted: list[tuple[Article, CardStyle]]) -> None:
    """Set `card_html` on each story, drawn in its style.

    A story is a listed row (`listed`) or a full row (listings.cards()). Stored cards
    come from the rows or one query; the missing ones are rendered, their full rows
    and bylines read in two queries, and stored in two more.
    """
    wanted = [(article, style) for article, style in wanted if article is not None]
    if not wanted:
        return
    started_at = stored_pages.render_started()
    html, unread = {}, []
    for article, style in wanted:
        stored = getattr(article, style.attribute, _UNREAD)
        if stored is _UNREAD:
            unread.append((article.pk, style.variant))
        elif stored is not None:
            html[article.pk, style.variant] = stored
    if unread:
        html |= _read_variants(unread)
    missing = [(a, style) for a, style in wanted if (a.pk, style.variant) not in html]
    if missing:
        rows = _full_rows([article for article, _ in missing])
        entries = []
        for article, style in missing:
            row = rows[article.pk]
            html[article.pk, style.variant] = style.render(row)
            entries.append((article.pk, style.variant, card_keys(row)))
        _store_entries(entries, html, started_at)
    for article, style in wanted:
        article.card_html = mark_safe(html[article.pk, style.variant])


def attach_cards(articles, *, level: int, show_section: bool = False) -> list:
    """Set `card_html` on each story drawn as a card; returns them as a list."""
    articles = list(articles)
    style = card(level, show_section=show_section)
    attach([(article, style) for article in articles])
    return articles


def _full_rows(articles) -> dict[int, Article]:
    """Everything a card draws, by id: the stories themselves when they are full rows,
    else read again (one query); bylines with their authors in one more."""
    full = {a.pk: a for a in articles if "headline" not in a.get_deferred_fields()}
    listed_only = [a.pk for a in articles if a.pk not in full]
    if listed_only:
        full |= (
            Article.objects.select_related("section", "hero")
            .defer(*NOT_ON_CARDS)
            .in_bulk(listed_only)
        )
    # Rows that came with their bylines are left as they are.
    prefetch_related_objects(list(full.values()), BYLINES_WITH_AUTHORS)
    return full


def _read_variants(wanted: list[tuple[int, str]]) -> dict[tuple[int, str], str]:
    stored = StoredCard.objects.filter(
        article__in={pk for pk, _ in wanted},
        variant__in={variant for _, variant in wanted},
        fingerprint=stored_pages.fingerprint(),
    ).values_list("article_id", "variant", "html")
    wanted = set(wanted)
    return {
        (pk, variant): html for pk, variant, html in stored if (pk, variant) in wanted
    }


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
    entries = [(pk, variant, keys) for pk, keys in keys_by_pk.items()]
    html = {(pk, variant): text for pk, text in html_by_pk.items()}
    _store_entries(entries, html, started_at)


def _store_entries(entries, html: dict, started_at) -> None:
    """Store each (id, variant, keys) entry's HTML, in one statement after one check."""
    changed = set(
        StoredPageKeyChange.objects.filter(
            key__in=set().union(*(keys for _, _, keys in entries)),
            changed_at__gte=started_at - stored_pages.CLOCK_MARGIN,
        ).values_list("key", flat=True)
    )
    now = timezone.now()
    cards = [
        StoredCard(
            article_id=pk,
            variant=variant,
            fingerprint=stored_pages.fingerprint(),
            html=html[pk, variant],
            dependencies=dict.fromkeys(sorted(keys), 1),
            rendered_at=now,
        )
        for pk, variant, keys in entries
        if not keys & changed
    ]
    StoredCard.objects.bulk_create(
        cards,
        update_conflicts=True,
        unique_fields=["article", "variant"],
        update_fields=["fingerprint", "html", "dependencies", "rendered_at"],
    )
