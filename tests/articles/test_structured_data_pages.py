"""JSON-LD on the other pages: author ProfilePage, collection pages, WebSite, breadcrumbs; and what never reaches it."""

import json

import pytest
from taggit.models import Tag

from articles.distribution import structured_data as sd
from articles.site.caching import cached_chrome
from tests.articles.distribution_helpers import (
    json_ld_objects,
    json_ld_of_type,
    make_reference_article,
    make_unpublished_articles,
)
from tests.articles.test_views_queries import ARTICLE_FIRST_RENDER_BUDGET
from tests.factories import (
    expected_status_of_hidden,
    make_article,
    make_author,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def test_author_page_is_a_profile_page_about_the_person(client):
    """The author's ProfilePage has the Person with title, description, image and links."""
    author = make_author(
        name="Kenji Arata",
        slug="kenji-arata",
        job_title="Diplomatic Correspondent",
        short_bio="Covers Japan's foreign policy from Tokyo.",
        photo=make_photo(),
    )
    author.links.create(kind="x", url="https://x.example/kenji")
    author.links.create(kind="website", url="https://kenji.example/")

    html = client.get(author.get_absolute_url()).content.decode()
    page = json_ld_of_type(html, "ProfilePage")

    person = page["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Kenji Arata"
    assert person["jobTitle"] == "Diplomatic Correspondent"
    assert person["description"] == "Covers Japan's foreign policy from Tokyo."
    assert person["image"]["url"] == SITE + author.photo.image.url
    assert person["sameAs"] == ["https://x.example/kenji", "https://kenji.example/"]
    assert person["url"] == f"{SITE}/authors/kenji-arata/"


def test_section_front_is_a_collection_page(client):
    """A section front describes itself as a CollectionPage."""
    section = make_section(name="Politics & Security", slug="politics-security")

    html = client.get(section.get_absolute_url()).content.decode()
    page = json_ld_of_type(html, "CollectionPage")

    assert page["name"] == "Politics & Security"
    assert page["url"] == f"{SITE}/politics-security/"


def test_home_is_a_website_with_a_search_action(client):
    """The home page's WebSite points its SearchAction at the site search."""
    html = client.get("/").content.decode()
    site = json_ld_of_type(html, "WebSite")

    assert site["url"] == f"{SITE}/"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"


def test_every_page_type_has_breadcrumbs_starting_at_home(client):
    """Home, section, author and article pages each carry a BreadcrumbList from the home page."""
    article = make_reference_article()
    author = article.bylines.first().author
    pages = {
        "/": ["The Meridian Ledger"],
        article.section.get_absolute_url(): [
            "The Meridian Ledger",
            "Politics & Security",
        ],
        author.get_absolute_url(): ["The Meridian Ledger", "Kenji Arata"],
        article.get_absolute_url(): [
            "The Meridian Ledger",
            "Politics & Security",
            article.headline,
        ],
    }

    for url, names in pages.items():
        html = client.get(url).content.decode()
        items = json_ld_of_type(html, "BreadcrumbList")["itemListElement"]
        assert [item["name"] for item in items] == names, url
        assert [item["position"] for item in items] == list(range(1, len(names) + 1))
        assert items[0]["item"] == f"{SITE}/"
        assert items[-1]["item"] == SITE + url


def test_tag_page_data_is_a_collection_page_with_breadcrumbs():
    """A tag page's hook describes a CollectionPage named after the tag."""
    make_article(tags=["Patriot missiles"])
    tag = Tag.objects.get(name="Patriot missiles")

    page = sd.tag_page(tag)
    crumbs = sd.tag_breadcrumbs(tag)

    assert page["@type"] == "CollectionPage" and page["name"] == "Patriot missiles"
    assert [i["name"] for i in crumbs["itemListElement"]] == [
        "The Meridian Ledger",
        "Patriot missiles",
    ]


def test_unpublished_articles_never_reach_structured_data(client):
    """Drafts, scheduled and withdrawn articles appear in no page's JSON-LD and have no page."""
    article = make_reference_article()
    author = article.bylines.first().author
    hidden = make_unpublished_articles(section=article.section, authors=[author])

    for url in ["/", article.section.get_absolute_url(), author.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Secret" not in json.dumps(json_ld_objects(html)), url
    for unpublished in hidden:
        if unpublished.published_at is not None:
            response = client.get(unpublished.get_absolute_url())
            assert response.status_code == expected_status_of_hidden(unpublished)
            assert "Secret" not in response.content.decode()


def test_article_page_with_structured_data_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    """JSON-LD and meta tags reuse the page's prefetched bylines, tags and photo."""
    authors = [make_author(photo=make_photo()) for _ in range(3)]
    article = make_article(
        authors=authors, tags=["a", "b", "c", "d", "e"], hero=make_photo()
    )

    cached_chrome()  # shared by every page, cached apart from articles

    # The first view renders the story part and stores it (test_stored_pages.py).
    with django_assert_max_num_queries(ARTICLE_FIRST_RENDER_BUDGET):
        response = client.get(article.get_absolute_url())

    assert len(json_ld_of_type(response.content.decode(), "NewsArticle")["author"]) == 3
