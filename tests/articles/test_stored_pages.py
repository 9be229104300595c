"""An article page's story part is rendered once, stored, and deleted by any change to
what it shows (articles.site.stored_pages); the chrome is read from its snapshot."""

import pickle
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import ArticleStatus, Correction, StoredPage, StoredPageKeyChange
from articles.site import frames, stored_pages
from articles.site.caching import site_state
from sections.chrome import load_chrome
from sections.models import ChromeSnapshot, SiteSettings
from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section(name="Politics & Security", slug="politics-security")
    author = make_author(name="Aiko Tanaka", photo=make_photo())
    article = make_article(
        section=section,
        headline="Minister visits Kyiv",
        authors=[author],
        tags=["Ukraine", "Japan"],
        hero=make_photo(caption="Arrival at the station."),
    )
    add_text(article, "<p>The minister arrived by train.</p>")
    return article


def read(client, article) -> str:
    """The page as an anonymous reader gets it on a cache miss."""
    cache.clear()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_view_stores_the_story_part_and_later_misses_read_it(
    client, story, django_assert_max_num_queries
):
    first = read(client, story)
    assert StoredPage.objects.filter(article=story).exists()

    cache.clear()
    with django_assert_max_num_queries(3):  # chrome snapshot, schedule, article + page
        again = client.get(story.get_absolute_url()).content.decode()

    assert again == first
    assert "The minister arrived by train." in again


def test_the_stored_page_carries_the_same_surrogate_keys(client, story):
    cache.clear()
    first = client.get(story.get_absolute_url())
    cache.clear()
    again = client.get(story.get_absolute_url())
    assert again["Surrogate-Key"] == first["Surrogate-Key"]
    assert f"article-{story.pk}" in again["Surrogate-Key"].split()


def test_editing_the_story_shows_the_edit(client, story):
    read(client, story)
    story.dek = "A new dek after the trip."
    story.save()
    assert "A new dek after the trip." in read(client, story)


def test_a_renamed_author_shows_on_their_stories(client, story):
    read(client, story)
    author = story.bylines.get().author
    author.name = "Aiko Tanaka-Smith"
    author.save()
    assert "Aiko Tanaka-Smith" in read(client, story)


def test_a_changed_hero_caption_shows(client, story):
    read(client, story)
    story.hero.caption = "Leaving the station at dawn."
    story.hero.save()
    assert "Leaving the station at dawn." in read(client, story)


def test_a_changed_body_photo_shows(client, story):
    photo = make_photo(caption="First caption.")
    add_photo_block(story, photo, ordering=2)
    assert "First caption." in read(client, story)
    photo.caption = "Second caption."
    photo.save()
    assert "Second caption." in read(client, story)


def test_a_correction_shows(client, story):
    read(client, story)
    Correction.objects.create(
        article=story, text="An earlier version misspelled the station's name."
    )
    assert "misspelled the station" in read(client, story)


def test_a_renamed_tag_and_section_show(client, story):
    read(client, story)
    tag = story.tags.get(name="Japan")
    tag.name = "Japan (diplomacy)"
    tag.save()
    section = story.section
    section.name = "Politics and Security"
    section.save()
    page = read(client, story)
    assert "Japan (diplomacy)" in page
    assert "Politics and Security" in page


def test_an_unpublished_related_story_leaves_the_related_box(client, story):
    other = make_article(section=story.section, headline="Aid convoy reaches Kharkiv")
    story.related_articles.add(other)
    assert "Aid convoy reaches Kharkiv" in read(client, story)

    other.status = ArticleStatus.DRAFT
    other.published_at = None
    other.save()

    assert "Aid convoy reaches Kharkiv" not in read(client, story)


def test_drafts_and_scheduled_stories_are_never_stored(client, editor_client, story):
    draft = make_article(
        section=story.section, status=ArticleStatus.DRAFT, published_at=None
    )
    scheduled = make_article(
        section=story.section, published_at=timezone.now() + timedelta(hours=2)
    )
    for article in (draft, scheduled):
        cache.clear()
        editor_client.get(article.get_absolute_url())
    assert not StoredPage.objects.filter(article__in=[draft, scheduled]).exists()


def test_pages_made_by_other_templates_are_rendered_again(client, story):
    read(client, story)
    StoredPage.objects.filter(article=story).update(
        fingerprint="made-by-older-templates", main_html="<p>Old layout</p>"
    )
    page = read(client, story)
    assert "Old layout" not in page
    assert StoredPage.objects.get(article=story).fingerprint == (
        stored_pages.fingerprint()
    )


def test_a_page_rendered_before_a_concurrent_change_is_not_stored(client, story):
    """Rows read before a change committed may be stale: serve them once, keep nothing."""
    StoredPageKeyChange.objects.create(
        key=f"article-{story.pk}", changed_at=timezone.now() + timedelta(seconds=1)
    )
    assert "Minister visits Kyiv" in read(client, story)
    assert not StoredPage.objects.filter(article=story).exists()


def test_a_change_outside_a_transaction_is_recorded_for_concurrent_renders(story):
    stored_pages.forget({"photo-1", f"article-{story.pk}"})
    assert set(StoredPageKeyChange.objects.values_list("key", flat=True)) >= {
        "photo-1",
        f"article-{story.pk}",
    }


def test_the_chrome_is_read_from_its_snapshot_and_follows_changes(
    client, story, django_assert_max_num_queries
):
    site = SiteSettings.objects.create(tagline="Reporting from Tokyo and Kyiv")
    read(client, story)
    assert ChromeSnapshot.objects.exists()

    site.tagline = "Reporting from Tokyo, Kyiv and Brussels"
    site.save()

    assert not ChromeSnapshot.objects.exists()
    assert "Reporting from Tokyo, Kyiv and Brussels" in read(client, story)


# Stored pages in their frames (articles.site.frames) --------------------------------


def test_a_stored_page_in_its_frame_is_the_page_the_template_draws(client, story):
    read(client, story)
    page = stored_pages.page_at(
        story.section.slug, timezone.localdate(story.published_at), story.slug
    )
    chrome = site_state().chrome

    drawn = render_to_string(
        "articles/article_stored.html",
        {"page": page, "chrome": chrome, "current_section_slug": page.nav_section},
    )

    framed = frames.frame_for(chrome, page.nav_section).fill(
        title=page.title, head_html=page.head_html, main_html=page.main_html
    )
    assert framed == drawn
    assert page.nav_section == "politics-security"
    assert 'href="/politics-security/" aria-current="page"' in framed


def test_a_headline_with_markup_characters_is_escaped_in_the_framed_title(
    client, story
):
    story.headline = 'Minister says "no" to <script> & more'
    story.save()
    read(client, story)

    page = read(client, story)  # from the stored page and its frame

    assert "<title>Minister says &quot;no&quot; to &lt;script&gt; &amp; more |" in page


def test_a_chrome_change_reaches_pages_drawn_from_frames(client, story):
    read(client, story)
    read(client, story)  # the frame is in this process now
    section = story.section
    section.name = "Politics, Security and Defence"
    section.save()

    page = read(client, story)

    assert ">Politics, Security and Defence</a>" in page


@pytest.mark.parametrize(
    "taken_down",
    [
        {"status": ArticleStatus.UNPUBLISHED},
        {"trashed_at": timezone.now()},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["unpublished", "trashed", "rescheduled"],
)
def test_a_story_taken_down_without_any_signal_is_not_served_from_its_stored_page(
    client, story, taken_down
):
    """The stored page is found together with the story's current row, so even a bulk
    update that sends no signal (and so deletes nothing) takes the page down."""
    address = story.get_absolute_url()
    read(client, story)
    type(story).objects.filter(pk=story.pk).update(**taken_down)
    cache.clear()

    response = client.get(address)

    assert response.status_code in (404, 410)
    assert b"Minister visits Kyiv" not in response.content


def test_a_story_moved_without_any_signal_answers_only_at_its_new_address(
    client, story
):
    old_address = story.get_absolute_url()
    read(client, story)
    type(story).objects.filter(pk=story.pk).update(slug="minister-in-kyiv")
    story.refresh_from_db()
    cache.clear()

    assert client.get(old_address).status_code == 404
    assert "Minister visits Kyiv" in read(client, story)


def test_the_chrome_is_cached_as_its_data_alone(story):
    chrome = load_chrome()
    assert chrome.navigation  # built from the data on first use

    copy = pickle.loads(pickle.dumps(chrome))

    assert "navigation" not in copy.__dict__
    assert copy.version == chrome.version
    assert [item.slug for item in copy.navigation] == [
        item.slug for item in chrome.navigation
    ]


def test_a_changed_setting_drops_the_frames(client, story, settings):
    read(client, story)
    read(client, story)
    assert frames._frames

    settings.PUBLIC_CACHE_MAX_AGE = 30

    assert not frames._frames
