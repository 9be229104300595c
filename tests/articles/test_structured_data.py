"""JSON-LD NewsArticle on the article page: every property, bylines, photos, safety."""

import io
import json
import re
from datetime import datetime
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from articles.distribution import structured_data as sd
from articles.templatetags.distribution import json_ld_script
from demo.desk import reference_article
from tests.articles.distribution_helpers import (
    json_ld_objects,
    json_ld_of_type,
    make_reference_article,
    parse_head,
)
from tests.factories import (
    make_article,
    make_author,
    make_photo,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
ARTICLE_PROPERTIES = {
    "headline",
    "description",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
    "articleSection",
    "keywords",
    "dateline",
    "isAccessibleForFree",
}


def article_json_ld(client, article) -> dict:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return json_ld_of_type(response.content.decode(), "NewsArticle")


def has_offset(value: str) -> bool:
    return datetime.fromisoformat(value).utcoffset() is not None


def test_news_article_has_every_property(client):
    """The article's NewsArticle carries every property search engines read."""
    article = make_reference_article()

    data = article_json_ld(client, article)

    assert data.keys() >= ARTICLE_PROPERTIES
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.headline
    assert data["description"] == article.dek
    assert data["articleSection"] == "Politics & Security"
    assert data["keywords"] == [
        "Ukraine",
        "Japan",
        "Russia",
        "Yoko Kamikawa",
        "Patriot missiles",
    ]
    assert data["dateline"] == "KYIV"
    assert data["isAccessibleForFree"] is True
    url = SITE + article.get_absolute_url()
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}


def test_news_article_dates_carry_their_time_zone(client):
    """datePublished and dateModified are ISO 8601 with an offset, modified never before published."""
    article = make_reference_article()

    data = article_json_ld(client, article)

    assert has_offset(data["datePublished"]) and has_offset(data["dateModified"])
    published = datetime.fromisoformat(data["datePublished"])
    assert published == article.published_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["dateModified"]) >= published


def test_reference_article_names_its_correspondent_and_credits_its_photo(client):
    """The Kyiv story's author is a Diplomatic Correspondent and its hero carries the agency credit."""
    article = make_reference_article()

    data = article_json_ld(client, article)

    assert data["author"][0] == {
        "@type": "Person",
        "name": "Kenji Arata",
        "jobTitle": "Diplomatic Correspondent",
        "url": f"{SITE}/authors/kenji-arata/",
    }
    assert {image["creditText"] for image in data["image"]} == {
        "Ukrainian Presidential Press Service/Handout via REUTERS"
    }


def test_hero_is_given_as_three_crops_with_caption_and_rights(client):
    """Three ImageObjects (16:9, 4:3, 1:1) each carry caption, credit, copyright and creator."""
    article = make_reference_article()

    images = article_json_ld(client, article)["image"]

    assert len(images) == 3
    for image in images:
        assert image["@type"] == "ImageObject"
        assert image["url"].startswith(f"{SITE}/media/")
        assert image["width"] and image["height"]
        assert image["caption"] == article.hero.caption
        assert image["copyrightNotice"] == article.hero.copyright_notice
        assert image["creator"] == {
            "@type": "Person",
            "name": "Press Service Photographer",
        }


def test_hero_overrides_win_over_the_library_caption_and_credit(client):
    """Caption and credit set on the article replace the photo library's in every crop."""
    article = make_reference_article(
        hero_caption="A caption written for this story.", hero_credit="Pool photo"
    )

    images = article_json_ld(client, article)["image"]

    assert {(i["caption"], i["creditText"]) for i in images} == {
        ("A caption written for this story.", "Pool photo")
    }


def test_photo_crops_use_stored_crops_when_the_photo_offers_them():
    """A photo that can crop itself supplies each ratio's own address and size."""
    photo = make_photo()
    sizes = {"16:9": (1600, 900), "4:3": (1200, 900), "1:1": (900, 900)}
    photo.crop = lambda ratio: SimpleNamespace(
        url=f"/media/crops/{ratio.replace(':', 'x')}.jpg",
        width=sizes[ratio][0],
        height=sizes[ratio][1],
    )

    crops = sd.photo_crops(photo)

    assert [(c["url"], c["width"], c["height"]) for c in crops] == [
        (f"{SITE}/media/crops/16x9.jpg", 1600, 900),
        (f"{SITE}/media/crops/4x3.jpg", 1200, 900),
        (f"{SITE}/media/crops/1x1.jpg", 900, 900),
    ]


def test_photo_crops_are_the_stored_renditions_at_each_ratio():
    """Each ratio points at its own stored crop, with that crop's real size."""
    photo = make_photo()

    crops = sd.photo_crops(photo)

    assert [c["ratio"] for c in crops] == ["16:9", "4:3", "1:1"]
    for crop in crops:
        stored = photo.crop(crop["ratio"])
        assert (crop["url"], crop["width"], crop["height"]) == (
            SITE + stored.url,
            stored.width,
            stored.height,
        )
    widths_over_heights = [round(c["width"] / c["height"], 1) for c in crops]
    assert widths_over_heights == [1.8, 1.3, 1.0]


def test_every_byline_is_its_own_person_in_byline_order(client):
    """Four bylines give four Persons, in order, whose names hold only the name."""
    authors = [
        make_author(name=f"Writer {n}", job_title=f"Title {n}") for n in range(4)
    ]
    article = make_article(authors=authors[::-1])

    people = article_json_ld(client, article)["author"]

    assert [p["name"] for p in people] == [
        "Writer 3",
        "Writer 2",
        "Writer 1",
        "Writer 0",
    ]
    assert [p["jobTitle"] for p in people] == [
        "Title 3",
        "Title 2",
        "Title 1",
        "Title 0",
    ]
    assert all(p["@type"] == "Person" for p in people)
    assert [p["url"] for p in people] == [
        SITE + a.get_absolute_url() for a in authors[::-1]
    ]


def test_job_title_is_the_one_printed_in_the_byline(client):
    """A later promotion does not rewrite the title an old article was bylined with."""
    author = make_author(job_title="Diplomatic Correspondent")
    article = make_article(authors=[author])
    author.job_title = "Foreign Editor"
    author.save()

    (person,) = article_json_ld(client, article)["author"]

    assert person["jobTitle"] == "Diplomatic Correspondent"


def test_inactive_author_is_named_without_a_link(client):
    """An author without a public page keeps the byline but gets no url."""
    article = make_article(authors=[make_author(name="Former Writer", is_active=False)])

    (person,) = article_json_ld(client, article)["author"]

    assert person == {
        "@type": "Person",
        "name": "Former Writer",
        "jobTitle": "Staff Writer",
    }


def test_publisher_is_a_news_media_organization_with_a_logo(client, settings):
    """The publisher carries the newsroom's name, address and logo from settings."""
    settings.NEWSROOM_NAME = "The Evening Meridian"
    article = make_article()

    publisher = article_json_ld(client, article)["publisher"]

    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "The Evening Meridian"
    assert publisher["url"] == f"{SITE}/"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/static/img/logo.png",
        "width": 600,
        "height": 60,
    }


def test_article_without_hero_or_dateline_omits_the_dateline_and_shows_the_logo(client):
    """A missing dateline is left out; a missing hero is replaced by the publication logo."""
    article = make_article(dateline="")

    data = article_json_ld(client, article)

    assert "dateline" not in data
    [image] = data["image"]
    assert image["url"] == data["publisher"]["logo"]["url"]


def test_script_in_a_headline_stays_inert(client):
    """A headline ending the script element is escaped inside JSON-LD and meta tags alike."""
    hostile = "Breaking </script><script>alert(1)</script> & more"
    article = make_reference_article(headline=hostile, dek=hostile)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    objects = json_ld_objects(html)
    assert parse_head(html).script_count == len(objects)
    assert json_ld_of_type(html, "NewsArticle")["headline"] == hostile
    breadcrumbs = json_ld_of_type(html, "BreadcrumbList")["itemListElement"]
    assert breadcrumbs[-1]["name"] == hostile


def test_json_ld_escapes_every_character_that_could_end_the_script():
    """<, >, & and line separators leave the serialised text, and the data reads back unchanged."""
    data = {"text": "a </script> <!-- & \u2028 \u2029 b"}

    html = str(json_ld_script(data))
    body = html.removeprefix('<script type="application/ld+json">').removesuffix(
        "</script>"
    )

    assert not re.search("[<>&\u2028\u2029]", body)
    assert json.loads(body) == data


def test_corrections_are_left_out_until_the_article_has_any(client):
    """Without corrections there is no correction property."""
    article = make_article()

    assert "correction" not in article_json_ld(client, article)


def test_demo_reference_article_names_its_diplomatic_correspondent(client):
    """After load_demo, the Kyiv story's JSON-LD names a Diplomatic Correspondent and credits its hero."""
    call_command("load_demo", photo_width=160, stdout=io.StringIO())
    article = reference_article()

    data = article_json_ld(client, article)

    assert "Diplomatic Correspondent" in [p.get("jobTitle") for p in data["author"]]
    assert len(data["image"]) == 3
    assert all(image["creditText"] for image in data["image"])
    assert data.keys() >= ARTICLE_PROPERTIES
