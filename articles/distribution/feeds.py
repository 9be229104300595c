"""RSS 2.0 and Atom feeds of the latest published articles: site-wide, per section, author and tag.

Every link in a feed is absolute and built from SITE_URL. Each entry carries all bylines, the
section and tags as categories, the dek as summary and the hero photo (with caption and credit)
as a Media RSS element plus an enclosure.

RSS <description> and Atom <summary type="html"> hold HTML, and the generator escapes
only what XML needs: a plain-text dek such as "<10% of budget" would reach the reader's
feed software as markup. Plain text is therefore HTML-escaped once more before it
becomes HTML content (`as_html`). Atom's <subtitle> and <title> are plain text and
stay as they are.
"""

import io
from contextvars import ContextVar
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag

from articles.distribution import structured_data as sd
from articles.models import Article, Byline
from articles.site import stored_cards, stored_pages
from authors.models import Author
from sections.models import Section

FEED_LENGTH = 50
MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"


def article_guid(article: Article) -> str:
    """A tag URI that outlives any change of headline, slug, section or publication date.

    Built from the site's host, the day the row was created (which never changes) and the
    primary key: tag:example.org,2024-01-07:article-42
    """
    host = urlsplit(settings.SITE_URL).hostname
    day = article.created_at.date().isoformat()
    return f"tag:{host},{day}:article-{article.pk}"


def as_html(text: str) -> str:
    """Plain text made safe to stand where a feed expects HTML."""
    return escape(text)


def _add_media(handler, image: dict) -> None:
    handler.startElement(
        "media:content",
        {
            "url": image["url"],
            "type": image["type"],
            "medium": "image",
            "width": str(image["width"]),
            "height": str(image["height"]),
        },
    )
    if image["caption"]:
        handler.addQuickElement(
            "media:description", image["caption"], {"type": "plain"}
        )
    if image["credit"]:
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


class WrittenInOnePiece:
    """Write the feed into a string, then into the response once: the XML writer sends
    every tag and text run separately (about four thousand writes a feed), and each
    went through a text wrapper and the response's own write.

    Entries can also come ready-made (`entries`: each story's entry as XML, stored by
    `LatestArticlesFeed.get_feed`), written as they are in place of `items`, and
    `entry_xml` writes one item alone, as it stands inside the feed.
    """

    entries: list[str] | None = None
    newest: datetime | None = None

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())

    def write_items(self, handler):
        if self.entries is None:
            return super().write_items(handler)
        for entry in self.entries:
            # Writes the text as it is, after closing any start tag left open.
            handler.ignorableWhitespace(entry)

    def entry_xml(self, item: dict) -> str:
        buffer = io.StringIO()
        handler = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
        items, self.items = self.items, [item]
        try:
            super().write_items(handler)
        finally:
            self.items = items
        return buffer.getvalue()

    def latest_post_date(self):
        # The newest publication or edit among the entries, stored ones included.
        return self.newest or super().latest_post_date()


class NewsRssFeed(WrittenInOnePiece, feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["bylines"]:
            handler.addQuickElement("dc:creator", author["name"])
        image = item["image"]
        if image:
            handler.addQuickElement(
                "enclosure",
                "",
                {
                    "url": image["url"],
                    "length": str(image["length"]),
                    "type": image["type"],
                },
            )
            _add_media(handler, image)


class NewsAtomFeed(WrittenInOnePiece, feedgenerator.Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            if author["url"]:
                handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        image = item["image"]
        if image:
            handler.addQuickElement(
                "link",
                "",
                {"rel": "enclosure", "href": image["url"], "type": image["type"]},
            )
            _add_media(handler, image)


class LatestArticlesFeed(Feed):
    """The whole site. Subclasses narrow `articles()` and describe themselves."""

    feed_type = NewsRssFeed
    language = settings.NEWSROOM_LANGUAGE
    atom_view_name = "distribution:feed-atom"
    rss_view_name = "distribution:feed"

    # Feed-level attributes

    def title(self, obj):
        return settings.NEWSROOM_NAME

    def feed_description(self, obj) -> str:
        """The plain-text description of this feed; subclasses override this one."""
        return f"The latest articles from {settings.NEWSROOM_NAME}."

    def description(self, obj):
        # RSS <channel><description> is read as HTML by feed readers.
        return as_html(self.feed_description(obj))

    def subtitle(self, obj):
        return self.feed_description(obj)  # Atom's <subtitle> is plain text

    def link(self, obj):
        return sd.absolute_url(reverse("articles:home"))

    def feed_url(self, obj):
        name = self.atom_view_name if self.is_atom else self.rss_view_name
        return sd.absolute_url(reverse(name, args=self.url_args(obj)))

    def url_args(self, obj) -> list[str]:
        """The arguments of this feed's own address (a Feed instance serves every request)."""
        return [obj.slug] if obj is not None else []

    def feed_guid(self, obj):
        return self.feed_url(obj)

    @property
    def is_atom(self) -> bool:
        return issubclass(self.feed_type, feedgenerator.Atom1Feed)

    def articles(self, obj):
        return Article.objects.published()

    def get_feed(self, obj, request):
        """The feed, each story's entry read from its stored XML when there is one.

        Entries are rendered (and stored, as cards are: articles.site.stored_cards)
        only for the stories that have none; one query finds the feed's stories and
        another reads their stored entries.
        """
        started_at = stored_pages.render_started()
        variant = "feed-atom" if self.is_atom else "feed-rss"
        rows = list(
            self.articles(obj).values_list("pk", "published_at", "updated_at")[
                :FEED_LENGTH
            ]
        )
        entries = stored_cards.read([pk for pk, _, _ in rows], variant)
        missing = [pk for pk, _, _ in rows if pk not in entries]
        stories = list(self.stories(obj).filter(pk__in=missing)) if missing else []
        chosen = _stories.set(stories)
        try:
            feed = super().get_feed(obj, request)
        finally:
            _stories.reset(chosen)
        for story, item in zip(stories, feed.items, strict=True):
            entries[story.pk] = feed.entry_xml(item)
        stored_cards.store(
            {story.pk: entry_keys(story) for story in stories},
            entries,
            variant,
            started_at,
        )
        feed.entries = [entries[pk] for pk, _, _ in rows]
        feed.newest = max(
            (max(published, updated) for _, published, updated in rows), default=None
        )
        return feed

    def items(self, obj):
        # get_feed decides which stories need an entry drawn.
        chosen = _stories.get()
        return self.stories(obj)[:FEED_LENGTH] if chosen is None else chosen

    def stories(self, obj):
        return (
            self.articles(obj)
            .select_related("section", "hero")
            .defer("search_text", "search_vector", "body_html")
            # Into plain lists: Django builds a queryset per story to hold what a
            # prefetch into a manager found, which cost more than the queries did.
            .prefetch_related(
                Prefetch(
                    "bylines",
                    # What an entry names: an author's bio can run to kilobytes.
                    queryset=Byline.objects.select_related("author").only(
                        "article_id",
                        "author__name",
                        "author__slug",
                        "author__is_active",
                    ),
                    to_attr="feed_bylines",
                ),
                Prefetch("tags", to_attr="feed_tags"),
            )
        )

    # Item-level attributes

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return as_html(item.seo_description or item.dek)

    def item_link(self, item):
        return sd.absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return article_guid(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return sd.date_modified(item)

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.feed_tags)]

    def item_extra_kwargs(self, item):
        bylines = [
            {"name": byline.author.name, "url": sd.author_page_url(byline.author)}
            for byline in item.feed_bylines
        ]
        image = None
        if item.hero is not None:
            # The widest crop only: a feed links one picture per story.
            ratio = sd.CROP_RATIOS[0]
            wide = item.hero.crop(ratio)
            url = sd.absolute_url(wide.url)
            image = {
                "url": url,
                "width": wide.width,
                "height": wide.height,
                "type": sd.image_mime_type(url),
                "length": file_size(item.hero, ratio),
                "caption": item.hero_caption_display,
                "credit": item.shown_credit,
            }
        return {"bylines": bylines, "image": image}


class SectionFeed(LatestArticlesFeed):
    atom_view_name = "distribution:section-feed-atom"
    rss_view_name = "distribution:section-feed"

    def get_object(self, request, section):
        return get_object_or_404(Section.objects.active(), slug=section)

    def title(self, obj):
        return f"{obj.name} | {settings.NEWSROOM_NAME}"

    def feed_description(self, obj):
        return (
            obj.description
            or f"The latest {obj.name} articles from {settings.NEWSROOM_NAME}."
        )

    def link(self, obj):
        return sd.absolute_url(obj.get_absolute_url())

    def articles(self, obj):
        return Article.objects.published().filter(section=obj)


class AuthorFeed(LatestArticlesFeed):
    atom_view_name = "distribution:author-feed-atom"
    rss_view_name = "distribution:author-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author.objects.active(), slug=slug)

    def title(self, obj):
        return f"{obj.name} | {settings.NEWSROOM_NAME}"

    def feed_description(self, obj):
        return f"The latest articles by {obj.name} at {settings.NEWSROOM_NAME}."

    def link(self, obj):
        return sd.absolute_url(obj.get_absolute_url())

    def articles(self, obj):
        return Article.objects.published().by_author(obj)


class TagFeed(LatestArticlesFeed):
    atom_view_name = "distribution:tag-feed-atom"
    rss_view_name = "distribution:tag-feed"

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        # A tag used only on drafts stays private, name and all.
        if not Article.objects.published().filter(tags=tag).exists():
            raise Http404("No published article carries this tag.")
        return tag

    def title(self, obj):
        return f"{obj.name} | {settings.NEWSROOM_NAME}"

    def feed_description(self, obj):
        return f"The latest articles about {obj.name} from {settings.NEWSROOM_NAME}."

    def link(self, obj):
        return sd.absolute_url(sd.tag_page_url(obj.slug) or self.feed_url(obj))

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


# The stories a feed is drawing entries for, during LatestArticlesFeed.get_feed (a
# feed object serves every request, so this is kept per request, not on it).
_stories: ContextVar[list | None] = ContextVar("feed_stories", default=None)


def entry_keys(story) -> set[str]:
    """What a story's entry shows: a change to any of these deletes it."""
    keys = {f"article-{story.pk}", f"section-{story.section_id}"}
    keys.update(f"author-{byline.author_id}" for byline in story.feed_bylines)
    keys.update(f"tag-{tag.pk}" for tag in story.feed_tags)
    if story.hero_id:
        keys.add(f"photo-{story.hero_id}")
    return keys


def atom(feed_class: type[LatestArticlesFeed]) -> type[LatestArticlesFeed]:
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": NewsAtomFeed}
    )


def file_size(photo, ratio: str) -> int:
    """Bytes of the crop the feed links to (RSS enclosures must give the real length)."""
    manifest = photo.renditions or {}
    rows = manifest.get("variants", {}).get(ratio, {}).get(manifest.get("fallback"))
    name = rows[-1][2] if rows else photo.image.name
    try:
        return photo.image.storage.size(name)
    except OSError:
        return 0  # the file is missing: RSS's value for an unknown length
