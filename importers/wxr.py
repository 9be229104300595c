"""Reading a WordPress export (WXR 1.1 and 1.2) one item at a time.

An export of a large site runs to hundreds of megabytes, so the file is never read whole:
`iterparse` hands over each channel-level element (author, category, tag, term, item) as
soon as it is complete, and the element is dropped from the tree once it has been turned
into a small record. defusedxml refuses entity declarations and external references, so
an export cannot make the parser fetch files or expand a "billion laughs".
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from defusedxml.ElementTree import iterparse

PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}


def short_name(tag: str) -> str:
    """ "{http://wordpress.org/export/1.2/}post_id" → "wp:post_id", whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if uri.startswith("http://wordpress.org/export/"):
        prefix = "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
    else:
        prefix = PREFIXES.get(uri, "")
    return f"{prefix}:{local}" if prefix else local


@dataclass
class WxrAuthor:
    login: str
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""


@dataclass
class WxrTerm:
    """A category, a tag, or another taxonomy's term (Co-Authors Plus keeps authors as one)."""

    taxonomy: str  # "category", "post_tag", "author", …
    term_id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class WxrItem:
    post_id: str
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    status: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_parent: str = ""
    attachment_url: str = ""
    # (domain, nicename, text) of each <category>: categories, tags, co-authors.
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def terms_of(self, domain: str) -> list[tuple[str, str]]:
        return [(slug, text) for kind, slug, text in self.terms if kind == domain]

    @property
    def checksum(self) -> str:
        """Changes whenever anything the import reads changes, and only then."""
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()


def child_texts(element) -> dict[str, str]:
    return {short_name(child.tag): (child.text or "").strip() for child in element}


def read_author(element) -> WxrAuthor:
    values = child_texts(element)
    return WxrAuthor(
        login=values.get("wp:author_login", ""),
        display_name=values.get("wp:author_display_name", ""),
        first_name=values.get("wp:author_first_name", ""),
        last_name=values.get("wp:author_last_name", ""),
        email=values.get("wp:author_email", ""),
    )


def read_term(element, kind: str) -> WxrTerm:
    values = child_texts(element)
    if kind == "wp:category":
        return WxrTerm(
            taxonomy="category",
            term_id=values.get("wp:term_id", ""),
            slug=values.get("wp:category_nicename", ""),
            name=values.get("wp:cat_name", ""),
            parent_slug=values.get("wp:category_parent", ""),
            description=values.get("wp:category_description", ""),
        )
    if kind == "wp:tag":
        return WxrTerm(
            taxonomy="post_tag",
            term_id=values.get("wp:term_id", ""),
            slug=values.get("wp:tag_slug", ""),
            name=values.get("wp:tag_name", ""),
            description=values.get("wp:tag_description", ""),
        )
    return WxrTerm(
        taxonomy=values.get("wp:term_taxonomy", ""),
        term_id=values.get("wp:term_id", ""),
        slug=values.get("wp:term_slug", ""),
        name=values.get("wp:term_name", ""),
        parent_slug=values.get("wp:term_parent", ""),
        description=values.get("wp:term_description", ""),
    )


ITEM_FIELDS = {
    "title": "title",
    "link": "link",
    "guid": "guid",
    "dc:creator": "creator",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_id": "post_id",
    "wp:post_type": "post_type",
    "wp:post_name": "post_name",
    "wp:status": "status",
    "wp:post_date": "post_date",
    "wp:post_date_gmt": "post_date_gmt",
    "wp:post_parent": "post_parent",
    "wp:attachment_url": "attachment_url",
}


def read_item(element) -> WxrItem:
    values = {"post_id": "", "post_type": ""}
    terms = []
    meta = {}
    for child in element:
        name = short_name(child.tag)
        if name in ITEM_FIELDS:
            text = child.text or ""
            # Bodies keep their line breaks: classic posts make paragraphs of them.
            keep = name in ("content:encoded", "excerpt:encoded")
            values[ITEM_FIELDS[name]] = text if keep else text.strip()
        elif name == "category":
            terms.append(
                (
                    child.get("domain", ""),
                    child.get("nicename", ""),
                    (child.text or "").strip(),
                )
            )
        elif name == "wp:postmeta":
            pair = child_texts(child)
            meta[pair.get("wp:meta_key", "")] = pair.get("wp:meta_value", "")
    return WxrItem(**values, terms=terms, meta=meta)


@dataclass
class Channel:
    """What the export says about the site itself; filled in as the file is read."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    wxr_version: str = ""

    @property
    def site(self) -> str:
        return (self.base_site_url or self.link).rstrip("/")


CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "wp:base_site_url": "base_site_url",
    "wp:wxr_version": "wxr_version",
}


def read_wxr(path, channel: Channel) -> Iterator[WxrAuthor | WxrTerm | WxrItem]:
    """Yield the export's authors, terms and items in file order, filling in `channel`.

    A malformed document raises `xml.etree.ElementTree.ParseError` (or a defusedxml
    error for entity tricks) at the point where it breaks; what came before was yielded.
    """
    depth = 0
    parent = None
    for event, element in iterparse(str(path), events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == 2:
                parent = element  # <channel>
            continue
        depth -= 1
        if depth != 2:
            continue
        name = short_name(element.tag)
        if name in CHANNEL_FIELDS:
            setattr(channel, CHANNEL_FIELDS[name], (element.text or "").strip())
        elif name == "wp:author":
            yield read_author(element)
        elif name in ("wp:category", "wp:tag", "wp:term"):
            yield read_term(element, name)
        elif name == "item":
            yield read_item(element)
        # Done with it: free the element so memory stays flat however long the file.
        element.clear()
        if parent is not None:
            parent.remove(element)
