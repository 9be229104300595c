from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import ArticleStatus, Correction
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def test_article_detail_carries_every_part_of_the_story(client, story):
    """The detail has bylines with roles, the hero with renditions and the body in order."""
    response = client.get(f"/api/v1/articles/{story.pk}")

    assert response.status_code == 200
    data = response.json()
    assert data["headline"] == story.headline
    assert data["dateline"] == "KYIV"
    assert [(b["name"], b["role"]) for b in data["bylines"]] == [
        ("Kenji Ono", "Diplomatic Correspondent"),
        ("Ana Ruiz", "Staff Writer"),
    ]
    assert data["bylines"][0]["author_url"].endswith(
        "/authors/" + story.bylines.first().author.slug + "/"
    )
    assert data["hero"]["credit"] == "Presidential Press Service/Handout via REUTERS"
    assert {r["format"] for r in data["hero"]["renditions"]} >= {"webp", "jpeg"}
    assert {r["crop"] for r in data["hero"]["renditions"]} == {
        "full",
        "16:9",
        "4:3",
        "1:1",
    }
    assert [block["type"] for block in data["body"]] == [
        "rich_text",
        "photo",
        "pull_quote",
    ]
    assert data["body"][1]["photo"]["caption"] == "Override caption, Kyiv."
    assert data["body"][2]["attribution"] == "Yoko Kamikawa"
    assert {tag["slug"] for tag in data["tags"]} == {"ukraine", "japan"}
    assert data["canonical_url"].endswith(story.get_absolute_url())


def test_rich_text_is_the_sanitised_html(client):
    """Script smuggled into a text block never reaches the API."""
    from tests.factories import add_text

    article = make_article()
    add_text(article, "<p>Safe<script>alert(1)</script></p>")

    body = client.get(f"/api/v1/articles/{article.pk}").json()["body"]

    assert "script" not in body[0]["html"]


def test_corrections_are_listed_with_the_article(client, story):
    """A correction note appears on the story it corrects."""
    Correction.objects.create(article=story, text="The date was 7 January.")

    data = client.get(f"/api/v1/articles/{story.pk}").json()

    assert data["corrections"][0]["text"] == "The date was 7 January."


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ArticleStatus.DRAFT, "published_at": None},
        {"status": ArticleStatus.IN_REVIEW, "published_at": None},
        {"status": ArticleStatus.UNPUBLISHED},
        {"published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "in-review", "unpublished", "scheduled"],
)
def test_hidden_articles_answer_404_and_stay_out_of_lists(client, fields):
    """Drafts, stories in review, withdrawn and scheduled stories are invisible."""
    if fields.get("status") == ArticleStatus.UNPUBLISHED:
        fields["published_at"] = timezone.now() - timedelta(days=1)
    hidden = make_article(**fields)

    detail = client.get(f"/api/v1/articles/{hidden.pk}")
    listing = client.get("/api/v1/articles").json()

    assert detail.status_code == 404
    assert detail.json() == {"message": "No published article with this id."}
    assert hidden.pk not in [item["id"] for item in listing["items"]]


def test_list_filters_by_section_author_and_tag(client):
    """Each filter keeps only the stories it names."""
    desk = make_section(slug="politics-security")
    writer = make_author(slug="kenji-ono")
    match = make_article(section=desk, authors=[writer], tags=["Japan"])
    make_article(section=desk, tags=["Japan"])
    make_article(authors=[writer], tags=["Japan"])

    response = client.get(
        "/api/v1/articles",
        {"section": "politics-security", "author": "kenji-ono", "tag": "japan"},
    )

    assert [item["id"] for item in response.json()["items"]] == [match.pk]


def test_list_filters_by_time(client):
    """published_since and updated_since leave out older stories."""
    now = timezone.now()
    old = make_article(published_at=now - timedelta(days=3))
    new = make_article(published_at=now - timedelta(hours=1))

    since = (now - timedelta(days=1)).isoformat()
    published = client.get("/api/v1/articles", {"published_since": since}).json()

    assert [item["id"] for item in published["items"]] == [new.pk]
    assert old.pk not in [item["id"] for item in published["items"]]


def test_cursor_pages_stay_stable_while_stories_are_published(client, settings):
    """A story published between two page requests does not shift the second page."""
    now = timezone.now()
    stories = [make_article(published_at=now - timedelta(hours=n)) for n in range(1, 6)]

    first = client.get("/api/v1/articles", {"limit": 2}).json()
    make_article(published_at=now - timedelta(minutes=1))
    second = client.get(
        "/api/v1/articles", {"limit": 2, "cursor": first["next_cursor"]}
    ).json()
    third = client.get(first["next_url"].removeprefix(settings.SITE_URL)).json()

    assert [item["id"] for item in first["items"]] == [stories[0].pk, stories[1].pk]
    assert [item["id"] for item in second["items"]] == [stories[2].pk, stories[3].pk]
    assert third["items"] == second["items"]


def test_ordering_by_last_change(client):
    """order=updated puts the story edited last first."""
    edited = make_article(published_at=timezone.now() - timedelta(days=2))
    make_article()
    edited.dek = "A corrected dek."
    edited.save()

    data = client.get("/api/v1/articles", {"order": "updated"}).json()

    assert data["items"][0]["id"] == edited.pk


def test_a_tampered_cursor_is_a_400_with_a_message(client):
    """A cursor the API did not issue is refused, not guessed at."""
    response = client.get("/api/v1/articles", {"cursor": "not-a-cursor"})

    assert response.status_code == 400
    assert "cursor" in response.json()["message"]


def test_invalid_parameters_are_a_400_with_a_message(client):
    """A limit out of range is a 400 naming the parameter."""
    response = client.get("/api/v1/articles", {"limit": 1000})

    assert response.status_code == 400
    assert response.json()["message"] == "Some parameters are not valid."
    assert response.json()["errors"][0]["loc"][-1] == "limit"


def test_tags_lists_only_tags_of_published_stories(client):
    """A tag that only a draft carries is not public yet."""
    make_article(tags=["Ukraine"])
    make_article(tags=["Secret plan"], status=ArticleStatus.DRAFT, published_at=None)

    names = [tag["name"] for tag in client.get("/api/v1/tags").json()["items"]]

    assert names == ["Ukraine"]


def test_tags_come_a_page_at_a_time_with_a_link_to_the_next(client):
    """Name order, `limit` per page, and `next_url` until the last page."""
    make_article(tags=["Delta", "Alpha"])
    make_article(tags=["Charlie", "Bravo", "Echo"])

    pages, url = [], "/api/v1/tags?limit=2"
    while url:
        data = client.get(url).json()
        pages.append([tag["name"] for tag in data["items"]])
        url = data["next_url"]
        assert (url is None) == (data["next_cursor"] is None)

    assert pages == [["Alpha", "Bravo"], ["Charlie", "Delta"], ["Echo"]]


def test_tags_page_refuses_a_foreign_cursor_and_an_unbounded_limit(client):
    """A cursor of another list (or a made-up one) and a limit over 500 are 400s."""
    make_article(tags=["Alpha", "Bravo"])
    make_article(tags=["Charlie"])
    articles_cursor = client.get("/api/v1/articles?limit=1").json()["next_cursor"]

    for query in (f"cursor={articles_cursor}", "cursor=made-up", "limit=501"):
        response = client.get(f"/api/v1/tags?{query}")
        assert response.status_code == 400
        assert response.json()["message"]


def test_sections_and_authors_are_listed(client):
    """Active sections and authors are listed with bios and links; inactive ones are not."""
    make_section(name="Politics & Security", slug="politics-security")
    make_section(name="Hidden", slug="hidden", is_active=False)
    author = make_author(name="Kenji Ono", short_bio="Covers Japan's diplomacy.")
    author.links.create(kind="website", url="https://example.org/kenji")
    make_author(name="Gone", is_active=False)

    sections = client.get("/api/v1/sections").json()
    authors = client.get("/api/v1/authors").json()

    assert [s["slug"] for s in sections] == ["politics-security"]
    assert [a["name"] for a in authors] == ["Kenji Ono"]
    assert authors[0]["short_bio"] == "Covers Japan's diplomacy."
    assert authors[0]["links"] == [
        {"kind": "website", "url": "https://example.org/kenji"}
    ]


@pytest.mark.parametrize(
    "when, status",
    [
        ("7141-02-12T09:55:39+16:51", 200),  # far future, odd offset: compared in UTC
        ("2024-01-07T09:00:00", 200),  # no offset: read as UTC
        ("0001-01-01T00:00:00+01:00", 400),  # before year 1 in UTC
    ],
)
def test_time_filters_answer_every_iso_time_without_failing(client, when, status):
    """Any ISO 8601 time is compared in UTC; one the database cannot hold is a 400."""
    response = client.get("/api/v1/articles", {"published_since": when})

    assert response.status_code == status
    if status == 400:
        assert "message" in response.json()


@pytest.mark.parametrize("field", ["section", "author", "tag"])
def test_a_filter_that_is_not_a_slug_is_a_400(client, field):
    """A NUL byte never reaches the database: the filter is refused with a message."""
    response = client.get("/api/v1/articles", {field: "world\x00"})

    assert response.status_code == 400
    assert "message" in response.json()
