from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from articles.models import Article, ArticleStatus, Byline, RichTextBlock
from tests.factories import add_text, make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_review_unpublished_and_scheduled_articles():
    """Only articles that are published and due are listed."""
    live = make_article()
    make_article(status=ArticleStatus.DRAFT)
    make_article(status=ArticleStatus.IN_REVIEW)
    make_article(
        status=ArticleStatus.UNPUBLISHED,
        published_at=timezone.now() - timedelta(days=2),
    )
    make_article(published_at=timezone.now() + timedelta(minutes=5))

    assert list(Article.objects.published()) == [live]


def test_scheduled_article_becomes_visible_once_its_time_has_come():
    """Visibility is computed at query time: no job flips a flag."""
    article = make_article(published_at=timezone.now() + timedelta(hours=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()

    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )

    assert Article.objects.published().filter(pk=article.pk).exists()


def test_database_refuses_an_unknown_status():
    """The status check constraint holds even for writes that skip forms."""
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="live")


def test_database_refuses_a_published_article_without_a_time():
    """A published article always has a publication time."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(status=ArticleStatus.PUBLISHED, published_at=None)


def test_slug_is_unique_within_a_section_but_not_across_sections():
    """Two sections may each have a story called 'budget'."""
    section = make_section()
    make_article(section=section, slug="budget")
    make_article(slug="budget")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(section=section, slug="budget")


def test_an_author_appears_once_in_a_byline():
    """The same author cannot be credited twice on one article."""
    author = make_author()
    article = make_article(authors=[author])
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=article, author=author, position=1)


def test_byline_role_defaults_to_the_job_title_and_then_stays():
    """A later promotion does not rewrite the title on old bylines."""
    author = make_author(job_title="Diplomatic Correspondent")
    article = make_article(authors=[author])

    author.job_title = "Foreign Editor"
    author.save()

    assert article.bylines.get().role == "Diplomatic Correspondent"


def test_rich_text_is_sanitised_on_save():
    """Scripts, inline handlers and unknown tags never reach the page."""
    block = add_text(
        make_article(),
        '<h2>Subhead</h2><p onclick="x()">Text <script>alert(1)</script><a href="javascript:x">link</a></p><h1>no</h1>',
    )
    block.refresh_from_db()

    assert "<h2>Subhead</h2>" in block.text
    assert "script" not in block.text
    assert "onclick" not in block.text
    assert "javascript:" not in block.text
    assert "<h1>" not in block.text


def test_a_rich_text_blocks_name_keeps_paragraphs_and_subheads_apart():
    """The editor's label for a block reads "One. The cost More.", not "One.The costMore."."""
    block = add_text(make_article(), "<p>One.</p><h2>The cost</h2><p>More.</p>")

    assert str(block) == "One. The cost More."


def test_a_long_rich_text_blocks_name_is_cut_after_ten_words():
    """Only the first ten words name the block, the cut marked with an ellipsis."""
    block = add_text(make_article(), f"<p>{' '.join(['word'] * 12)}</p>")

    assert str(block) == " ".join(["word"] * 10) + " …"


def test_article_url_is_dated_by_publication_in_the_site_time_zone(settings):
    """The URL carries section, date of publication and slug."""
    section = make_section(slug="politics-security")
    article = make_article(
        section=section,
        slug="minister-visits-kyiv",
        published_at=datetime(2024, 1, 7, 10, 30, tzinfo=UTC),
    )

    assert (
        article.get_absolute_url()
        == "/politics-security/2024/01/07/minister-visits-kyiv/"
    )


def test_draft_without_a_date_has_no_public_url():
    """An article that was never given a time has no address yet."""
    assert make_article(status=ArticleStatus.DRAFT).get_absolute_url() is None


def test_body_blocks_come_back_in_their_order():
    """Blocks are ordered by their position in the body."""
    article = make_article()
    add_text(article, "<p>second</p>", ordering=20)
    add_text(article, "<p>first</p>", ordering=10)

    texts = [block.text for block in RichTextBlock.objects.filter(parent=article)]

    assert texts == ["<p>first</p>", "<p>second</p>"]


def test_an_article_address_is_what_reverse_gives_under_any_script_prefix(db):
    article = make_article(slug="kyiv-visit", published_at=timezone.now())
    day = timezone.localtime(article.published_at).date()
    expected_path = f"{article.section.slug}/{day:%Y}/{day:%m}/{day:%d}/kyiv-visit/"
    for prefix in ("/", "/news/"):
        set_script_prefix(prefix)
        try:
            assert article.get_absolute_url() == reverse(
                "articles:detail",
                kwargs={
                    "section": article.section.slug,
                    "year": day.year,
                    "month": f"{day.month:02d}",
                    "day": f"{day.day:02d}",
                    "slug": "kyiv-visit",
                },
            )
            assert article.get_absolute_url() == prefix + expected_path
        finally:
            set_script_prefix("/")
