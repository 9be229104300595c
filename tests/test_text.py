"""Plain text and word diffs, shared by search, history and the bio review."""

from media_library.checksums import upload_checksum
from text import html_to_text, word_diff


def test_html_to_text_keeps_blocks_apart_on_one_line():
    """Paragraphs and subheads read as separate words, entities decoded."""
    assert html_to_text("<p>One &amp; two.</p><h2>Sub</h2><p>Three</p>") == (
        "One & two. Sub Three"
    )


def test_html_to_text_gives_one_line_per_block_when_asked():
    """For comparisons each paragraph, subhead and list item is its own line."""
    markup = "<p>One</p><h3>Sub</h3><ul><li>a</li><li>b</li></ul>"

    assert html_to_text(markup, lines=True) == "One\nSub\na\nb"


def test_html_to_text_drops_control_characters():
    """Control characters never reach search text or snippets."""
    assert html_to_text("<p>a\x00b\x1fc</p>") == "a b c"


def test_word_diff_marks_a_changed_run_as_one_piece():
    """Added words are one <ins>, removed words one <del>, the rest as it was."""
    diff = word_diff("covers diplomacy from Tokyo.", "covers diplomacy and defence.")

    assert diff == "covers diplomacy <del>from Tokyo.</del><ins>and defence.</ins>"


def test_word_diff_escapes_both_sides():
    """Editor text is escaped before it is marked up."""
    assert word_diff("<b>", "<i>") == "<del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"


def test_upload_checksum_is_the_same_for_bytes_and_a_file():
    """Bytes and a chunked file with the same content have the same checksum."""
    from django.core.files.base import ContentFile

    data = b"photo bytes" * 1000
    upload = ContentFile(data)

    assert upload_checksum(upload) == upload_checksum(data)
    assert upload.read() == data
