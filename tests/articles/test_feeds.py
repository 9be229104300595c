from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.distribution.feeds import FEED_LENGTH, article_guid
from articles.site.caching import cached_chrome
from tests.articles.distribution_helpers import (
    make_reference_article,
    make_unpublished_articles,
)
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

RSS_AND_ATOM = pytest.mark.parametrize("suffix", ["", "atom/"], ids=["rss", "atom"])


def fetch_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@RSS_AND_ATOM
def test_site_feed_lists_exactly_the_published_articles(client, suffix):
    """The site feed parses cleanly and holds every published article and nothing else."""
    section = make_section()
    published = [make_article(section=section) for _ in range(3)]
    make_unpublished_articles(section=section)

    feed = fetch_feed(client, f"/feed/{suffix}")

    expected = {f"http://127.0.0.1:8000{a.get_absolute_url()}" for a in published}
    assert {entry.link for entry in feed.entries} == expected
    assert not any("Secret" in entry.title for entry in feed.entries)


@RSS_AND_ATOM
def test_feed_entry_carries_every_part_of_the_article(client, suffix):
    """An entry has title, link, GUID, time, every author, categories, dek and the credited hero."""
    article = make_reference_article()

    (entry,) = fetch_feed(client, f"/feed/{suffix}").entries

    assert entry.title == article.headline
    assert entry.link == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert entry.id == article_guid(article)
    assert entry.published_parsed[:6] == article.published_at.utctimetuple()[:6]
    assert [author.name for author in entry.authors] == [
        "Kenji Arata",
        "Maria Lindqvist",
    ]
    assert [tag.term for tag in entry.tags] == [
        "Politics & Security",
        "Ukraine",
        "Japan",
        "Russia",
        "Yoko Kamikawa",
        "Patriot missiles",
    ]
    assert entry.summary == article.dek
    (media,) = entry.media_content
    assert media["url"] == f"http://127.0.0.1:8000{article.hero.crop('16:9').url}"
    assert media["medium"] == "image"
    assert entry.media_credit[0]["content"] == article.hero.credit
    assert entry.content[0].value == article.hero.caption
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert [link.href for link in enclosures] == [media["url"]]


def test_atom_feed_links_each_author_to_their_page(client):
    """Atom authors carry the address of their author page."""
    article = make_reference_article()

    (entry,) = fetch_feed(client, "/feed/atom/").entries

    assert [author.href for author in entry.authors] == [
        f"http://127.0.0.1:8000{byline.author.get_absolute_url()}"
        for byline in article.bylines.all()
    ]


def test_feed_holds_the_latest_fifty_articles_newest_first(client):
    """Only the newest 50 published articles appear, in order of publication."""
    section = make_section()
    now = timezone.now()
    articles = [
        make_article(section=section, published_at=now - timedelta(minutes=n))
        for n in range(1, FEED_LENGTH + 3)
    ]

    feed = fetch_feed(client, "/feed/")

    assert [entry.title for entry in feed.entries] == [
        a.headline for a in articles[:FEED_LENGTH]
    ]


@RSS_AND_ATOM
def test_section_feed_lists_only_that_sections_published_articles(client, suffix):
    """A section feed leaves out other sections and unpublished articles."""
    section = make_section(slug="world")
    mine = make_article(section=section)
    make_article()
    make_unpublished_articles(section=section)

    feed = fetch_feed(client, f"/world/feed/{suffix}")

    assert [entry.title for entry in feed.entries] == [mine.headline]


@RSS_AND_ATOM
def test_author_feed_lists_only_that_authors_published_articles(client, suffix):
    """An author feed lists the author's published articles, whoever else shares the byline."""
    author = make_author(slug="kenji")
    other = make_author()
    mine = make_article(authors=[other, author])
    make_article(authors=[other])
    make_unpublished_articles(authors=[author])

    feed = fetch_feed(client, f"/authors/kenji/feed/{suffix}")

    assert [entry.title for entry in feed.entries] == [mine.headline]


@RSS_AND_ATOM
def test_tag_feed_lists_only_published_articles_with_that_tag(client, suffix):
    """A tag feed lists published articles carrying the tag and nothing else."""
    tagged = make_article(tags=["Patriot missiles"])
    make_article(tags=["Ukraine"])
    make_unpublished_articles(tags=["Patriot missiles"])

    feed = fetch_feed(client, f"/tags/patriot-missiles/feed/{suffix}")

    assert [entry.title for entry in feed.entries] == [tagged.headline]


def test_tag_used_only_on_unpublished_articles_has_no_feed(client):
    """A tag that only drafts carry answers 404, so its name does not leak."""
    make_unpublished_articles(tags=["Embargoed topic"])

    response = client.get("/tags/embargoed-topic/feed/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-section/feed/",
        "/authors/nobody/feed/atom/",
        "/tags/nothing/feed/",
        "/hidden/feed/",
        "/authors/retired/feed/",
    ],
)
def test_feeds_of_unknown_or_inactive_owners_answer_404(client, url):
    """Unknown slugs, inactive sections and inactive authors have no feed."""
    make_article(section=make_section(slug="hidden", is_active=False))
    make_article(authors=[make_author(slug="retired", is_active=False)])

    assert client.get(url).status_code == 404


def test_guid_survives_a_new_headline_slug_section_and_date(client):
    """The GUID an entry had on day one is the GUID it keeps after every edit."""
    article = make_reference_article()
    before = fetch_feed(client, "/feed/").entries[0].id

    article.headline = "A rewritten headline"
    article.slug = "a-rewritten-headline"
    article.section = make_section()
    article.published_at -= timedelta(days=3)
    article.save()
    after = fetch_feed(client, "/feed/").entries[0]

    assert after.title == "A rewritten headline"
    assert after.id == before


def test_guids_differ_between_articles_and_are_not_permalinks(client):
    """Each article has its own GUID, marked as not being an address."""
    make_article()
    make_article()

    response = client.get("/feed/")
    feed = feedparser.parse(response.content)

    assert len({entry.id for entry in feed.entries}) == 2
    assert b'<guid isPermaLink="false">tag:127.0.0.1,' in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/desk/feed/",
        "/authors/busy/feed/",
        "/tags/common/feed/atom/",
    ],
)
def test_feeds_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, url
):
    """Twenty-four articles with three bylines, five tags and a hero cost a handful of queries."""
    section = make_section(slug="desk")
    busy = make_author(slug="busy")
    colleagues = [make_author(), make_author()]
    for n in range(24):
        make_article(
            section=section,
            authors=[busy, *colleagues],
            tags=["common", f"topic {n}", f"place {n}", f"person {n}", f"thing {n}"],
            hero=make_photo(),
        )

    cached_chrome()  # shared by every public page, cached apart from articles
    # The first request draws every entry and stores it: the feed's stories, their
    # stored entries (none), the stories with bylines and tags, then two to store;
    # one more for the schedule lookup every public page shares.
    with django_assert_max_num_queries(10):
        first = client.get(url)
    cache.clear()
    cached_chrome()
    # Later cache misses read the stories' ids and their stored entries (and the
    # section, author or tag, which the tag feed also checks is on a live story).
    with django_assert_max_num_queries(5):
        again = client.get(url)

    assert again.content == first.content
    feed = feedparser.parse(again.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 24
    assert all(len(entry.authors) == 3 for entry in feed.entries)


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_a_stored_entry_follows_its_story(client, url):
    """An edit, a renamed author or tag and a new hero caption reach the feed."""
    story = make_article(
        headline="Minister visits Kyiv", authors=[make_author(name="Aiko Mori")]
    )
    story.tags.add("Ukraine")
    fetch_feed(client, url)
    cache.clear()

    story.headline = "Minister returns from Kyiv"
    story.save()
    author = story.bylines.get().author
    author.name = "Aiko Mori-Tanaka"
    author.save()
    tag = Tag.objects.get(name="Ukraine")
    tag.name = "Ukraine war"
    tag.save()
    cache.clear()

    feed = fetch_feed(client, url)
    (entry,) = feed.entries
    assert entry.title == "Minister returns from Kyiv"
    assert [author.name for author in entry.authors] == ["Aiko Mori-Tanaka"]
    assert "Ukraine war" in [tag.term for tag in entry.tags]


def test_pages_advertise_their_feeds(client):
    """Home, section and author pages link to their RSS and Atom feeds."""
    article = make_reference_article()
    author = article.bylines.first().author

    home = client.get("/").content.decode()
    section_page = client.get(article.section.get_absolute_url()).content.decode()
    author_page = client.get(author.get_absolute_url()).content.decode()

    assert (
        'type="application/rss+xml" title="The Meridian Ledger (RSS)" href="/feed/"'
        in home
    )
    assert 'type="application/atom+xml"' in home and 'href="/feed/atom/"' in home
    assert 'rel="alternate" type="application/rss+xml"' in section_page
    assert 'href="/politics-security/feed/"' in section_page
    assert 'href="/politics-security/feed/atom/"' in section_page
    assert f'href="/authors/{author.slug}/feed/"' in author_page
    assert f'href="/authors/{author.slug}/feed/atom/"' in author_page


def test_tag_feed_links_point_at_the_tag_feeds():
    """The tag page's hook renders alternate links to that tag's RSS and Atom feeds."""
    make_article(tags=["Yoko Kamikawa"])
    tag = Tag.objects.get(name="Yoko Kamikawa")

    html = Template("{% load distribution %}{% tag_feed_links tag %}").render(
        Context({"tag": tag})
    )

    assert f'href="{reverse("distribution:tag-feed", args=[tag.slug])}"' in html
    assert 'href="/tags/yoko-kamikawa/feed/atom/"' in html
    assert 'title="Yoko Kamikawa | The Meridian Ledger (RSS)"' in html
