"""The demo desk's words, read from files a writer can edit.

`demo/data/sections.toml` and `demo/data/staff.toml` hold the desks, the staff and the
accounts; `demo/stories/*.md` hold one story each: TOML front matter between `+++`
lines, then a Markdown-ish body:

    Paragraphs are separated by a blank line; a line break inside one is a space.

    ## A subhead

    [photo: hero-2]            a photo block, described in the front matter's [photo.*]

    > A pull quote, attributed to the story's first author.

`{publication}` anywhere in the data stands for the publication's name (NEWSROOM_NAME).
"""

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path

from django.conf import settings

DEMO_DIRECTORY = Path(__file__).resolve().parent
DATA_DIRECTORY = DEMO_DIRECTORY / "data"
STORY_DIRECTORY = DEMO_DIRECTORY / "stories"
FRONT_MATTER_FENCE = "+++"


class StoryFormatError(ValueError):
    """A story or data file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Block:
    """One body block: "text" (sanitisable HTML), "photo" (a key) or "quote" (text)."""

    kind: str
    value: str


@dataclass(frozen=True)
class Story:
    path: Path
    section: str
    slug: str
    headline: str
    dek: str
    dateline: str
    status: str  # draft, in_review, published or scheduled
    authors: list[str]
    tags: list[str]
    blocks: list[Block]
    photos: dict[str, dict] = field(default_factory=dict)
    hero: str = ""
    day: date | None = None
    published_at: datetime | None = None
    written_by: str = ""  # an account; otherwise the editor writes it
    photos_taken_on: date | None = None


def with_publication(value):
    """`{publication}` replaced by the configured name, in strings, lists and tables."""
    if isinstance(value, str):
        return value.replace("{publication}", settings.NEWSROOM_NAME)
    if isinstance(value, list):
        return [with_publication(item) for item in value]
    if isinstance(value, dict):
        return {key: with_publication(item) for key, item in value.items()}
    return value


def read_data(name: str) -> dict:
    """One of the TOML files in demo/data/."""
    path = DATA_DIRECTORY / name
    try:
        return with_publication(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as error:
        raise StoryFormatError(f"{path.name}: {error}") from error


def read_stories() -> list[Story]:
    """Every story file, in name order (the load order, and so the order of their ids)."""
    return [read_story(path) for path in sorted(STORY_DIRECTORY.glob("*.md"))]


def read_story(path: Path) -> Story:
    text = path.read_text(encoding="utf-8")
    opening, _, rest = text.partition(FRONT_MATTER_FENCE + "\n")
    front, fence, body = rest.partition("\n" + FRONT_MATTER_FENCE + "\n")
    if opening.strip() or not fence:
        raise StoryFormatError(
            f"{path.name}: front matter must open and close with a line of {FRONT_MATTER_FENCE}"
        )
    try:
        meta = with_publication(tomllib.loads(front))
    except tomllib.TOMLDecodeError as error:
        raise StoryFormatError(f"{path.name}: {error}") from error
    photos = meta.pop("photo", {})
    blocks = parse_body(body, path=path)
    for block in blocks:
        if block.kind == "photo" and block.value not in photos:
            raise StoryFormatError(
                f"{path.name}: [photo: {block.value}] has no [photo.{block.value}] table"
            )
    try:
        return Story(path=path, blocks=blocks, photos=photos, **meta)
    except TypeError as error:
        raise StoryFormatError(f"{path.name}: {error}") from error


def parse_body(body: str, *, path: Path) -> list[Block]:
    """Blocks in reading order; neighbouring paragraphs and subheads share a text block."""
    blocks: list[Block] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            blocks.append(Block("text", "".join(text)))
            text.clear()

    for chunk in (c.strip() for c in body.split("\n\n")):
        if not chunk:
            continue
        if chunk.startswith("[photo:") and chunk.endswith("]"):
            flush()
            blocks.append(Block("photo", chunk[len("[photo:") : -1].strip()))
        elif chunk.startswith(">"):
            flush()
            lines = (line.removeprefix(">").strip() for line in chunk.splitlines())
            blocks.append(Block("quote", " ".join(lines)))
        elif chunk.startswith("## "):
            text.append(f"<h2>{escape(' '.join(chunk[3:].split()), quote=False)}</h2>")
        elif chunk.startswith("#"):
            raise StoryFormatError(f"{path.name}: only ## subheads are allowed")
        else:
            text.append(f"<p>{escape(' '.join(chunk.split()), quote=False)}</p>")
    flush()
    return blocks
