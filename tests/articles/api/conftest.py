import pytest

from tests.factories import (
    add_photo_block,
    add_text,
    make_article,
    make_author,
    make_photo,
)


@pytest.fixture
def story(db):
    """A published story with two bylines, a hero, a body photo, a pull quote and tags."""
    from articles.models import PullQuoteBlock

    article = make_article(
        authors=[
            make_author(name="Kenji Ono", job_title="Diplomatic Correspondent"),
            make_author(name="Ana Ruiz"),
        ],
        tags=["Ukraine", "Japan"],
        hero=make_photo(credit="Presidential Press Service/Handout via REUTERS"),
        dateline="KYIV",
    )
    add_text(article, "<p>First paragraph.</p><h2>Seeking air defence</h2>", ordering=0)
    add_photo_block(article, ordering=1, caption="Override caption, Kyiv.")
    PullQuoteBlock.objects.create(
        parent=article,
        region="body",
        ordering=2,
        text="We stand with Ukraine.",
        attribution="Yoko Kamikawa",
    )
    return article
