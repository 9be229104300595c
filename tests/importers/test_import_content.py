"""What a WordPress export becomes: sections, tags, authors, photos and article bodies."""

import pytest
from taggit.models import Tag

from articles.models import (
    Article,
    EmbedBlock,
    PhotoBlock,
    PullQuoteBlock,
    RichTextBlock,
)
from authors.models import Author
from importers.models import ImportedItem, ItemKind
from media_library.models import Photo
from sections.models import Section
from tests.importers.conftest import KYIV_CAPTION

pytestmark = pytest.mark.django_db


def article(post_id: int) -> Article:
    return ImportedItem.objects.get(kind=ItemKind.POST, source_id=str(post_id)).article


def body(post):
    blocks = [
        *RichTextBlock.objects.filter(parent=post),
        *PhotoBlock.objects.filter(parent=post),
        *PullQuoteBlock.objects.filter(parent=post),
        *EmbedBlock.objects.filter(parent=post),
    ]
    return sorted(blocks, key=lambda block: block.ordering)


def test_categories_become_sections_with_their_parents(imported):
    """A child category becomes a section under its parent's section."""
    asia = Section.objects.get(slug="asia")
    assert asia.parent == Section.objects.get(slug="world")
    assert article(10).section == asia


def test_category_on_a_reserved_address_gets_another_slug(imported):
    """A category called "search" cannot take the search page's address."""
    assert Section.objects.filter(name="Search", slug="search-section").exists()


def test_tags_are_attached_to_the_article(imported):
    """Post tags become the article's tags, declared or not in the tag list."""
    assert sorted(article(10).tags.names()) == ["Japan", "Ukraine"]
    assert Tag.objects.filter(name="Ukraine").count() == 1


def test_co_authors_make_the_byline_in_their_order(imported):
    """Co-Authors Plus terms give every author, guests included, in order."""
    names = [b.author.name for b in article(10).bylines.all()]
    assert names == ["Kenji Ono", "Mariko Sato"]


def test_post_author_makes_the_byline_without_co_authors(imported):
    """Without co-author terms the post's own author is the byline."""
    assert [b.author.name for b in article(11).bylines.all()] == ["Ada Admin"]
    assert Author.objects.filter(slug="admin", name="Ada Admin").exists()


def test_attachment_becomes_a_photo_with_caption_credit_and_alt_text(imported):
    """Caption, credit written in it, alt text and description are carried over."""
    record = ImportedItem.objects.get(kind=ItemKind.ATTACHMENT, source_id="100")
    photo = record.photo
    assert photo.caption == KYIV_CAPTION
    assert photo.credit == "Presidential Press Service/Reuters"
    assert photo.alt_text == "Two ministers shake hands"
    assert "Mariinskyi Palace" in record.note
    assert photo.image.name.endswith(".jpg") and photo.renditions


def test_missing_file_is_recorded_and_reported(imported):
    """An attachment without its file leaves a record saying which file is missing."""
    record = ImportedItem.objects.get(kind=ItemKind.ATTACHMENT, source_id="101")
    assert record.photo is None and record.file_missing
    assert "File missing: 2024/01/gone.jpg" in record.note
    assert "photo 101 (2024/01/gone.jpg): file missing" in imported.out


def test_file_that_is_no_picture_is_refused_like_an_upload(imported):
    """The upload checks of the admin refuse a file that is not an image."""
    record = ImportedItem.objects.get(kind=ItemKind.ATTACHMENT, source_id="102")
    assert record.photo is None and record.note.startswith("Refused:")
    assert Photo.objects.count() == 1


def test_caption_shortcode_becomes_a_photo_block(imported):
    """[caption] around a resized image finds the library photo and its caption."""
    photos = PhotoBlock.objects.filter(parent=article(10))
    assert [block.photo.caption for block in photos] == [KYIV_CAPTION]
    assert photos[0].caption == "" and photos[0].credit == ""
    assert article(10).hero.caption == KYIV_CAPTION


def test_classic_body_keeps_paragraphs_headings_and_quotes(imported):
    """Blank lines make paragraphs, h4 a subhead, a block quote a pull quote."""
    blocks = body(article(10))
    kinds = [type(block).__name__ for block in blocks]
    assert kinds == ["RichTextBlock", "PhotoBlock", "RichTextBlock", "PullQuoteBlock"]
    assert blocks[0].text.startswith("<p>Japan's foreign minister arrived in Kyiv")
    assert "<h3>Seeking air-defence help</h3>" in blocks[2].text
    assert blocks[3].text == "Japan stands with Ukraine."
    assert blocks[3].attribution == "Yoko Kamikawa"


def test_scripts_and_event_handlers_are_stripped(imported):
    """Nothing executable survives: the admin's sanitiser cleans imported text."""
    text = " ".join(block.text for block in RichTextBlock.objects.all())
    assert "script" not in text and "stolen" not in text and "onclick" not in text
    assert "Generators for the winter were announced." in text


def test_gutenberg_blocks_become_our_blocks(imported):
    """Paragraph, heading, image, quote, list and embed blocks, in order."""
    blocks = body(article(11))
    kinds = [type(block).__name__ for block in blocks]
    assert kinds == [
        "RichTextBlock",
        "PhotoBlock",
        "PullQuoteBlock",
        "RichTextBlock",
        "EmbedBlock",
    ]
    assert "<strong>16.5%</strong>" in blocks[0].text
    assert "<h2>The price of defence</h2>" in blocks[0].text
    assert blocks[1].caption == "The ministers met at the palace."
    assert blocks[1].credit == "©Kyodo"
    assert (blocks[2].text, blocks[2].attribution) == ("We will help.", "The minister")
    assert (
        "<li><p>Generators</p></li>" in blocks[3].text
        or "<li>Generators</li>" in blocks[3].text
    )
    assert blocks[4].url == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    assert blocks[4].embed.provider.name == "YouTube"


def test_missing_photo_is_left_out_and_named(imported):
    """A post whose image has no file keeps its text and says what is missing."""
    post = article(17)
    assert [type(b).__name__ for b in body(post)] == ["RichTextBlock"]
    assert "photo left out, its file is missing" in imported.out
    assert post.is_published


def test_pages_are_reported_and_skipped(imported):
    """Pages are not articles: none is created, and the report says so."""
    assert not Article.objects.filter(headline="About us").exists()
    assert "post 20 “About us”: pages are not imported" in imported.out


def test_one_bad_item_is_named_and_the_rest_goes_on(tmp_path, db, monkeypatch):
    """An item that fails is rolled back alone and named; the items after it go in."""
    from importers import posts
    from tests.importers import wxr_builder as wxr
    from tests.importers.conftest import run_import

    real = posts.convert_body

    def breaks_on_marker(content):
        if "BREAK" in content:
            raise RuntimeError("the converter broke")
        return real(content)

    monkeypatch.setattr(posts, "convert_body", breaks_on_marker)
    path = tmp_path / "three.xml"
    items = [
        wxr.item(n, title=f"Story {n}", slug=f"s{n}", content=text, excerpt="Dek.")
        for n, text in ((1, "<p>Fine.</p>"), (2, "<p>BREAK</p>"), (3, "<p>Fine.</p>"))
    ]
    path.write_text(wxr.export(wxr.author("admin", "Ada Admin"), *items))
    result = run_import(path)
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Story 1",
        "Story 3",
    ]
    assert "failed: post 2 “Story 2”: could not be imported" in result.out
    assert "RuntimeError: the converter broke" in result.out
    assert not ImportedItem.objects.filter(source_id="2").exists()


def test_progress_is_shown_while_it_runs(export_file, media_dir, db):
    """Progress lines go to stderr as items are read."""
    from io import StringIO

    from importers.report import Report
    from importers.runner import WordPressImport

    progress = StringIO()
    report = Report(progress=progress, every_seconds=0)
    WordPressImport(
        export_file, media_dir=media_dir, dry_run=False, report=report
    ).run()
    assert "[posts]" in progress.getvalue() and "items read" in progress.getvalue()
