"""The demo desk's story files: the format a writer edits, and its errors."""

from pathlib import Path

import pytest

from demo.stories import (
    StoryFormatError,
    parse_body,
    read_data,
    read_stories,
    read_story,
)

STORY = """+++
section = "economy"
slug = "a-story"
headline = "A headline"
dek = "A dek"
dateline = "TOKYO"
status = "draft"
authors = ["laura-brennan"]
tags = ["Japan"]

[photo.inline-1]
shows = "A harbour crane"
place = "Osaka"
+++

First paragraph,
on two lines.

Second & last.

[photo: inline-1]

> Quoted words
> over two lines.

## A subhead

Closing paragraph.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_body_becomes_text_photo_and_quote_blocks_in_order(tmp_path):
    """Paragraphs and subheads share text blocks; markers become photo and quote blocks."""
    story = read_story(write(tmp_path, STORY))

    assert [(block.kind, block.value) for block in story.blocks] == [
        ("text", "<p>First paragraph, on two lines.</p><p>Second &amp; last.</p>"),
        ("photo", "inline-1"),
        ("quote", "Quoted words over two lines."),
        ("text", "<h2>A subhead</h2><p>Closing paragraph.</p>"),
    ]
    assert story.photos["inline-1"]["place"] == "Osaka"


def test_a_photo_marker_without_its_table_is_refused(tmp_path):
    """A [photo: …] marker must be described in the front matter."""
    text = STORY.replace("[photo: inline-1]", "[photo: missing]")

    with pytest.raises(StoryFormatError, match=r"story.md: \[photo: missing\]"):
        read_story(write(tmp_path, text))


def test_missing_front_matter_is_refused(tmp_path):
    """A file without its +++ fences names itself in the error."""
    with pytest.raises(StoryFormatError, match="story.md: front matter"):
        read_story(write(tmp_path, "Just a paragraph.\n"))


def test_an_unknown_front_matter_key_is_refused(tmp_path):
    """A typo in a key is an error, not a silently ignored field."""
    text = STORY.replace('dateline = "TOKYO"', 'datelin = "TOKYO"')

    with pytest.raises(StoryFormatError, match="story.md"):
        read_story(write(tmp_path, text))


def test_only_second_level_subheads_are_allowed():
    """A # or ### heading is refused: the body allows h2 subheads only."""
    with pytest.raises(StoryFormatError, match="subheads"):
        parse_body("# Title\n\nText.", path=Path("x.md"))


def test_every_story_names_a_known_section_and_known_authors():
    """The shipped files agree with each other: sections, staff and stories."""
    sections = {section["slug"] for section in read_data("sections.toml")["section"]}
    staff = {member["slug"] for member in read_data("staff.toml")["author"]}
    stories = read_stories()

    assert len(stories) == 37
    assert len({story.slug for story in stories}) == len(stories)
    for story in stories:
        assert story.section in sections, story.path.name
        assert set(story.authors) <= staff, story.path.name
        assert story.status in {"draft", "in_review", "published", "scheduled"}


def test_the_publication_name_comes_from_settings(settings):
    """`{publication}` in the data is the configured name."""
    settings.NEWSROOM_NAME = "The Harbour Post"

    bios = [member["short_bio"] for member in read_data("staff.toml")["author"]]

    assert any("The Harbour Post" in bio for bio in bios)
    assert not any("{publication}" in bio for bio in bios)
