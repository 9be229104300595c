"""Shared data and parsing for the feed, sitemap, structured-data and meta tests."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils import timezone

from articles.models import ArticleStatus
from tests.factories import make_article, make_author, make_photo, make_section

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def make_reference_article(**fields):
    """An article shaped like the Kyiv reference story: two bylines, a credited hero, five tags."""
    section = make_section(name="Politics & Security", slug="politics-security")
    correspondent = make_author(
        name="Kenji Arata", slug="kenji-arata", job_title="Diplomatic Correspondent"
    )
    colleague = make_author(
        name="Maria Lindqvist", slug="maria-lindqvist", job_title="Defence Editor"
    )
    hero = make_photo(
        caption="Japan's foreign minister is welcomed by the Ukrainian president in Kyiv, January 7, 2024.",
        credit="Ukrainian Presidential Press Service/Handout via REUTERS",
        photographer="Press Service Photographer",
        copyright_notice="© 2024 Ukrainian Presidential Press Service",
        alt_text="Two officials shake hands in front of flags.",
    )
    fields.setdefault(
        "headline", "Japan's foreign minister stands with Kyiv under fire"
    )
    fields.setdefault("dek", "A surprise visit as missiles fell on Ukrainian cities.")
    fields.setdefault("dateline", "KYIV")
    return make_article(
        section=section,
        authors=[correspondent, colleague],
        tags=["Ukraine", "Japan", "Russia", "Yoko Kamikawa", "Patriot missiles"],
        hero=hero,
        **fields,
    )


def make_unpublished_articles(section=None, authors=(), tags=()):
    """A draft, an article in review, an unpublished one and a scheduled one."""
    common = {"section": section, "authors": authors, "tags": tags}
    return [
        make_article(status=ArticleStatus.DRAFT, headline="Secret draft", **common),
        make_article(
            status=ArticleStatus.IN_REVIEW, headline="Secret review", **common
        ),
        make_article(
            status=ArticleStatus.UNPUBLISHED,
            published_at=timezone.now() - timedelta(days=1),
            headline="Secret withdrawn",
            **common,
        ),
        make_article(
            published_at=timezone.now() + timedelta(hours=3),
            headline="Secret scheduled",
            **common,
        ),
    ]


def json_ld_objects(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def json_ld_of_type(html: str, type_name: str) -> dict:
    matches = [data for data in json_ld_objects(html) if data["@type"] == type_name]
    assert len(matches) == 1, f"expected one {type_name}, found {len(matches)}"
    return matches[0]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.title = ""
        self._in_title = False
        self.script_count = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "content" in attributes:
            key = attributes.get("property") or attributes.get("name")
            self.meta.append((key, attributes["content"]))
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "title":
            self._in_title = True
        elif tag == "script":
            self.script_count += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_head(html: str) -> _HeadParser:
    parser = _HeadParser()
    parser.feed(html)
    return parser


def meta_values(html: str, key: str) -> list[str]:
    return [content for name, content in parse_head(html).meta if name == key]
