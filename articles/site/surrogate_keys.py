"""Surrogate keys: every public response names what it shows, so a change purges only that.

The scheme (also in the README). Keys are short, lower-case words, space-separated in
the `Surrogate-Key` response header; Varnish (xkey) and CDNs such as Fastly index by them.

    article-<pk>   an article's own page, and every card, related box or feed entry showing it
    section-<pk>   a section front (a parent front also shows its sub-sections' stories)
    author-<pk>    an author's page, and article pages whose byline shows the author
    tag-<pk>       a tag page
    home           the home page
    authors        the author index (it counts published stories)
    search         search results
    corrections    the corrections list
    feeds          every RSS/Atom feed
    sitemaps       sitemaps and the Google News sitemap
    chrome         every HTML page (masthead, navigation, footer, site settings)
    all            every public response: purge it after a deploy that changes templates

Pages add keys through `tag(request, ...)`; other code (the JSON API) builds a header
value with `header_value(...)`. A change to published content is turned into keys by
`keys_for_change(instance)` and purged once per transaction (articles.site.purge).
"""

from collections.abc import Iterable

HEADER = "Surrogate-Key"
EVERYTHING = "all"
CHROME = "chrome"
FEEDS = "feeds"
SITEMAPS = "sitemaps"
HOME = "home"
AUTHOR_INDEX = "authors"
SEARCH = "search"
CORRECTIONS = "corrections"
# What any change to a published article may alter besides its own pages.
LISTINGS = (HOME, AUTHOR_INDEX, SEARCH, CORRECTIONS, FEEDS, SITEMAPS)


def _pk(item) -> int:
    return item if isinstance(item, int) else item.pk


def keys_for(
    *,
    articles: Iterable = (),
    sections: Iterable = (),
    authors: Iterable = (),
    tags: Iterable = (),
    extra: Iterable[str] = (),
) -> set[str]:
    """Keys for objects (or their primary keys) and named keys such as `feeds`."""
    keys = set(extra)
    keys.update(f"article-{_pk(item)}" for item in articles)
    keys.update(f"section-{_pk(item)}" for item in sections if item is not None)
    keys.update(f"author-{_pk(item)}" for item in authors)
    keys.update(f"tag-{_pk(item)}" for item in tags)
    return keys


def header_value(**objects) -> str:
    """The `Surrogate-Key` value for a response showing these objects (see keys_for)."""
    return " ".join(sorted(keys_for(**objects) | {EVERYTHING}))


def tag(request, **objects) -> None:
    """Note on the request what the page shows; caching.public_page writes the header."""
    keys = getattr(request, "surrogate_keys", set())
    keys |= keys_for(**objects)
    request.surrogate_keys = keys


def article_page_keys(article, related: Iterable = ()) -> dict:
    """What an article page shows: the story, its authors, and the related stories."""
    return {
        "articles": [article, *related],
        "authors": [byline.author_id for byline in article.bylines.all()],
    }


# Keys named by the route alone, for responses whose view does not tag them.
ROUTE_KEYS = {
    "distribution:robots": {CHROME},
    "distribution:sitemap": {SITEMAPS},
    "distribution:sitemap-section": {SITEMAPS},
    "distribution:news-sitemap": {SITEMAPS},
    "trust:corrections": {CORRECTIONS},
    "trust:corrections_feed": {FEEDS},
    "articles:home": {HOME},
    "articles:search": {SEARCH},
    "articles:author_index": {AUTHOR_INDEX},
}


def route_keys(request) -> set[str]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return set()
    name = match.view_name
    if name.startswith("distribution:") and "feed" in name:
        return {FEEDS}
    return set(ROUTE_KEYS.get(name, ()))


def response_keys(request, response) -> str:
    """The header value for a public response: what the view tagged, the route, chrome."""
    keys = getattr(request, "surrogate_keys", set()) | route_keys(request)
    if response.get("Content-Type", "").startswith("text/html"):
        keys.add(CHROME)
    keys.add(EVERYTHING)
    return " ".join(sorted(keys))
