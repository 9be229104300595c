"""Public pages are drawn inside a frame of the chrome rendered once per chrome version
(articles.site.frames): byte for byte the page the template engine draws whole."""

import pytest
from django.core.cache import cache

from articles.models import Correction
from articles.site import frames
from sections.models import SiteSettings
from tests.factories import (
    add_text,
    make_article,
    make_author,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    SiteSettings.objects.create(
        tagline="Reporting from Tokyo & Kyiv", footer_note="Since <2020>"
    )
    section = make_section(name="Politics & Security", slug="politics-security")
    make_section(name="Defence", slug="defence", parent=section)
    author = make_author(name="Aiko Tanaka", slug="aiko-tanaka", photo=make_photo())
    stories = [
        make_article(
            section=section,
            headline=f"Minister visits Kyiv, day {day}",
            authors=[author],
            tags=["Ukraine", "Japan"],
            hero=make_photo(caption="Arrival at the station."),
        )
        for day in range(1, 4)
    ]
    add_text(stories[0], "<p>The minister arrived by train.</p>")
    Correction.objects.create(
        article=stories[0], text="An earlier version misspelt the station's name."
    )
    return stories


PAGES = [
    "/",
    "/politics-security/",
    "/defence/",
    "/authors/",
    "/authors/aiko-tanaka/",
    "/tags/ukraine/",
    "/search/",
    "/search/?q=minister",
    "/search/?q=nothing-matches-this",
    "/corrections/",
]


def drawn(client, url: str) -> str:
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_framed_page_is_the_page_the_template_draws_whole(
    client, desk, url, monkeypatch
):
    framed = drawn(client, url)
    assert framed == drawn(client, url)  # the second time from the kept frame

    # Without frames: every template rendered whole by the template engine.
    monkeypatch.setattr(frames, "_own_blocks", lambda template: None)
    assert framed == drawn(client, url)


def test_list_pages_share_one_frame_per_current_section(client, desk):
    frames._frames.clear()
    drawn(client, "/")
    drawn(client, "/tags/ukraine/")
    drawn(client, "/search/?q=minister")
    assert len(frames._frames) == 1

    drawn(client, "/politics-security/")
    drawn(client, "/defence/")
    assert len(frames._frames) == 2  # the section's own menu item marked as current


def test_the_page_title_keeps_the_site_name_from_the_base_template(client, desk):
    page = drawn(client, "/tags/ukraine/")
    assert "<title>Ukraine | " in page
    assert "Reporting from Tokyo &amp; Kyiv" in page


def test_a_chrome_change_reaches_list_pages_drawn_from_frames(client, desk):
    drawn(client, "/tags/ukraine/")
    site = SiteSettings.objects.get()
    site.tagline = "Reporting from Tokyo, Kyiv and Brussels"
    site.save()

    assert "Reporting from Tokyo, Kyiv and Brussels" in drawn(client, "/tags/ukraine/")


def test_the_test_client_still_sees_the_page_template_and_its_context(client, desk):
    cache.clear()
    response = client.get("/tags/ukraine/")

    assert "articles/tag_detail.html" in [t.name for t in response.templates]
    assert response.context["tag"].slug == "ukraine"
