"""The rules of IPTC ninjs 3.2 that our documents touch, restated for the tests.

Read from the published 3.2 specification (IPTC's user guide and JSON Schema): only
`uri` is required at the top level; every property has a fixed type; unknown properties
are not allowed; times are full ISO 8601 date-times; identifiers and links are URIs;
an association needs `name` and `uri`, a rendition `name`, and a headline, body or
description item `value`. No package on PyPI or npm ships IPTC's schema file, and
copying it into the repository is not ours to do, so these checks stand in for it.
"""

from datetime import datetime
from urllib.parse import urlsplit

STRING, INTEGER, ARRAY, OBJECT = str, int, list, dict
DATE_TIME, URI = "date-time", "uri"

TEXT_ITEM = {"role": STRING, "contentType": STRING, "value": STRING}
BODY_ITEM = {**TEXT_ITEM, "charCount": INTEGER, "wordCount": INTEGER}
CONCEPT = {"name": STRING, "rel": STRING, "uri": URI, "literal": STRING}
RENDITION = {
    "name": STRING,
    "href": URI,
    "contentType": STRING,
    "title": STRING,
    "width": INTEGER,
    "height": INTEGER,
    "sizeInBytes": INTEGER,
    "format": STRING,
    "aspectRatio": STRING,
}

# Top-level properties of a news item (the subset a text story can use).
ITEM = {
    "uri": URI,
    "type": {"text", "audio", "video", "picture", "graphic", "composite", "component"},
    "representationType": {"full", "partial"},
    "profile": STRING,
    "version": STRING,
    "firstCreated": DATE_TIME,
    "versionCreated": DATE_TIME,
    "contentCreated": DATE_TIME,
    "embargoedUntil": DATE_TIME,
    "pubStatus": {"usable", "withheld", "canceled"},
    "urgency": INTEGER,
    "copyrightHolder": STRING,
    "copyrightNotice": STRING,
    "usageTerms": STRING,
    "edNote": STRING,
    "language": STRING,
    "descriptions": [TEXT_ITEM, {"value"}],
    "bodies": [BODY_ITEM, {"value"}],
    "headlines": [TEXT_ITEM, {"value"}],
    "people": [CONCEPT, set()],
    "subjects": [CONCEPT, set()],
    "title": STRING,
    "by": STRING,
    "slugline": STRING,
    "located": STRING,
    "renditions": [RENDITION, {"name"}],
    "altIds": [{"role": STRING, "value": STRING}, set()],
    "standard": ({"name": STRING, "version": STRING, "schema": URI}, set()),
}
ASSOCIATION = {**ITEM, "name": STRING, "rel": STRING}
ITEM["associations"] = [ASSOCIATION, {"name", "uri"}]


def problems(
    document: dict, rules: dict = ITEM, required=("uri",), path=""
) -> list[str]:
    """Everything in `document` that breaks the rules, as readable lines; [] when valid."""
    found = [f"{path}{name}: required" for name in required if name not in document]
    for name, value in document.items():
        where = f"{path}{name}"
        if name not in rules:
            found.append(f"{where}: not a ninjs property")
            continue
        found += _check(value, rules[name], where)
    return found


def _check(value, rule, where) -> list[str]:
    if rule is DATE_TIME:
        try:
            parsed = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return [f"{where}: not an ISO 8601 date-time"]
        return [] if parsed.tzinfo else [f"{where}: date-time without a time zone"]
    if rule is URI:
        ok = isinstance(value, str) and urlsplit(value).scheme
        return [] if ok else [f"{where}: not a URI"]
    if isinstance(rule, set):
        return (
            [] if value in rule else [f"{where}: {value!r} not one of {sorted(rule)}"]
        )
    if isinstance(rule, list):  # [item rules, required names]: an array of objects
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        item_rules, item_required = rule
        found = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                found.append(f"{where}[{index}]: not an object")
            else:
                found += problems(item, item_rules, item_required, f"{where}[{index}].")
        return found
    if isinstance(rule, tuple):  # (rules, required names): one object
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        return problems(value, rule[0], rule[1], f"{where}.")
    # bool is an int in Python but not an integer in JSON Schema.
    if not isinstance(value, rule) or isinstance(value, bool):
        return [f"{where}: not a {rule.__name__}"]
    return []
