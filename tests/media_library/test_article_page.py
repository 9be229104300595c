"""The published article page shows library photos with their captions and credits."""

import pytest
from pytest_django.asserts import assertContains

from articles.site.caching import cached_chrome
from media_library.services import create_photo
from tests.articles.test_views_queries import ARTICLE_FIRST_RENDER_BUDGET
from tests.factories import add_photo_block, make_article, make_photo, photo_upload
from tests.media_library.helpers import described_jpeg, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyodo_photo(tagged_jpeg):
    content = tagged_jpeg(
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Caption-Abstract=Kamikawa meets Zelenskyy in Kyiv, January 7, 2024.",
        "-IPTC:Credit=©Kyodo",
        size=(1200, 800),
    )
    return create_photo(upload=photo_upload("kyodo.jpg", content))


def test_published_page_shows_caption_credit_and_webp_srcset(client, kyodo_photo):
    """The hero carries the embedded caption, "(©Kyodo)" and WebP renditions."""
    article = make_article(hero=kyodo_photo)

    response = client.get(article.get_absolute_url())

    assertContains(response, "Kamikawa meets Zelenskyy in Kyiv, January 7, 2024.")
    assertContains(response, '<span class="credit">(©Kyodo)</span>')
    assertContains(response, 'type="image/webp" srcset="')
    assertContains(response, ".webp 1200w")


def test_page_request_makes_no_renditions(client, settings, kyodo_photo):
    """Serving a page only reads the stored manifest: no file is written."""
    article = make_article(hero=kyodo_photo)
    add_photo_block(article, make_photo(), ordering=1)
    before = stored_files(settings)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert stored_files(settings) == before


def test_fixing_a_caption_in_the_library_fixes_it_on_the_page(client):
    """Without an override, the page shows the library's current caption and credit."""
    photo = make_photo(caption="Old caption.", credit="REUTERS")
    article = make_article()
    add_photo_block(article, photo)
    photo.caption = "Corrected caption."
    photo.save()

    response = client.get(article.get_absolute_url())

    assertContains(response, "Corrected caption.")
    assertContains(response, "(REUTERS)")


def test_per_use_caption_and_credit_override_the_library(client):
    """An override on the hero and on a body photo wins over the library values."""
    photo = make_photo(caption="Library caption.", credit="Library credit")
    article = make_article(
        hero=photo, hero_caption="Hero caption.", hero_credit="©Kyodo"
    )
    add_photo_block(
        article, photo, caption="Body caption.", credit="Handout via REUTERS"
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, "Hero caption.")
    assertContains(response, "(©Kyodo)")
    assertContains(response, "Body caption.")
    assertContains(response, "(Handout via REUTERS)")
    assert "Library caption." not in response.content.decode()


def test_query_count_does_not_grow_with_photos(client, django_assert_max_num_queries):
    """Renditions come with the photo row: ten body photos cost no extra queries."""
    article = make_article(hero=make_photo())
    for position in range(10):
        photo = make_photo(
            image=photo_upload(
                f"p{position}.jpg", described_jpeg(color=(position * 20, 9, 200))
            )
        )
        add_photo_block(article, photo, ordering=position)
    small = make_article(hero=make_photo())
    add_photo_block(small, make_photo())
    cached_chrome()  # shared by every page

    # The first view of each renders its story part and stores it (stored_pages).
    with django_assert_max_num_queries(ARTICLE_FIRST_RENDER_BUDGET) as few:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(article.get_absolute_url())

    assert response.content.decode().count('type="image/webp"') == 11
