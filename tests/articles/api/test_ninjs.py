import io

import pytest
from django.core.management import call_command

from articles.api.ninjs_schemas import NINJS_VERSION
from tests.articles.api.ninjs_rules import problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    call_command("load_demo", "--photo-width", "160", stdout=io.StringIO())
    from demo.desk import reference_article

    return reference_article()


def test_reference_article_is_valid_ninjs_with_its_photos(client, reference):
    """The demo's reference story is a valid ninjs 3.2 document whose body photos carry
    their captions and agency credits."""
    response = client.get(f"/api/v1/ninjs/articles/{reference.pk}")

    document = response.json()
    assert response.status_code == 200
    assert problems(document) == []
    assert document["standard"]["version"] == NINJS_VERSION == "3.2"
    inline = [a for a in document["associations"] if a["rel"] == "inline"]
    assert len(inline) == 3
    descriptions = [{d["role"]: d["value"] for d in a["descriptions"]} for a in inline]
    assert [d["credit"] for d in descriptions] == [
        "©Kyodo",
        "©Kyodo",
        "Ukrainian Foreign Ministry/Handout via REUTERS",
    ]
    assert all(d["caption"].endswith("Kyiv, January 7, 2024.") for d in descriptions)
    assert all(a["usageTerms"] and a["copyrightNotice"] for a in inline)
    hero = next(a for a in document["associations"] if a["rel"] == "hero")
    assert (
        "Ukrainian Presidential Press Service/Handout via REUTERS" in hero["usageTerms"]
    )


def test_ninjs_maps_story_fields_to_their_properties(client, story):
    """Headline, dek, bylines, dateline, tags, body and dates land where ninjs wants them."""
    document = client.get(f"/api/v1/ninjs/articles/{story.pk}").json()

    assert problems(document) == []
    assert document["uri"].startswith("http")
    assert document["pubStatus"] == "usable"
    assert document["headlines"][0] == {
        "role": "main",
        "contentType": "text/plain",
        "value": story.headline,
    }
    assert document["headlines"][1]["value"] == story.dek
    assert (
        document["by"]
        == "Kenji Ono, Diplomatic Correspondent and Ana Ruiz, Staff Writer"
    )
    assert [p["name"] for p in document["people"]] == ["Kenji Ono", "Ana Ruiz"]
    assert document["located"] == "KYIV"
    assert {s["name"] for s in document["subjects"] if s["rel"] == "about"} == {
        "Ukraine",
        "Japan",
    }
    body = document["bodies"][0]
    assert body["contentType"] == "text/html"
    assert "<h2>Seeking air defence</h2>" in body["value"]
    assert "<figure>" in body["value"] and "<blockquote>" in body["value"]
    assert body["wordCount"] == len(
        [
            "First",
            "paragraph.",
            "Seeking",
            "air",
            "defence",
            "We",
            "stand",
            "with",
            "Ukraine.",
        ]
    )
    assert document["firstCreated"] and document["versionCreated"]


def test_the_rules_catch_what_ninjs_forbids():
    """The checker itself refuses a missing uri, 1.x spellings and wrong types."""
    assert problems({"versioncreated": "2024-01-07T10:00:00Z"}) == [
        "uri: required",
        "versioncreated: not a ninjs property",
    ]
    assert problems({"uri": "x", "pubStatus": "live"}) == [
        "uri: not a URI",
        "pubStatus: 'live' not one of ['canceled', 'usable', 'withheld']",
    ]
    assert problems(
        {"uri": "https://e.org/1", "associations": [{"uri": "https://e.org/p"}]}
    ) == ["associations[0].name: required"]


def test_ninjs_feed_pages_by_last_change(client, settings, story):
    """The ninjs list is a page of documents, each valid on its own."""
    data = client.get("/api/v1/ninjs/articles").json()

    assert [item["uri"] for item in data["items"]] == [
        f"{settings.SITE_URL}/api/v1/ninjs/articles/{story.pk}"
    ]
    assert all(problems(item) == [] for item in data["items"])
