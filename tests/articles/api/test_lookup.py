import pytest

from articles.models import ArticleStatus
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def lookup(client, url):
    return client.get("/api/v1/lookup", {"url": url})


def test_an_article_address_gives_the_article(client, settings, story):
    """An absolute or relative article address returns the story itself."""
    absolute = lookup(client, settings.SITE_URL + story.get_absolute_url()).json()
    relative = lookup(client, story.get_absolute_url()).json()

    assert absolute["kind"] == relative["kind"] == "article"
    assert absolute["article"]["id"] == story.pk
    assert absolute["api_url"].endswith(f"/api/v1/articles/{story.pk}")


def test_an_old_article_address_follows_its_redirect(client, story):
    """After a slug change the old address still finds the story."""
    old = story.get_absolute_url()
    story.slug = "a-new-slug"
    story.save()

    data = lookup(client, old).json()

    assert data["article"]["id"] == story.pk


def test_section_author_and_tag_pages(client):
    """Fronts, author pages and tag pages name what they are and where their list is."""
    section = make_section(slug="politics-security")
    author = make_author(slug="kenji-ono")
    make_article(section=section, authors=[author], tags=["Japan"])

    assert (
        lookup(client, "/politics-security/").json()["section"]["slug"]
        == "politics-security"
    )
    assert lookup(client, "/authors/kenji-ono/").json()["author"]["slug"] == "kenji-ono"
    tag = lookup(client, "/tags/japan/").json()
    assert tag["kind"] == "tag"
    assert tag["api_url"].endswith("/api/v1/articles?tag=japan")


def test_hidden_and_unknown_addresses_are_404(client):
    """A draft's address, a draft-only tag and an unknown path all answer 404."""
    draft = make_article(status=ArticleStatus.DRAFT, published_at=None, tags=["Secret"])
    scheduled_day = make_article(status=ArticleStatus.DRAFT, published_at=None)

    for url in [
        f"/{draft.section.slug}/2024/01/07/{draft.slug}/",
        f"/{scheduled_day.section.slug}/2024/13/40/{scheduled_day.slug}/",
        "/tags/secret/",
        "/no-such-page/at/all/",
        "",
    ]:
        response = lookup(client, url)
        assert response.status_code == 404, url
        assert response.json()["message"]
