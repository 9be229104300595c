"""Plain-text fields reach feed readers as text, never as markup they would interpret."""

import html

import pytest

from tests.articles.test_feeds import fetch_feed
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

PLAIN_DEK = "Spending rose <10% of budget; <script>alert(1)</script> & more"
RSS_AND_ATOM = pytest.mark.parametrize("suffix", ["", "atom/"], ids=["rss", "atom"])


def raw_and_parsed(client, url):
    return client.get(url).content.decode(), fetch_feed(client, url)


@RSS_AND_ATOM
def test_dek_with_angle_brackets_is_html_escaped_in_the_feed(client, suffix):
    """A dek such as “<10% of budget” reads the same in a feed reader, with no script in it."""
    make_article(dek=PLAIN_DEK)

    raw, feed = raw_and_parsed(client, f"/feed/{suffix}")

    (entry,) = feed.entries
    assert entry.summary_detail.type == "text/html"
    # As HTML, the summary displays exactly the dek: nothing was taken for a tag.
    assert html.unescape(entry.summary) == PLAIN_DEK
    assert "<script>" not in entry.summary
    # Escaped twice in the XML: once for HTML, once for XML.
    assert "&amp;lt;10% of budget" in raw
    assert "&lt;script&gt;" not in raw


def test_section_description_is_html_escaped_in_the_rss_channel(client):
    """The section's plain-text description is HTML-escaped where RSS expects HTML."""
    section = make_section(description="Budgets <10% & <b>bold</b> claims")
    make_article(section=section)

    _raw, feed = raw_and_parsed(client, f"/{section.slug}/feed/")

    assert html.unescape(feed.feed.description) == section.description


def test_section_description_stays_plain_text_in_the_atom_subtitle(client):
    """Atom's subtitle is plain text, so the description is escaped only for XML."""
    section = make_section(description="Budgets <10% & more")
    make_article(section=section)

    _raw, feed = raw_and_parsed(client, f"/{section.slug}/feed/atom/")

    assert feed.feed.subtitle_detail.type == "text/plain"
    assert feed.feed.subtitle == section.description
