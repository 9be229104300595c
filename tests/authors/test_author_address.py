"""An author page's address, formatted from a pattern reversed once, is reverse()'s."""

import pytest
from django.urls import reverse

from authors.models import author_path


@pytest.mark.parametrize("slug", ["aiko-tanaka", "writer_12", "Ren-Ota-2"])
def test_the_formatted_address_is_the_reversed_one(slug):
    assert author_path(slug) == reverse("articles:author", args=[slug])


def test_the_address_follows_a_script_prefix(settings):
    from django.urls import set_script_prefix

    set_script_prefix("/news/")
    try:
        assert author_path("aiko-tanaka") == "/news/authors/aiko-tanaka/"
        assert author_path("aiko-tanaka") == reverse(
            "articles:author", args=["aiko-tanaka"]
        )
    finally:
        set_script_prefix("/")
