"""The part of IPTC ninjs 3.2 this API emits, as schemas for the OpenAPI document.

Property names are ninjs 3.x's own camelCase ones (`versionCreated`, `pubStatus`, …);
the 1.x spellings (`versioncreated`) are not valid 3.x. Only `uri` is required at the
top level; in `associations` each item needs `name` and `uri`; headline, body and
description items need `value`; a rendition needs `name`.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

NINJS_VERSION = "3.2"
NINJS_SCHEMA_URI = "https://www.iptc.org/std/ninjs/ninjs-schema_3.2.json"


class NinjsStandard(Schema):
    name: Literal["ninjs"]
    version: str
    schema_: str = Field(alias="schema")


class NinjsText(Schema):
    role: str
    contentType: str
    value: str


class NinjsBody(NinjsText):
    charCount: int
    wordCount: int


class NinjsConcept(Schema):
    name: str
    rel: str
    uri: str
    literal: str


class NinjsRendition(Schema):
    name: str
    href: str
    contentType: str
    width: int
    height: int
    aspectRatio: str | None = None


class NinjsPicture(Schema):
    """A photo of the story, as an association."""

    name: str
    rel: str
    uri: str
    type: Literal["picture"]
    representationType: Literal["full"]
    by: str | None = None
    headlines: list[NinjsText] | None = None
    descriptions: list[NinjsText]
    copyrightHolder: str | None = None
    copyrightNotice: str | None = None
    usageTerms: str
    renditions: list[NinjsRendition]


class NinjsDocument(Schema):
    uri: str
    standard: NinjsStandard
    type: Literal["text"]
    representationType: Literal["full"]
    profile: str
    version: str
    firstCreated: datetime
    versionCreated: datetime
    contentCreated: datetime
    pubStatus: Literal["usable"]
    language: str
    copyrightHolder: str
    copyrightNotice: str
    headlines: list[NinjsText]
    slugline: str
    by: str
    located: str | None = None
    people: list[NinjsConcept]
    subjects: list[NinjsConcept]
    bodies: list[NinjsBody]
    associations: list[NinjsPicture]
    altIds: list[dict[str, str]]


class NinjsPage(Schema):
    items: list[NinjsDocument]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page; absent on the last page."
    )
    next_url: str | None = None
