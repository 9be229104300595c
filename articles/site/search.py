"""Full-text search: the stored search vector, the query, ranking and snippets.

PostgreSQL ranks headline (A) above dek (B) above body text (C) above the bylined
authors' names and the tags (D) through a stored, GIN-indexed vector; the admin's desk
search reads the same vector. SQLite, used only for development, falls back to a
contains match.
"""

import re

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import (
    Article,
    ArticleTag,
    Byline,
    PullQuoteBlock,
    RichTextBlock,
)
from text import html_to_text

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_FALLBACK_TERMS = 8
# Ranking reads every candidate's vector, so only the newest matches are ranked: a word in
# every story costs what a rare one does. Results beyond them are not offered.
RANKED_CANDIDATES = 200
SNIPPET_SOURCE_LENGTH = 1500
# Private-use characters mark the matches; they cannot come from sanitised text, so the
# snippet is escaped first and only then are the marks turned into <mark> elements.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
# ts_headline drops a bare non-ASCII marker but keeps a double-quoted one, quotes included.
QUOTED_MARK_START = f'"{MARK_START}"'
QUOTED_MARK_STOP = f'"{MARK_STOP}"'
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\ue000-\uf8ff]")


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def body_text(article: Article) -> str:
    """The article's body as plain text, blocks in reading order."""
    return text_of_blocks(
        RichTextBlock.objects.filter(parent=article).only("ordering", "text"),
        PullQuoteBlock.objects.filter(parent=article).only("ordering", "text"),
    )


def text_of_blocks(rich_text_blocks, pull_quote_blocks) -> str:
    """The plain text of these blocks in reading order (saved or not yet saved)."""
    pieces = [(block.ordering, html_to_text(block.text)) for block in rich_text_blocks]
    pieces += [
        (block.ordering, " ".join(block.text.split())) for block in pull_quote_blocks
    ]
    return " ".join(text for _, text in sorted(pieces, key=lambda piece: piece[0]))


def _joined(queryset, link: str, name: str):
    """The names along `link` of the outer article's rows in `queryset`, space-separated."""
    names = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(names=StringAgg(name, " "))
        .values("names")
    )
    return Coalesce(Subquery(names), Value(""), output_field=TextField())


def labels() -> Concat:
    """The article's bylined authors' names and tag names, read in the database."""
    return Concat(
        _joined(Byline.objects, "article", "author__name"),
        Value(" "),
        _joined(ArticleTag.objects, "content_object", "tag__name"),
        output_field=TextField(),
    )


def weighted_vector(body="search_text") -> SearchVector:
    """Headline (A), dek (B), `body` (C: the stored body text unless given), bylines and
    tags (D).

    An UPDATE that also sets `search_text` passes the new text, since the statement's
    expressions see the row as it was.
    """
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("dek", weight="B", config=SEARCH_CONFIG)
        + SearchVector(body, weight="C", config=SEARCH_CONFIG)
        + SearchVector(labels(), weight="D", config=SEARCH_CONFIG)
    )


def update_search_vector(article: Article) -> None:
    """Store the article's body text and (on PostgreSQL) its weighted search vector.

    Written with update() so that it neither touches `updated_at` nor fires signals.
    """
    text = body_text(article)
    fields = {"search_text": text}
    if uses_postgres_search():
        fields["search_vector"] = weighted_vector(Value(text))
    Article.objects.filter(pk=article.pk).update(**fields)


def refresh_search_vectors(article_ids) -> None:
    """Index again the stored text of these articles: after a byline, tag or name changed.

    `article_ids` may be a list or a values("…") queryset; on SQLite there is no vector.
    """
    if uses_postgres_search():
        Article.objects.filter(pk__in=article_ids).update(
            search_vector=weighted_vector()
        )


def clean_query(raw: str) -> str:
    """The reader's query without control characters, squeezed and cut to a sane length."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", raw).split())
    return text[:MAX_QUERY_LENGTH].strip()


def search_articles(articles: QuerySet, query: str) -> QuerySet:
    """Matching articles, best first, each with a `snippet` (PostgreSQL) to highlight.

    PostgreSQL ranks the RANKED_CANDIDATES newest matches (found through the listing index
    for a common word, the GIN index for a rare one), not every match in the archive.
    """
    if uses_postgres_search():
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        newest_matches = Article.objects.published().filter(search_vector=search_query)
        newest_matches = newest_matches.values("pk")[:RANKED_CANDIDATES]
        return (
            articles.filter(pk__in=newest_matches)
            .annotate(
                rank=SearchRank(F("search_vector"), search_query),
                snippet=SearchHeadline(
                    # ts_headline parses all it is given: the opening of the body is enough.
                    Concat(
                        "dek",
                        Value(" "),
                        Substr("search_text", 1, SNIPPET_SOURCE_LENGTH),
                        output_field=TextField(),
                    ),
                    search_query,
                    config=SEARCH_CONFIG,
                    start_sel=QUOTED_MARK_START,
                    stop_sel=QUOTED_MARK_STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at", "-pk")
        )
    terms = query.split()[:MAX_FALLBACK_TERMS]
    matches = Q()
    for term in terms:
        matches &= (
            Q(headline__icontains=term)
            | Q(dek__icontains=term)
            | Q(search_text__icontains=term)
        )
    first = terms[0] if terms else ""
    return (
        articles.filter(matches)
        .annotate(
            rank=Case(
                When(headline__icontains=first, then=Value(3)),
                When(dek__icontains=first, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def highlighted_snippet(article: Article, query: str) -> SafeString:
    """The snippet as safe HTML: text escaped, matches wrapped in <mark>."""
    snippet = getattr(article, "snippet", None)
    if snippet is None:
        snippet = _fallback_snippet(f"{article.dek} {article.search_text}", query)
    snippet = snippet.replace(QUOTED_MARK_START, MARK_START).replace(
        QUOTED_MARK_STOP, MARK_STOP
    )
    marked = escape(snippet).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(marked)


def _fallback_snippet(text: str, query: str, *, width: int = 220) -> str:
    """Around the first match, with every term marked (the SQLite path)."""
    terms = [re.escape(term) for term in query.split()[:MAX_FALLBACK_TERMS] if term]
    if not terms:
        return text[:width]
    pattern = re.compile("|".join(terms), re.I)
    found = pattern.search(text)
    start = max(0, found.start() - width // 3) if found else 0
    excerpt = text[start : start + width]
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", excerpt)
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return f"{prefix}{marked}{suffix}"
