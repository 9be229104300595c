import re

import pytest
from django.template.loader import render_to_string

from tests.factories import image_bytes, make_photo, photo_upload

pytestmark = pytest.mark.django_db


def render_figure(**context) -> str:
    return render_to_string("includes/photo_figure.html", context)


@pytest.fixture
def photo():
    return make_photo(
        image=photo_upload("kyiv.jpg", image_bytes(size=(1000, 600))),
        caption="Kamikawa and Kuleba in Kyiv, January 7, 2024.",
        credit="©Kyodo",
        alt_text="Two ministers at a lectern",
    )


def test_figure_carries_caption_credit_alt_and_size(photo):
    """Caption and credit sit in their own elements; alt, width and height are set."""
    html = render_figure(
        photo=photo, caption=photo.caption, credit=photo.credit_display
    )

    assert (
        '<span class="caption">Kamikawa and Kuleba in Kyiv, January 7, 2024.</span>'
        in html
    )
    assert '<span class="credit">(©Kyodo)</span>' in html
    assert 'alt="Two ministers at a lectern"' in html
    assert 'width="1000" height="600"' in html


def test_figure_offers_webp_and_fallback_srcsets(photo):
    """A WebP <source> and a JPEG srcset list every stored width."""
    html = render_figure(photo=photo)

    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert [entry.split()[-1] for entry in webp.split(", ")] == [
        "480w",
        "800w",
        "1000w",
    ]
    assert all(".webp" in entry for entry in webp.split(", "))
    assert re.search(
        r'<img src="[^"]+full-1000\.jpeg" srcset="[^"]+full-480\.jpeg 480w', html
    )
    assert 'sizes="(min-width: 48rem) 45rem, 100vw"' in html


def test_figure_is_lazy_unless_told_otherwise(photo):
    """Below the fold by default; the hero asks for eager loading."""
    assert 'loading="lazy"' in render_figure(photo=photo)
    eager = render_figure(photo=photo, loading="eager")
    assert 'loading="eager"' in eager and 'loading="lazy"' not in eager


def test_card_variant_uses_small_widths_and_a_crop(photo):
    """Cards get the 16:9 crop, nothing wider than 800 pixels, and narrow sizes."""
    html = render_figure(photo=photo, variant="card", crop="16:9")

    assert "16x9-1000" not in html
    assert "16x9-800.jpeg 800w" in html
    assert 'width="800" height="450"' in html
    assert 'sizes="(min-width: 48rem) 15rem, 100vw"' in html


def test_decorative_photo_has_empty_alt(photo):
    """A decorative picture is hidden from screen readers with alt=""."""
    photo.is_decorative = True
    photo.save()

    assert 'alt=""' in render_figure(photo=photo)


def test_figure_without_caption_or_credit_has_no_figcaption(photo):
    """No empty <figcaption> is emitted."""
    assert "<figcaption>" not in render_figure(photo=photo)


def test_photo_without_renditions_falls_back_to_the_original(photo):
    """A photo whose renditions are not yet made still shows, from its original file."""
    photo.renditions = {}

    html = render_figure(photo=photo)

    assert f'src="{photo.image.url}"' in html
    assert "srcset" not in html
