import pytest
from django.conf import settings
from django.template import Context, Template
from taggit.models import Tag

from tests.articles.distribution_helpers import (
    make_reference_article,
    meta_values,
    parse_head,
)
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def canonical_links(html: str) -> list[str]:
    return [
        link["href"]
        for link in parse_head(html).links
        if link.get("rel") == "canonical"
    ]


def test_article_title_and_description_fall_back_to_headline_and_dek(client):
    """Without SEO fields the title is the headline and the description the dek."""
    article = make_reference_article()

    html = page(client, article.get_absolute_url())

    assert parse_head(html).title.startswith(article.headline + " | ")
    assert meta_values(html, "description") == [article.dek]
    assert meta_values(html, "og:title") == [article.headline]
    assert meta_values(html, "og:description") == [article.dek]
    assert meta_values(html, "twitter:title") == [article.headline]


def test_article_seo_fields_win_over_headline_and_dek(client):
    """SEO title and description replace headline and dek everywhere they are read."""
    article = make_article(
        seo_title="Search headline", seo_description="Search summary."
    )

    html = page(client, article.get_absolute_url())

    assert parse_head(html).title.startswith("Search headline | ")
    assert meta_values(html, "description") == ["Search summary."]
    assert meta_values(html, "og:title") == ["Search headline"]
    assert meta_values(html, "twitter:description") == ["Search summary."]


def test_article_has_one_canonical_link_to_its_dated_address(client):
    """The canonical link is the article's absolute address on SITE_URL."""
    article = make_article()

    html = page(client, article.get_absolute_url())

    assert canonical_links(html) == [SITE + article.get_absolute_url()]
    assert meta_values(html, "og:url") == [SITE + article.get_absolute_url()]


def test_article_open_graph_describes_the_article(client):
    """og:type is article, with times, section, one tag entry per tag and the author pages."""
    article = make_reference_article()

    html = page(client, article.get_absolute_url())

    assert meta_values(html, "og:type") == ["article"]
    assert meta_values(html, "og:site_name") == ["The Meridian Ledger"]
    published = meta_values(html, "article:published_time")
    modified = meta_values(html, "article:modified_time")
    assert published[0].endswith("+00:00") and modified[0].endswith("+00:00")
    assert meta_values(html, "article:section") == ["Politics & Security"]
    assert meta_values(html, "article:tag") == [
        "Ukraine",
        "Japan",
        "Russia",
        "Yoko Kamikawa",
        "Patriot missiles",
    ]
    assert meta_values(html, "article:author") == [
        f"{SITE}/authors/kenji-arata/",
        f"{SITE}/authors/maria-lindqvist/",
    ]


def test_article_image_cards_have_size_and_alt_text(client):
    """The hero appears as og:image with width, height and alt, and as a large Twitter card."""
    article = make_reference_article()

    html = page(client, article.get_absolute_url())

    wide = article.hero.crop("16:9")
    image_url = SITE + wide.url
    assert meta_values(html, "og:image") == [image_url]
    assert meta_values(html, "og:image:width") == [str(wide.width)]
    assert meta_values(html, "og:image:height") == [str(wide.height)]
    assert meta_values(html, "og:image:alt") == [article.hero.alt_text]
    assert meta_values(html, "twitter:card") == ["summary_large_image"]
    assert meta_values(html, "twitter:image") == [image_url]
    assert meta_values(html, "twitter:image:alt") == [article.hero.alt_text]


def test_decorative_hero_has_no_alt_text_in_cards(client):
    """A decorative photo is shared without an alt text."""
    article = make_article(hero=make_photo(is_decorative=True, alt_text=""))

    html = page(client, article.get_absolute_url())

    assert meta_values(html, "og:image:alt") == []
    assert meta_values(html, "twitter:image:alt") == []


def test_article_without_hero_shows_the_logo_in_a_summary_card(client):
    """No photo and no author portrait: the publication's logo, in a small card."""
    article = make_article()

    html = page(client, article.get_absolute_url())

    assert meta_values(html, "twitter:card") == ["summary"]
    [logo] = meta_values(html, "og:image")
    assert "/static/img/logo" in logo and logo.startswith("http")


def test_article_without_hero_shows_its_authors_photo(client):
    """An opinion piece has no hero: its columnist's portrait stands in."""
    columnist = make_author(photo=make_photo())
    article = make_article(authors=[columnist])

    html = page(client, article.get_absolute_url())

    assert meta_values(html, "og:image") == [
        f"{settings.SITE_URL}{columnist.photo.image.url}"
    ]
    assert meta_values(html, "twitter:card") == ["summary"]


def test_quotes_in_a_headline_stay_inside_the_attribute(client):
    """Quotes and angle brackets in the headline are escaped in meta attributes."""
    headline = 'He said "no" <b>twice</b>'
    article = make_article(headline=headline)

    html = page(client, article.get_absolute_url())

    assert meta_values(html, "og:title") == [headline]
    assert "<b>twice" not in html


@pytest.mark.parametrize("kind", ["home", "section", "author"])
def test_listing_pages_have_description_canonical_and_cards(client, kind):
    """Home, section and author pages carry a description, canonical link and OG/Twitter tags."""
    make_section(name="World", slug="world", description="News from abroad.")
    make_author(
        name="Ana Costa", slug="ana-costa", job_title="Reporter", short_bio="Writes."
    )
    url, title, description, og_type = {
        "home": (
            "/",
            "The Meridian Ledger",
            "The latest news from The Meridian Ledger.",
            "website",
        ),
        "section": ("/world/", "World", "News from abroad.", "website"),
        "author": ("/authors/ana-costa/", "Ana Costa, Reporter", "Writes.", "profile"),
    }[kind]

    html = page(client, url)

    assert canonical_links(html) == [SITE + url]
    assert meta_values(html, "description") == [description]
    assert meta_values(html, "og:type") == [og_type]
    assert meta_values(html, "og:title") == [title]
    assert meta_values(html, "twitter:title") == [title]


def test_author_card_uses_the_author_photo(client):
    """An author with a portrait shares it with its size."""
    author = make_author(photo=make_photo())

    html = page(client, author.get_absolute_url())

    assert meta_values(html, "og:image") == [SITE + author.photo.image.url]
    assert meta_values(html, "og:image:width") == ["64"]
    assert meta_values(html, "twitter:card") == ["summary_large_image"]


def test_tag_meta_hook_names_the_tag():
    """The tag page's meta hook gives the tag as title and a description."""
    make_article(tags=["Japan"])
    tag = Tag.objects.get(name="Japan")

    html = Template("{% load distribution %}{% tag_meta tag %}").render(
        Context({"tag": tag})
    )

    assert meta_values(html, "og:title") == ["Japan"]
    assert meta_values(html, "description") == [
        "Articles about Japan at The Meridian Ledger."
    ]
