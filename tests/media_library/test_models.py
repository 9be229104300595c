import pytest

from tests.factories import make_photo

pytestmark = pytest.mark.django_db


def test_a_long_caption_is_shortened_with_an_ellipsis():
    """Pickers and messages show at most 80 characters, the cut marked with "…"."""
    caption = (
        "Ukrainian President Volodymyr Zelenskyy welcomes Japanese Foreign Minister "
        "Yoko Kamikawa before their talks in Kyiv, January 7, 2024."
    )
    photo = make_photo(caption=caption)

    assert len(str(photo)) <= 80
    assert str(photo).endswith("…")
    assert caption.startswith(str(photo).removesuffix("…"))


def test_a_short_caption_is_shown_whole():
    """A caption that fits is the photo's name unchanged."""
    photo = make_photo(caption="Kamikawa in Kyiv, January 7, 2024.")

    assert str(photo) == "Kamikawa in Kyiv, January 7, 2024."
