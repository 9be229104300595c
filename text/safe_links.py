"""Finishing touches on sanitised rich text, shared by author bios and article bodies.

A link that opens a new tab hands the opened page `window.opener`, through which it
can send this tab elsewhere (tab-nabbing), and the Referer header. Every such link
therefore gets rel="noopener noreferrer", whatever rel the editor typed.
"""

import re

# nh3 writes every tag it keeps in one normal form: double-quoted, escaped attributes.
LINK_TAG = re.compile(r"<a\s[^>]*>", re.I)
ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
SAFE_REL = {"noopener", "noreferrer"}


def _safe_link(match: re.Match) -> str:
    tag = match.group(0)
    attributes = dict(ATTRIBUTE.findall(tag))
    if attributes.get("target", "").lower() != "_blank":
        return tag
    rel = attributes.pop("rel", "").split()
    rel = [word for word in rel if word.lower() != "opener"]
    rel += sorted(SAFE_REL - {word.lower() for word in rel})
    attributes["rel"] = " ".join(rel)
    # Values were escaped by nh3 already; escape() would double the entities.
    rendered = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f"<a{rendered}>"


def with_safe_link_targets(html: str) -> str:
    """`html` (already sanitised) with rel="noopener noreferrer" on every target="_blank" link."""
    return LINK_TAG.sub(_safe_link, html)
