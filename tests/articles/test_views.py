"""What each public page shows, and how it answers odd requests."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import ArticleStatus
from articles.site import views
from tests.factories import make_article, make_author, make_photo, make_section
from tests.site_content import build_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """Built for each test here: most tests in this module make rows of their own."""
    return build_newsroom()


def test_home_leads_with_the_newest_story_then_groups_by_section(client, newsroom):
    """The newest article is the lead; the others appear under their top-level section."""
    response = client.get("/")

    assert response.context["lead"] == newsroom.reference
    groups = {section.slug: stories for section, stories in response.context["groups"]}
    assert list(groups) == ["politics-security", "world", "business"]
    headlines = [story.headline for story in groups["politics-security"]]
    # The Diplomacy sub-section's story is grouped with its parent desk.
    assert "Envoys prepare for talks on winter energy aid" in headlines
    assert newsroom.reference not in groups["politics-security"]


def test_section_front_shows_lead_list_and_subsections(client, newsroom):
    """A section front has the section's lead, its list, and links to its sub-sections."""
    response = client.get(newsroom.politics.get_absolute_url())

    assertContains(response, "<h1>Politics &amp; Security</h1>", html=True)
    assert response.context["lead"] == newsroom.reference
    assertContains(response, 'href="/diplomacy/"')
    assertContains(response, "Envoys prepare for talks on winter energy aid")
    assertNotContains(response, "Grain corridor reopens")


def test_section_front_paginates_twenty_a_page(client):
    """Twenty-five articles make two pages; the second has the five oldest."""
    section = make_section(slug="world")
    now = timezone.now()
    for n in range(25):
        make_article(
            section=section,
            headline=f"Story {n:02d}",
            published_at=now - timedelta(hours=n + 1),
        )

    second = client.get("/world/?page=2")

    assert [a.headline for a in second.context["stories"]] == [
        f"Story {n}" for n in range(20, 25)
    ]
    assertContains(second, 'href="?page=1"')


def test_inactive_section_has_no_front(client):
    """A section editors switched off answers 404."""
    make_section(slug="archive", is_active=False)

    assert client.get("/archive/").status_code == 404


def test_article_page_has_labels_breadcrumbs_tags_share_links_and_related(
    client, newsroom
):
    """The article page carries everything around the story a reader expects."""
    response = client.get(newsroom.reference.get_absolute_url())

    assertContains(response, "Published <time datetime=")
    assertContains(response, 'aria-label="Breadcrumb"')
    assertContains(response, 'href="/tags/patriot-missiles/"')
    assertContains(response, "https://bsky.app/intent/compose?text=")
    assertContains(response, "Diplomatic Correspondent")
    assertContains(response, "We stand with Ukraine for as long as it takes.")
    related = response.context["related"]
    assert related and all(article.is_published for article in related)


def test_article_shows_updated_label_after_a_real_revision(client, newsroom):
    """An article revised well after publication says so, with both times."""
    article = newsroom.reference
    article.published_at = timezone.now() - timedelta(days=1)
    article.save()

    response = client.get(article.get_absolute_url())

    assertContains(response, "Updated <time datetime=")


def test_editors_picks_win_over_shared_tags(client, newsroom):
    """When editors chose related articles, only their (published) picks are shown."""
    pick = newsroom.published[4]
    newsroom.reference.related_articles.add(pick)

    response = client.get(newsroom.reference.get_absolute_url())

    assert response.context["related"] == [pick]


def test_related_falls_back_to_articles_sharing_most_tags(client, newsroom):
    """Without editors' picks, the article sharing the most tags comes first."""
    newsroom.reference.related_articles.clear()

    response = client.get(newsroom.reference.get_absolute_url())

    assert (
        response.context["related"][0].headline
        == "Coalition partners split over export rules"
    )


def test_author_index_lists_active_authors_with_their_counts(client, newsroom):
    """The author index lists every active author with the number of published articles."""
    make_author(name="Gone Away", is_active=False)

    response = client.get(reverse("articles:author_index"))

    assertContains(response, "Kenji Ono")
    assertContains(response, "Mara Lindqvist")
    assertNotContains(response, "Gone Away")
    counts = {
        author.slug: author.article_count for author in response.context["authors"]
    }
    assert counts["kenji-ono"] == 4


def test_author_page_has_photo_bio_links_and_articles(client, newsroom):
    """The author page shows the full bio, public links and the author's articles."""
    response = client.get(newsroom.lead_author.get_absolute_url())

    assertContains(response, "research fellow at a university institute")
    assertContains(response, 'href="https://example.org/kenji"')
    assertContains(response, 'alt="Portrait of Kenji Ono"')
    assertContains(response, newsroom.reference.headline.replace("'", "&#x27;"))


def test_tag_page_lists_published_articles_with_the_tag(client, newsroom):
    """The tag page lists the articles tagged with it, and only those."""
    response = client.get(reverse("articles:tag", args=["japan"]))

    headlines = {article.headline for article in response.context["page"]}
    assert "Shipbuilders win orders for patrol vessels" in headlines
    assert "Grain corridor reopens after weeks of shelling" not in headlines
    assert response.context["tag"].name == "Japan"


def test_tag_used_only_by_drafts_is_not_public(client):
    """A tag no published article carries answers 404."""
    make_article(status=ArticleStatus.DRAFT, published_at=None, tags=["Secret plan"])

    assert client.get("/tags/secret-plan/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=0",
        "?page=99999",
        "?page=-1",
        "?page=1.5",
        "?page=%C2%B2",
        "?page=" + "9" * 40,
    ],
)
@pytest.mark.parametrize(
    "path",
    [
        "/politics-security/",
        "/authors/kenji-ono/",
        "/tags/ukraine/",
        "/search/?q=ukraine&x=1",
        "/corrections/",
    ],
)
def test_bad_page_numbers_are_404_not_errors(client, newsroom, path, query):
    """Page numbers that are not an existing page answer 404."""
    separator = "&" if "?" in path else "?"
    response = client.get(path + separator + query.lstrip("?"))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/politics-security/2024/13/01/japan-foreign-minister-kyiv-visit/",
        "/politics-security/2024/02/30/japan-foreign-minister-kyiv-visit/",
        "/politics-security/2024/00/10/japan-foreign-minister-kyiv-visit/",
        "/politics-security/24/01/07/japan-foreign-minister-kyiv-visit/",
        "/politics-security/2024/1/7/japan-foreign-minister-kyiv-visit/",
        "/politics-security/abcd/01/07/japan-foreign-minister-kyiv-visit/",
        "/politics-security/2024/01/07/no-such-story/",
        "/no-such-section/2024/01/07/japan-foreign-minister-kyiv-visit/",
        "/no-such-section/",
        "/authors/nobody/",
        "/tags/no-such-tag/",
    ],
)
def test_unknown_addresses_and_malformed_dates_are_404(client, newsroom, path):
    """Unknown slugs and impossible dates answer the styled 404 page."""
    response = client.get(path)

    assert response.status_code == 404
    assertContains(response, "We could not find that page", status_code=404)


def test_article_under_another_date_redirects_to_its_address(client, newsroom):
    """The right slug under a wrong (but valid) date answers 301 to the real address."""
    response = client.get(
        "/politics-security/2001/01/01/japan-foreign-minister-kyiv-visit/"
    )

    assert response.status_code == 301
    assert response["Location"] == newsroom.reference.get_absolute_url()


@pytest.mark.parametrize("change", ["slug", "section", "date"])
def test_every_old_address_redirects_after_a_change(client, newsroom, change):
    """Changing slug, section or date keeps every earlier address alive as a 301."""
    article = newsroom.reference
    addresses = [article.get_absolute_url()]
    for step in range(2):
        if change == "slug":
            article.slug = f"new-slug-{step}"
        elif change == "section":
            article.section = make_section(slug=f"moved-{step}")
        else:
            article.published_at -= timedelta(days=3)
        article.save()
        addresses.append(article.get_absolute_url())

    for old in addresses[:-1]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == addresses[-1]
    assert client.get(addresses[-1]).status_code == 200


def test_renamed_section_keeps_its_article_addresses(client, newsroom):
    """Renaming a section's slug redirects its published articles' old addresses."""
    old = newsroom.reference.get_absolute_url()
    newsroom.politics.slug = "politics"
    newsroom.politics.save()
    newsroom.reference.refresh_from_db()

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == newsroom.reference.get_absolute_url()
    assert response["Location"].startswith("/politics/")


def test_old_address_of_an_unpublished_article_is_404(client, newsroom):
    """A redirect never leads a reader to an article that was taken down."""
    article = newsroom.reference
    old = article.get_absolute_url()
    article.slug = "renamed"
    article.save()
    article.status = ArticleStatus.UNPUBLISHED
    article.save()

    assert client.get(old).status_code == 404


def test_staff_preview_an_unpublished_article_uncached(editor_client, newsroom):
    """Editors see a draft at its address, marked as a preview, never cacheable."""
    draft = newsroom.hidden[1]

    response = editor_client.get(draft.get_absolute_url())

    assertContains(response, "Preview: readers cannot see this article yet")
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_200_when_the_database_answers(client):
    """The health check answers 200 and is never cached."""
    response = client.get(reverse("articles:healthz"))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_500_page_stands_alone(client, settings):
    """The 500 page renders without the database and points readers home."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert 'href="/"' in html


def test_inactive_author_has_no_page_and_no_link(client, newsroom):
    """An inactive author keeps the byline name but loses the page and the link."""
    newsroom.lead_author.is_active = False
    newsroom.lead_author.save()

    assert client.get("/authors/kenji-ono/").status_code == 404
    response = client.get(newsroom.reference.get_absolute_url())
    assertContains(response, "Kenji Ono")
    assertNotContains(response, 'href="/authors/kenji-ono/"')


def test_photos_carry_their_dimensions(client):
    """Every photo on a card is printed with width and height, so nothing shifts."""
    make_article(hero=make_photo())

    response = client.get("/")

    assertContains(response, 'width="64" height="48"')


def test_author_index_counts_each_author_up_to_a_cap(client, monkeypatch):
    cache.clear()
    prolific = make_author(name="Prolific Writer")
    occasional = make_author(name="Occasional Writer")
    for _ in range(3):
        make_article(authors=[prolific])
    make_article(authors=[occasional])
    monkeypatch.setattr(views, "AUTHOR_COUNT_CAP", 2)

    response = client.get(reverse("articles:author_index"))

    assertContains(response, "2+ articles")
    assertContains(response, "1 article<")


def test_author_index_is_paginated_by_name(client, monkeypatch):
    cache.clear()
    for name in ["Ana Alves", "Ben Brook", "Cho Chen"]:
        make_author(name=name)
    monkeypatch.setattr(views, "AUTHORS_PER_PAGE", 2)

    first = client.get(reverse("articles:author_index"))
    second = client.get(reverse("articles:author_index"), {"page": 2})

    assertContains(first, "Ben Brook")
    assertNotContains(first, "Cho Chen")
    assertContains(first, 'rel="next" href="?page=2"')
    assertContains(second, "Cho Chen")
    assert client.get(reverse("articles:author_index"), {"page": 3}).status_code == 404
